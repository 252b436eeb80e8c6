package verbs

import (
	"embed"
	"io/fs"
)

//go:embed data/*.verbs.txt
var files embed.FS

// Name is the file name of the built-in verb dictionary inside Files.
const Name = "parley.verbs.txt"

// Files returns the built-in verb dictionaries, one file per dictionary at
// the root of the file system (today only Name). The files are in the
// TABARI/PETRARCH verbs format and are read with package dict.
func Files() fs.FS {
	sub, err := fs.Sub(files, "data")
	if err != nil { // cannot happen: "data" is a valid embedded directory
		return files
	}
	return sub
}
