package actors

import (
	"embed"
	"io/fs"
	"sort"
)

//go:embed data/*.txt
var data embed.FS

// Files returns parley's built-in dictionaries as a file system whose root
// holds the dictionary files (parley.countries.actors.txt, ...). The files
// are in the PETRARCH/TABARI formats, so the reader for a user's --dict
// files reads them too; the kind of each file is in its name (.actors.txt,
// .agents.txt).
func Files() fs.FS {
	sub, err := fs.Sub(data, "data")
	if err != nil {
		// fs.Sub fails only on an invalid path; "data" is valid.
		panic(err)
	}
	return sub
}

// Names returns the names of the built-in dictionary files, sorted.
func Names() []string {
	entries, _ := fs.ReadDir(Files(), ".")
	out := make([]string, 0, len(entries))
	for _, e := range entries {
		if !e.IsDir() {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out
}
