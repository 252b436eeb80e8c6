package main

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/parley-events/parley/store"
)

func TestImportSeries(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "pairs_monthly.csv")
	os.WriteFile(in, []byte(strings.Join([]string{
		"month,a,b,score,count",
		"2020-01,JPN,PRK,-2.5,4",
		"2020-02,JPN,PRK,1.5,",
		"2020-01,CHN,USA,3,7",
		"2020-13,CHN,USA,1,1",   // line 5: no such month
		"2020-02,CHN,USA,abc,2", // line 6: not a number
		"2020-02,CHN,USA,0.5,2",
		"",
	}, "\n")), 0o644)
	db := filepath.Join(dir, "p.db")
	m, _, errb := newTestMain(t, "")
	err := m.Run(context.Background(), []string{"import", "--db", db, in})
	if exitCode(err) != exitRejected {
		t.Fatalf("got %v, want exit status %d\n%s", err, exitRejected, errb)
	}
	for _, want := range []string{"pairs_monthly.csv:5: period", "pairs_monthly.csv:6: value \"abc\"", "series pairs_monthly (period month, key a,b, values score,count): 6 rows read, 2 rejected, 7 values stored, 7 added"} {
		if !strings.Contains(errb.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errb)
		}
	}
	if strings.Count(errb.String(), "rejected: ") != 2 {
		t.Errorf("want two rejected lines:\n%s", errb)
	}
	// Again: the same rows, nothing added.
	m, _, errb = newTestMain(t, "")
	m.Run(context.Background(), []string{"import", "--db", db, in})
	if !strings.Contains(errb.String(), "7 values stored, 0 added or changed") {
		t.Errorf("second import:\n%s", errb)
	}
	s, err := m.openStoreRead(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var r store.SeriesReader = s
	got, err := r.SeriesRows(context.Background(), "pairs_monthly", []string{"JPN", "PRK"})
	if err != nil {
		t.Fatal(err)
	}
	want := []store.SeriesRow{
		{Period: "2020-01", Key: []string{"JPN", "PRK"}, Column: "count", Value: 4, Source: in + ":2"},
		{Period: "2020-01", Key: []string{"JPN", "PRK"}, Column: "score", Value: -2.5, Source: in + ":2"},
		{Period: "2020-02", Key: []string{"JPN", "PRK"}, Column: "score", Value: 1.5, Source: in + ":3"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("stored JPN-PRK:\n got %+v\nwant %+v", got, want)
	}
	all, err := r.SeriesRows(context.Background(), "pairs_monthly", nil)
	if err != nil || len(all) != 7 {
		t.Errorf("%d rows, %v; want 7", len(all), err)
	}
	// No coding version was begun for a series-only import.
	if vs, err := s.Versions(context.Background()); err != nil || len(vs) != 0 {
		t.Errorf("versions %v, %v; want none", vs, err)
	}
}

// TestImportSeriesFlags checks --series-name and --key: a file whose first
// column is not a known period name is read as a series file when asked.
func TestImportSeriesFlags(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "x.csv")
	os.WriteFile(in, []byte("when,code,n\n2021-03-01,042,5\n2021-03-02,042,\n2021-03-02,,1\n"), 0o644)
	db := filepath.Join(dir, "p.db")
	m, _, errb := newTestMain(t, "")
	err := m.Run(context.Background(), []string{"import", "--db", db, "--series-name", "codes", "--key", "code", in})
	if exitCode(err) != exitRejected || !strings.Contains(errb.String(), "x.csv:4: empty key column \"code\"") {
		t.Fatalf("got %v, want line 4 rejected\n%s", err, errb)
	}
	s, err := m.openStoreRead(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.SeriesRows(context.Background(), "codes", []string{"042"})
	if err != nil || len(got) != 1 || got[0].Value != 5 || got[0].Column != "n" || got[0].Period != "2021-03-01" {
		t.Errorf("stored %+v, %v; want one row 2021-03-01 042 n=5", got, err)
	}
	// --key naming no column is one rejection of the file.
	m, _, errb = newTestMain(t, "")
	err = m.Run(context.Background(), []string{"import", "--db", db, "--key", "nope", in})
	if exitCode(err) != exitRejected || !strings.Contains(errb.String(), `no column "nope"`) {
		t.Errorf("got %v\n%s", err, errb)
	}
}
