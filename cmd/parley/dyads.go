package main

import (
	"context"
	"fmt"
	"io"

	"github.com/parley-events/parley/aggregate"
	"github.com/parley-events/parley/store/sqlite"
)

// runDyads prints the top dyads of a period, or an actor's partners.
func (m *Main) runDyads(ctx context.Context, args []string) error {
	fs := m.newFlagSet("dyads", "[--from 2012-01 --to 2012-12] [--top N] [--actor JPN] [--format table|csv|jsonl]")
	db := m.dbFlag(fs)
	var qf queryFlags
	qf.register(fs)
	var of outputFlags
	of.register(fs, "table, csv or jsonl")
	top := fs.Int("top", 20, "how many dyads (or partners) to print; 0 for all")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &exitError{code: exitUsage, msg: fmt.Sprintf("dyads: unexpected argument %q", fs.Arg(0))}
	}
	q, err := qf.query()
	if err != nil {
		return err
	}
	return m.printFromStore(*db, &of, []string{"table", "csv", "jsonl"}, func(s *sqlite.Store, format string, out io.Writer) error {
		if actor := q.Actor; actor != "" {
			// --actor X: X's partners, both directions merged.
			q.Actor = ""
			ps, err := aggregate.Partners(ctx, s, actor, q, *top)
			if err != nil {
				return err
			}
			if err := writePartners(format, out, ps); err != nil {
				return fmt.Errorf("dyads: write: %w", err)
			}
			return nil
		}
		ds, err := aggregate.TopDyads(ctx, s, q, *top)
		if err != nil {
			return err
		}
		if err := writeDyads(format, out, ds); err != nil {
			return fmt.Errorf("dyads: write: %w", err)
		}
		return nil
	})
}
