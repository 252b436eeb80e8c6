package main

import (
	"flag"

	"github.com/parley-events/parley/ingest"
)

// readerFlags registers the flags that choose how stories are read
// (--input-format and the JSON/CSV field names) on fs, filling ro. Every
// command that reads stories (read, code, ingest) takes the same ones.
func readerFlags(fs *flag.FlagSet, ro *ingest.Options) {
	fs.StringVar(&ro.Format, "input-format", "", "input format: text, html, rss, jsonl, json, csv or tsv (default: detected)")
	fs.StringVar(&ro.Format, "input", "", "same as --input-format")
	fs.StringVar(&ro.IDField, "id-field", "", "JSON/CSV field holding the story id")
	fs.StringVar(&ro.TextField, "text-field", "", "JSON/CSV field holding the story text")
	fs.StringVar(&ro.DateField, "date-field", "", "JSON/CSV field holding the publication date")
	fs.StringVar(&ro.TitleField, "title-field", "", "JSON/CSV field holding the title")
	fs.StringVar(&ro.SourceField, "source-field", "", "JSON/CSV field holding the publisher")
	fs.StringVar(&ro.URLField, "url-field", "", "JSON/CSV field holding the URL")
}

// storyInputs returns the paths a story-reading command was given, or a
// usage error when there are none, and normalises --input-format auto.
func storyInputs(fs *flag.FlagSet, cmd string, ro *ingest.Options) ([]string, error) {
	paths := fs.Args()
	if len(paths) == 0 {
		fs.Usage()
		return nil, &exitError{code: exitUsage, msg: cmd + ": no input (give files, folders, or - for standard input)"}
	}
	if ro.Format == "auto" {
		ro.Format = ""
	}
	return paths, nil
}

// outputFormat is the --format a command prints: the one given, else a
// table on a terminal and JSON lines otherwise.
func (m *Main) outputFormat(given string) string {
	switch {
	case given != "":
		return given
	case m.IsTerminal:
		return "table"
	}
	return "jsonl"
}
