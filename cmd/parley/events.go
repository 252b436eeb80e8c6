package main

import (
	"context"
	"fmt"

	"github.com/parley-events/parley/store"
)

// runEvents queries stored events.
func (m *Main) runEvents(ctx context.Context, args []string) error {
	fs := m.newFlagSet("events", "[--dyad JPN-PRK [--either]] [--actor PRKGOV] [--from 2012-01 --to 2012-12] [--cameo 036 | --root 03] [--text words] [--limit N] [--format table|csv|jsonl|parquet]")
	db := m.dbFlag(fs)
	var qf queryFlags
	qf.register(fs)
	var of outputFlags
	of.register(fs, "table, csv, jsonl or parquet")
	limit := fs.Int("limit", 100, "most events to print; 0 for all")
	desc := fs.Bool("desc", false, "newest event date first")
	story := fs.String("story", "", "events of this story id")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &exitError{code: exitUsage, msg: fmt.Sprintf("events: unexpected argument %q", fs.Arg(0))}
	}
	if *limit < 0 {
		return &exitError{code: exitUsage, msg: "--limit: must be 0 (all) or more"}
	}
	q, err := qf.query()
	if err != nil {
		return err
	}
	q.Desc, q.StoryID = *desc, *story
	format, out, closeOut, err := of.resolve(m, "table", "csv", "jsonl", "parquet")
	if err != nil {
		return err
	}
	s, err := m.openStoreRead(*db)
	if err != nil {
		closeOut()
		return err
	}
	defer s.Close()
	w := newEventWriter(format, out)
	n, more := 0, false
	for {
		q.Limit = store.MaxLimit
		if *limit > 0 {
			q.Limit = min(store.MaxLimit, *limit-n)
		}
		page, err := s.Events(ctx, q)
		if err != nil {
			closeOut()
			return err
		}
		if err := w.write(page.Events); err != nil {
			closeOut()
			return fmt.Errorf("events: write: %w", err)
		}
		n += len(page.Events)
		if page.Next == "" {
			break
		}
		if *limit > 0 && n >= *limit {
			more = true
			break
		}
		q.Cursor = page.Next
	}
	if err := w.close(); err != nil {
		closeOut()
		return fmt.Errorf("events: write: %w", err)
	}
	if err := closeOut(); err != nil {
		return fmt.Errorf("events: write %s: %w", of.output, err)
	}
	if more {
		fmt.Fprintf(m.Stderr, "parley events: first %d events shown; --limit 0 for all\n", n)
	}
	return nil
}
