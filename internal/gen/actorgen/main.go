// Command actorgen writes parley's built-in actor dictionaries in the
// PETRARCH/TABARI actor format from the compact sources in actors/source:
//
//	countries.src -> actors/data/parley.countries.actors.txt
//	people.src    -> actors/data/parley.people.actors.txt
//
// Run it with `go generate ./actors` after editing a source file. The
// source formats are described at the top of each source file.
package main

import (
	"flag"
	"log"
	"os"
	"path/filepath"

	"github.com/parley-events/parley/actors/source"
)

func main() {
	dir := flag.String("dir", ".", "the actors package folder")
	flag.Parse()
	countries, err := os.ReadFile(filepath.Join(*dir, "source/countries.src"))
	if err != nil {
		log.Fatal(err)
	}
	cs, err := source.ParseCountries(countries)
	if err != nil {
		log.Fatal(err)
	}
	people, err := os.ReadFile(filepath.Join(*dir, "source/people.src"))
	if err != nil {
		log.Fatal(err)
	}
	ps, err := source.ParsePeople(people)
	if err != nil {
		log.Fatal(err)
	}
	write(filepath.Join(*dir, "data/parley.countries.actors.txt"), source.CountryFile(cs))
	write(filepath.Join(*dir, "data/parley.people.actors.txt"), source.PeopleFile(ps))
}

func write(path string, b []byte) {
	if err := os.WriteFile(path, b, 0o644); err != nil {
		log.Fatal(err)
	}
}
