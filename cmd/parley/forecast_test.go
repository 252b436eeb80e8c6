package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-events/parley/outlook"
)

// forecastDB imports three years of monthly events for four dyads, with a
// burst of JPN-PRK conflict in the last month, and returns the database.
func forecastDB(t *testing.T) string {
	t.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	var rows []string
	id := 0
	add := func(y, mo int, src, tgt, code, quad, g string) {
		id++
		rows = append(rows, gdeltRow(fmt.Sprint(id), fmt.Sprintf("%d%02d%02d", y, mo, 1+r.IntN(28)), src, tgt, code, quad, g,
			fmt.Sprintf("https://example.org/%d", id/3)))
	}
	for m := range 36 {
		y, mo := 2011+m/12, m%12+1
		for _, d := range [][2]string{{"JPNGOV", "PRKGOV"}, {"USAGOV", "CHNGOV"}, {"RUSMIL", "UKRMIL"}, {"FRAGOV", "DEUGOV"}} {
			for range 4 + r.IntN(5) {
				add(y, mo, d[0], d[1], "043", "1", "2.8")
			}
			for range 1 + r.IntN(3) {
				add(y, mo, d[0], d[1], "112", "3", "-2.0")
			}
		}
	}
	for range 60 {
		add(2013, 12, "PRKMIL", "JPNGOV", "190", "4", "-10.0")
		add(2013, 12, "JPNGOV", "PRKMIL", "190", "4", "-10.0")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "events.tsv")
	os.WriteFile(in, []byte(strings.Join(rows, "\n")+"\n"), 0o644)
	db := filepath.Join(dir, "f.db")
	m, _, errb := newTestMain(t, "")
	if err := m.Run(context.Background(), []string{"import", "--db", db, in}); err != nil {
		t.Fatalf("import: %v\n%s", err, errb)
	}
	return db
}

func TestForecastAndAlerts(t *testing.T) {
	db := forecastDB(t)
	m, out, errb := newTestMain(t, "")
	if err := m.Run(context.Background(), []string{"forecast", "--db", db, "--dyad", "USA-CHN", "--periods", "4", "--format", "jsonl"}); err != nil {
		t.Fatalf("forecast: %v\n%s", err, errb)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 7*4+1 {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), 7*4+1, out)
	}
	for _, l := range lines[:len(lines)-1] {
		var f forecastLine
		if err := json.Unmarshal([]byte(l), &f); err != nil {
			t.Fatal(err)
		}
		if f.Lo95 > f.Lo80 || f.Lo80 > f.Hi80 || f.Hi80 > f.Hi95 || (f.Measure != "goldstein" && f.Lo95 < 0) {
			t.Errorf("bad band %s", l)
		}
		if f.Horizon == 1 && f.Period != "2014-01" || f.Horizon == 4 && f.Period != "2014-04" {
			t.Errorf("horizon %d period %s", f.Horizon, f.Period)
		}
		if f.Measure == "q1" && (f.Forecast < 3 || f.Forecast > 10) {
			t.Errorf("q1 forecast %v, want near the usual 4 to 8", f.Forecast)
		}
	}
	var ol outlook.Outlook
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &ol); err != nil || ol.PNewHigh < 0 || ol.PNewHigh > 1 || ol.High < 4 {
		t.Errorf("outlook %s (%v)", lines[len(lines)-1], err)
	}

	m, out, errb = newTestMain(t, "")
	if err := m.Run(context.Background(), []string{"alerts", "--db", db, "--format", "jsonl", "--spike", "1.1"}); err != nil {
		t.Fatalf("alerts: %v\n%s", err, errb)
	}
	var found bool
	for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var a outlook.Alert
		if err := json.Unmarshal([]byte(l), &a); err != nil {
			t.Fatalf("%v: %s", err, l)
		}
		if a.Reason == "spike likely" {
			t.Errorf("spike alert with --spike above 1: %s", l)
		}
		if a.Dyad == "PRK-JPN" && a.Measure == "conflict" {
			found = true
			if a.Reason != "above band" || a.Actual != 60 || len(a.Events) != 5 || a.Events[0].CAMEO != "190" {
				t.Errorf("burst alert %s", l)
			}
		}
	}
	if !found {
		t.Errorf("no alert for the PRK-JPN conflict burst:\n%s", out)
	}

	m, _, _ = newTestMain(t, "")
	if err := m.Run(context.Background(), []string{"forecast", "--db", db, "--dyad", "GBR-IRL"}); err == nil || !strings.Contains(err.Error(), "GBR-IRL") {
		t.Errorf("unknown dyad: %v", err)
	}
}
