package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/aggregate"
)

// ingested returns a database holding testStories, coded by the fake coder.
func ingested(t *testing.T) string {
	t.Helper()
	dir := writeStories(t, testStories)
	db := filepath.Join(t.TempDir(), "p.db")
	mustRun(t, &fakeCoder{version: "fake-1"}, "ingest", "--db", db, dir)
	return db
}

func decodeEvents(t *testing.T, out string) []parley.Event {
	t.Helper()
	var evs []parley.Event
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		var e parley.Event
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("bad JSON line %q: %v", line, err)
		}
		evs = append(evs, e)
	}
	return evs
}

func TestEventsFilters(t *testing.T) {
	db := ingested(t)
	c := &fakeCoder{version: "fake-1"}
	tests := []struct {
		args []string
		want []string // "SRC-TGT date" of each event, in date order
	}{
		{[]string{"--dyad", "JPN-PRK"}, []string{"JPN-PRK 2012-08", "JPN-PRK 2013-03", "JPN-PRK 2013-11"}},
		{[]string{"--dyad", "JPN-PRK", "--either"}, []string{"JPN-PRK 2012-08", "JPN-PRK 2013-03", "JPN-PRK 2013-11", "PRK-JPN 2013-11"}},
		{[]string{"--source", "PRK", "--target", "JPNGOV"}, []string{"PRK-JPN 2013-11"}},
		{[]string{"--actor", "PRKGOV", "--from", "2013-01", "--to", "2013-03"}, []string{"JPN-PRK 2013-03"}},
		{[]string{"--from", "2012", "--to", "2012"}, []string{"CHN-MNG 2012-05", "KOR-PRK 2012-05", "JPN-PRK 2012-08"}},
		{[]string{"--published-from", "2013-11-20", "--quad", "3"}, []string{"PRK-JPN 2013-11"}},
		{[]string{"--cameo", "11"}, []string{"KOR-PRK 2012-05", "PRK-JPN 2013-11"}},
		{[]string{"--root", "03", "--text", "abduction issue"}, []string{"JPN-PRK 2013-11"}},
		{[]string{"--plover", "consult", "--actor", "MNG"}, []string{"CHN-MNG 2012-05"}},
		{[]string{"--location", "MNG"}, nil},
		{[]string{"--story", "redcross"}, []string{"JPN-PRK 2012-08"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			out := mustRun(t, c, append([]string{"events", "--db", db, "--format", "jsonl"}, tt.args...)...)
			var got []string
			for _, e := range decodeEvents(t, out) {
				got = append(got, e.Source.Country+"-"+e.Target.Country+" "+e.Date.String())
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestEventsFormats(t *testing.T) {
	db := ingested(t)
	c := &fakeCoder{version: "fake-1"}
	// JSON lines keep the provenance.
	evs := decodeEvents(t, mustRun(t, c, "events", "--db", db, "--dyad", "PRK-JPN", "--format", "jsonl"))
	if len(evs) != 1 {
		t.Fatalf("got %d events", len(evs))
	}
	e := evs[0]
	if e.SentenceText != "North Korea accused Japan of delaying the meeting." || e.Version != 1 || e.StoryID != "talks" || e.DateFrom != parley.DateFromPublication {
		t.Errorf("event provenance: %+v", e)
	}
	if got := testStories["talks"][len("2013-11-20\n"):][e.Trigger.Start:e.Trigger.End]; got != "accused" {
		t.Errorf("trigger span covers %q, want accused", got)
	}
	// CSV: a header and one row per event.
	out := mustRun(t, c, "events", "--db", db, "--format", "csv", "--limit", "0")
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 7 || recs[0][0] != "id" || len(recs[1]) != len(eventHeader) {
		t.Errorf("CSV: %d records, header %v", len(recs), recs[0])
	}
	// Table on a terminal, with a note when there are more events.
	m, outb, errb := testMain(c)
	m.IsTerminal = true
	if err := m.Run(t.Context(), []string{"events", "--db", db, "--limit", "2"}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(outb.String(), "DATE") || countLines(outb.String()) != 3 || !strings.Contains(errb.String(), "--limit 0") {
		t.Errorf("table:\n%s\nstderr: %s", outb, errb)
	}
	// Parquet to a file.
	pq := filepath.Join(t.TempDir(), "events.parquet")
	mustRun(t, c, "events", "--db", db, "--format", "parquet", "-o", pq, "--limit", "0")
	rows, err := parquet.ReadFile[eventRow](pq)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 6 {
		t.Errorf("parquet: %d rows, want 6", len(rows))
	}
	found := false
	for _, r := range rows {
		found = found || (r.StoryID == "talks" && r.CAMEO == "112" && r.TargetCountry == "JPN" && r.Date == "2013-11")
	}
	if !found {
		t.Errorf("parquet rows lack the PRK-JPN accusation: %+v", rows)
	}
	// Parquet on a terminal without -o is refused.
	m, _, _ = testMain(c)
	m.IsTerminal = true
	if err := m.Run(t.Context(), []string{"events", "--db", db, "--format", "parquet"}); err == nil {
		t.Errorf("parquet to a terminal: no error")
	}
}

func TestSeries(t *testing.T) {
	db := ingested(t)
	c := &fakeCoder{version: "fake-1"}
	out := mustRun(t, c, "series", "--db", db, "--dyad", "JPN-PRK", "--by", "month", "--format", "csv")
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(recs[0], pointHeader) {
		t.Errorf("header %v", recs[0])
	}
	// 2012-08 to 2013-11, filled: 16 months.
	if len(recs) != 1+16 {
		t.Fatalf("got %d rows, want 16 months:\n%s", len(recs)-1, out)
	}
	counts := map[string]string{}
	for _, r := range recs[1:] {
		counts[r[0]] = r[2]
	}
	want := map[string]string{"2012-08": "1", "2012-09": "0", "2013-03": "1", "2013-11": "1"}
	for k, v := range want {
		if counts[k] != v {
			t.Errorf("month %s: %s events, want %s", k, counts[k], v)
		}
	}
	// Either way, by year, as JSON: 2013 has two cooperations and one conflict.
	out = mustRun(t, c, "series", "--db", db, "--dyad", "JPN-PRK", "--either", "--by", "year", "--format", "jsonl")
	var ps []aggregate.Point
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var p aggregate.Point
		if err := json.Unmarshal([]byte(line), &p); err != nil {
			t.Fatal(err)
		}
		ps = append(ps, p)
	}
	if len(ps) != 2 || ps[1].Period != "2013" || ps[1].Count != 3 || ps[1].Q1 != 2 || ps[1].Q3 != 1 || ps[1].Index != 1 || ps[1].Goldstein != 6 {
		t.Errorf("yearly series: %+v", ps)
	}
	// Parquet.
	pq := filepath.Join(t.TempDir(), "s.parquet")
	mustRun(t, c, "series", "--db", db, "--dyad", "JPN-PRK", "--format", "parquet", "-o", pq, "--from", "2013-01", "--to", "2013-12")
	rows, err := parquet.ReadFile[pointRow](pq)
	if err != nil || len(rows) != 12 || rows[2].Period != "2013-03" || rows[2].Count != 1 {
		t.Errorf("parquet series: %v %+v", err, rows)
	}
}

func TestDyads(t *testing.T) {
	db := ingested(t)
	c := &fakeCoder{version: "fake-1"}
	out := mustRun(t, c, "dyads", "--db", db, "--format", "jsonl", "--top", "2")
	var ds []aggregate.Dyad
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var d aggregate.Dyad
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatal(err)
		}
		ds = append(ds, d)
	}
	if len(ds) != 2 || ds[0].Source != "JPN" || ds[0].Target != "PRK" || ds[0].Count != 3 {
		t.Errorf("top dyads: %+v", ds)
	}
	out = mustRun(t, c, "dyads", "--db", db, "--format", "csv", "--actor", "PRK", "--from", "2012", "--to", "2013")
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"partner", "count", "out", "in", "goldstein_mean", "index"}, {"JPN", "4", "1", "3", "2.5000", "2"}, {"KOR", "1", "0", "1", "-2.0000", "-1"}}
	if !reflect.DeepEqual(recs, want) {
		t.Errorf("partners of PRK:\n got %v\nwant %v", recs, want)
	}
}

func TestRecode(t *testing.T) {
	db := ingested(t)
	v1 := &fakeCoder{version: "fake-1"}
	// The same coder: nothing to do.
	_, errs, err := run(t, v1, "recode", "--db", db)
	if err != nil || !strings.Contains(errs, "nothing to do") {
		t.Errorf("recode with the same coder: %v, %s", err, errs)
	}
	// A changed coder writes version 2, without the original files.
	v2 := &fakeCoder{version: "fake-2", cameo: "040"}
	_, errs, err = run(t, v2, "recode", "--db", db)
	if err != nil {
		t.Fatalf("recode: %v\n%s", err, errs)
	}
	evs := decodeEvents(t, mustRun(t, v2, "events", "--db", db, "--limit", "0", "--format", "jsonl"))
	if len(evs) != 6 {
		t.Fatalf("after recode: %d events, want 6", len(evs))
	}
	for _, e := range evs {
		if e.Version != 2 || e.CAMEO != "040" {
			t.Errorf("after recode: event %s version %d cameo %s, want version 2, cameo 040", e.ID, e.Version, e.CAMEO)
		}
	}
	old := decodeEvents(t, mustRun(t, v2, "events", "--db", db, "--version", "1", "--format", "jsonl"))
	if len(old) != 6 || old[0].Version != 1 || old[0].CAMEO == "040" {
		t.Errorf("version 1 after recode: %d events", len(old))
	}
	// Ingest warns that its coder differs from the stored version's.
	dir := writeStories(t, map[string]string{"later": "2014-01-05\nJapan met China in January."})
	_, errs, err = run(t, v1, "ingest", "--db", db, dir)
	if err != nil || !strings.Contains(errs, "parley recode") {
		t.Errorf("ingest with an older coder: %v; stderr %s", err, errs)
	}
	if _, err := os.Stat(db); err != nil {
		t.Fatal(err)
	}
}

// TestRecodeResume interrupts a recode and runs it again: it goes on with
// the same version, queries read version 1 meanwhile, and the finished
// version 2 has every story once.
func TestRecodeResume(t *testing.T) {
	dir := generateStories(t, 60, 7)
	db := filepath.Join(t.TempDir(), "p.db")
	mustRun(t, &fakeCoder{version: "fake-1"}, "ingest", "--db", db, "--quiet", dir)
	want := perStory(t, db)
	slow := &fakeCoder{version: "fake-2", cameo: "040", delay: 20 * time.Millisecond}
	m, _, errb := testMain(slow)
	ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
	defer cancel()
	if err := m.Run(ctx, []string{"recode", "--db", db, "--batch", "5", "--workers", "1", "--quiet"}); err == nil {
		t.Fatalf("recode finished before it could be interrupted:\n%s", errb)
	}
	evs := decodeEvents(t, mustRun(t, slow, "events", "--db", db, "--limit", "1", "--format", "jsonl"))
	if len(evs) != 1 || evs[0].Version != 1 {
		t.Errorf("during an unfinished recode, queries read %+v, want version 1", evs)
	}
	_, errs, err := run(t, &fakeCoder{version: "fake-2", cameo: "040"}, "recode", "--db", db, "--quiet")
	if err != nil || !strings.Contains(errs, "going on with version 2") {
		t.Fatalf("second recode: %v\n%s", err, errs)
	}
	if got := perStory(t, db); !reflect.DeepEqual(got, want) {
		t.Errorf("after a resumed recode, events per story differ from version 1's")
	}
	for _, e := range decodeEvents(t, mustRun(t, slow, "events", "--db", db, "--limit", "0", "--format", "jsonl")) {
		if e.Version != 2 || e.CAMEO != "040" {
			t.Fatalf("after recode: event %s version %d cameo %s", e.ID, e.Version, e.CAMEO)
		}
	}
}
