package main

import (
	"github.com/parley-events/parley/coding"
)

// builtinDictionaries returns parley's own dictionary files for the coder.
// The actors (with agents and places) and verbs packages provide them.
func builtinDictionaries() ([]coding.BuiltinFile, error) {
	return nil, nil
}
