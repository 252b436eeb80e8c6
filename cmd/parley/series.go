package main

import (
	"context"
	"fmt"
	"io"

	"github.com/parley-events/parley/aggregate"
	"github.com/parley-events/parley/store"
	"github.com/parley-events/parley/store/sqlite"
)

// runSeries prints a dyad's (or any selection's) time series.
func (m *Main) runSeries(ctx context.Context, args []string) error {
	fs := m.newFlagSet("series", "--dyad JPN-PRK [--either] [--by day|week|month|year] [--from 2012-01 --to 2013-12] [--format table|csv|jsonl|parquet]")
	db := m.dbFlag(fs)
	var qf queryFlags
	qf.register(fs)
	var of outputFlags
	of.register(fs, "table, csv, jsonl or parquet")
	by := fs.String("by", "month", "period: day, week (from Monday), month or year")
	noFill := fs.Bool("no-fill", false, "leave out periods without events")
	coarse := fs.Bool("coarse", false, "also count events dated less precisely than --by (a year-only date in a monthly series) in the first period they cover")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &exitError{code: exitUsage, msg: fmt.Sprintf("series: unexpected argument %q", fs.Arg(0))}
	}
	interval := store.Interval(*by)
	if !interval.Valid() {
		return &exitError{code: exitUsage, msg: fmt.Sprintf("--by: unknown period %q (want day, week, month or year)", *by)}
	}
	q, err := qf.query()
	if err != nil {
		return err
	}
	return m.printFromStore(*db, &of, []string{"table", "csv", "jsonl", "parquet"}, func(s *sqlite.Store, format string, out io.Writer) error {
		ps, err := aggregate.Series(ctx, s, q, interval, aggregate.SeriesOptions{Fill: !*noFill, Coarse: *coarse})
		if err != nil {
			return err
		}
		if err := writePoints(format, out, ps); err != nil {
			return fmt.Errorf("series: write: %w", err)
		}
		return nil
	})
}
