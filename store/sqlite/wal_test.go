package sqlite

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// TestReadWhileWriting checks the WAL behaviour ingest and serve rely on: a
// second connection pool (as another process would have) reads the last
// committed state while a write transaction is open, without waiting for
// it, and sees the new state once it commits.
func TestReadWhileWriting(t *testing.T) {
	path := filepath.Join(t.TempDir(), "wal.db")
	w, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	ctx := t.Context()
	if _, err := w.BeginVersion(ctx, "first"); err != nil {
		t.Fatal(err)
	}
	r, err := Open(path, Options{ReadOnly: true, BusyTimeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()

	tx, err := w.wr.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("INSERT INTO versions (coder, created) VALUES ('second', '')"); err != nil {
		t.Fatal(err)
	}
	rctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	start := time.Now()
	vs, err := r.Versions(rctx)
	if err != nil {
		t.Fatalf("reading while a write transaction is open: %v", err)
	}
	if len(vs) != 1 {
		t.Errorf("reader sees %d versions during the write, want the 1 committed", len(vs))
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("reader waited %s for the writer", d)
	}
	// A second writer waits (busy) rather than corrupting anything.
	w2, err := Open(path, Options{BusyTimeout: 50 * time.Millisecond})
	if err == nil {
		if _, err := w2.BeginVersion(ctx, "third"); err == nil {
			t.Errorf("a second writer wrote while the first held the write lock")
		}
		w2.Close()
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	vs, err = r.Versions(ctx)
	if err != nil || len(vs) != 2 {
		t.Errorf("after commit: %d versions, %v; want 2", len(vs), err)
	}
	// The read-only store refuses writes with Invalid.
	if _, err := r.BeginVersion(ctx, "x"); err == nil {
		t.Errorf("read-only store accepted a write")
	}
}
