package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/store"
)

// seriesSchema keeps imported series files: one row per name, key, column
// and period. The key is kept as a JSON array of strings.
const seriesSchema = `
CREATE TABLE IF NOT EXISTS series (
	name   TEXT NOT NULL,
	key    TEXT NOT NULL,
	col    TEXT NOT NULL,
	period TEXT NOT NULL,
	value  REAL NOT NULL,
	source TEXT NOT NULL,
	PRIMARY KEY (name, key, col, period)
) WITHOUT ROWID;
`

var (
	_ store.SeriesWriter = (*Store)(nil)
	_ store.SeriesReader = (*Store)(nil)
)

func seriesKey(key []string) string {
	if key == nil {
		key = []string{}
	}
	b, _ := json.Marshal(key)
	return string(b)
}

// PutSeries stores rows of a series; see store.SeriesWriter.
func (s *Store) PutSeries(ctx context.Context, name string, rows []store.SeriesRow) (int, error) {
	if err := s.check("PutSeries"); err != nil {
		return 0, err
	}
	if s.wr == nil {
		return 0, parley.Errorf(parley.Invalid, "sqlite.PutSeries", "%s is open read-only", s.path)
	}
	if strings.TrimSpace(name) == "" {
		return 0, parley.Errorf(parley.Invalid, "sqlite.PutSeries", "empty series name")
	}
	for i, r := range rows {
		switch {
		case r.Period == "":
			return 0, parley.Errorf(parley.Invalid, "sqlite.PutSeries", "series %s: row %d (%s): empty period", name, i, r.Source)
		case r.Column == "":
			return 0, parley.Errorf(parley.Invalid, "sqlite.PutSeries", "series %s: row %d (%s): empty column", name, i, r.Source)
		case math.IsNaN(r.Value) || math.IsInf(r.Value, 0):
			return 0, parley.Errorf(parley.Invalid, "sqlite.PutSeries", "series %s: row %d (%s): value %v is not finite", name, i, r.Source, r.Value)
		}
	}
	tx, err := s.wr.BeginTx(ctx, nil)
	if err != nil {
		return 0, dbErr("PutSeries", err)
	}
	defer tx.Rollback()
	// A row equal to the stored one is left alone, so RowsAffected
	// counts only rows added or changed.
	st, err := tx.PrepareContext(ctx, `INSERT INTO series (name, key, col, period, value, source) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (name, key, col, period) DO UPDATE SET value = excluded.value, source = excluded.source
		WHERE value IS NOT excluded.value OR source IS NOT excluded.source`)
	if err != nil {
		return 0, dbErr("PutSeries", err)
	}
	defer st.Close()
	n := 0
	var lastKey []string
	var keyJSON string
	for i, r := range rows {
		if i%4096 == 0 && ctx.Err() != nil {
			return 0, dbErr("PutSeries", ctx.Err())
		}
		if i == 0 || !equalKey(r.Key, lastKey) {
			lastKey, keyJSON = r.Key, seriesKey(r.Key)
		}
		res, err := st.ExecContext(ctx, name, keyJSON, r.Column, r.Period, r.Value, r.Source)
		if err != nil {
			return 0, dbErr("PutSeries", fmt.Errorf("series %s, %s: %w", name, r.Source, err))
		}
		if k, err := res.RowsAffected(); err == nil {
			n += int(k)
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, dbErr("PutSeries", err)
	}
	return n, nil
}

func equalKey(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// noSeriesTable reports whether err says the series table is missing, as
// in a database written before it existed and opened read-only.
func noSeriesTable(err error) bool {
	return err != nil && strings.Contains(err.Error(), "no such table: series")
}

// SeriesRows returns stored rows of a series; see store.SeriesReader.
func (s *Store) SeriesRows(ctx context.Context, name string, key []string) ([]store.SeriesRow, error) {
	if err := s.check("SeriesRows"); err != nil {
		return nil, err
	}
	q := "SELECT key, col, period, value, source FROM series WHERE name = ?"
	args := []any{name}
	if key != nil {
		q += " AND key = ?"
		args = append(args, seriesKey(key))
	}
	q += " ORDER BY key, col, period"
	rs, err := s.rd.QueryContext(ctx, q, args...)
	if noSeriesTable(err) {
		return nil, nil
	}
	if err != nil {
		return nil, dbErr("SeriesRows", err)
	}
	defer rs.Close()
	var out []store.SeriesRow
	var lastJSON string
	var lastKey []string
	for rs.Next() {
		var r store.SeriesRow
		var k string
		if err := rs.Scan(&k, &r.Column, &r.Period, &r.Value, &r.Source); err != nil {
			return nil, dbErr("SeriesRows", err)
		}
		if lastKey == nil || k != lastJSON {
			lastKey = nil
			if err := json.Unmarshal([]byte(k), &lastKey); err != nil {
				return nil, dbErr("SeriesRows", fmt.Errorf("series %s: stored key %q: %w", name, k, err))
			}
			if lastKey == nil {
				lastKey = []string{}
			}
			lastJSON = k
		}
		r.Key = lastKey
		out = append(out, r)
	}
	if err := rs.Err(); err != nil {
		return nil, dbErr("SeriesRows", err)
	}
	return out, nil
}

// SeriesNames lists the stored series; see store.SeriesReader.
func (s *Store) SeriesNames(ctx context.Context) ([]string, error) {
	if err := s.check("SeriesNames"); err != nil {
		return nil, err
	}
	rs, err := s.rd.QueryContext(ctx, "SELECT DISTINCT name FROM series ORDER BY name")
	if noSeriesTable(err) {
		return nil, nil
	}
	if err != nil {
		return nil, dbErr("SeriesNames", err)
	}
	defer rs.Close()
	var out []string
	for rs.Next() {
		var n string
		if err := rs.Scan(&n); err != nil {
			return nil, dbErr("SeriesNames", err)
		}
		out = append(out, n)
	}
	if err := rs.Err(); err != nil {
		return nil, dbErr("SeriesNames", err)
	}
	return out, nil
}
