package sqlite_test

import (
	"path/filepath"
	"testing"

	"github.com/parley-events/parley/store"
	"github.com/parley-events/parley/store/sqlite"
	"github.com/parley-events/parley/store/storetest"
)

// mustOpen opens a store in a new temporary file.
func mustOpen(tb testing.TB) *sqlite.Store {
	tb.Helper()
	s, err := sqlite.Open(filepath.Join(tb.TempDir(), "parley.db"), sqlite.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return mustOpen(t) })
}
