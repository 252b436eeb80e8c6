package sqlite_test

import (
	"context"
	"math"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/store"
	"github.com/parley-events/parley/store/sqlite"
)

func TestSeriesRoundTrip(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "parley.db")
	s, err := sqlite.Open(path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rows := []store.SeriesRow{
		{Period: "2020-02", Key: []string{"JPN", "PRK"}, Column: "score", Value: -3.5, Source: "f.csv:3"},
		{Period: "2020-01", Key: []string{"JPN", "PRK"}, Column: "score", Value: 1.25, Source: "f.csv:2"},
		{Period: "2020-01", Key: []string{"CHN", "USA"}, Column: "score", Value: 7, Source: "f.csv:4"},
		{Period: "2020-01", Key: []string{"CHN", "USA"}, Column: "count", Value: 12, Source: "f.csv:4"},
	}
	n, err := s.PutSeries(ctx, "pairs", rows)
	if err != nil || n != 4 {
		t.Fatalf("PutSeries: %d, %v; want 4 rows added", n, err)
	}
	// Again: nothing added or changed.
	if n, err := s.PutSeries(ctx, "pairs", rows); err != nil || n != 0 {
		t.Fatalf("PutSeries again: %d, %v; want 0", n, err)
	}
	// A changed value replaces the stored one.
	changed := []store.SeriesRow{{Period: "2020-01", Key: []string{"JPN", "PRK"}, Column: "score", Value: 2, Source: "g.csv:9"}}
	if n, err := s.PutSeries(ctx, "pairs", changed); err != nil || n != 1 {
		t.Fatalf("PutSeries changed: %d, %v; want 1", n, err)
	}
	if _, err := s.PutSeries(ctx, "other", rows[:1]); err != nil {
		t.Fatal(err)
	}
	// Invalid rows fail the call and store nothing.
	bad := []store.SeriesRow{rows[0], {Period: "2020-03", Key: []string{"X"}, Column: "score", Value: math.NaN(), Source: "f.csv:7"}}
	if _, err := s.PutSeries(ctx, "bad", bad); parley.KindOf(err) != parley.Invalid {
		t.Errorf("NaN value: %v, want Invalid", err)
	}
	if _, err := s.PutSeries(ctx, "", rows); parley.KindOf(err) != parley.Invalid {
		t.Errorf("empty name: %v, want Invalid", err)
	}
	s.Close()

	r, err := sqlite.Open(path, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	got, err := r.SeriesRows(ctx, "pairs", []string{"JPN", "PRK"})
	if err != nil {
		t.Fatal(err)
	}
	want := []store.SeriesRow{
		{Period: "2020-01", Key: []string{"JPN", "PRK"}, Column: "score", Value: 2, Source: "g.csv:9"},
		{Period: "2020-02", Key: []string{"JPN", "PRK"}, Column: "score", Value: -3.5, Source: "f.csv:3"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SeriesRows JPN-PRK:\n got %+v\nwant %+v", got, want)
	}
	all, err := r.SeriesRows(ctx, "pairs", nil)
	if err != nil || len(all) != 4 {
		t.Errorf("SeriesRows all: %d rows, %v; want 4", len(all), err)
	}
	if none, err := r.SeriesRows(ctx, "missing", nil); err != nil || len(none) != 0 {
		t.Errorf("unknown series: %v, %v", none, err)
	}
	names, err := r.SeriesNames(ctx)
	if err != nil || !reflect.DeepEqual(names, []string{"other", "pairs"}) {
		t.Errorf("SeriesNames: %v, %v", names, err)
	}
	if _, err := r.PutSeries(ctx, "pairs", rows); parley.KindOf(err) != parley.Invalid {
		t.Errorf("PutSeries on a read-only store: %v, want Invalid", err)
	}
}
