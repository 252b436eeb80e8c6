package main

import (
	"io/fs"
	"sort"

	"github.com/parley-events/parley/actors"
	"github.com/parley-events/parley/coding"
	"github.com/parley-events/parley/verbs"
)

// builtinSources are parley's own dictionary file systems: verb patterns
// (package verbs) and actors, agents and places (package actors).
func builtinSources() []fs.FS {
	return []fs.FS{verbs.Files(), actors.Files()}
}

// builtinDictionaries returns parley's own dictionary files for the coder.
func builtinDictionaries() ([]coding.BuiltinFile, error) {
	var out []coding.BuiltinFile
	for _, fsys := range builtinSources() {
		names, err := fs.Glob(fsys, "*.txt")
		if err != nil {
			return nil, err
		}
		sort.Strings(names)
		for _, n := range names {
			b, err := fs.ReadFile(fsys, n)
			if err != nil {
				return nil, err
			}
			out = append(out, coding.BuiltinFile{Name: n, Content: b})
		}
	}
	return out, nil
}
