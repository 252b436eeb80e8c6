package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-events/parley"
)

// writeSeries writes a monthly series file of three pairs over three years,
// with a month missing for one of them.
func writeSeries(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("month,a,b,score\n")
	for i := range 36 {
		per := fmt.Sprintf("%d-%02d", 2020+i/12, i%12+1)
		fmt.Fprintf(&b, "%s,JPN,PRK,%g\n", per, 10+5*math.Sin(float64(i)))
		fmt.Fprintf(&b, "%s,CHN,USA,%g\n", per, -100+float64(i%5)*7)
		if i != 20 {
			fmt.Fprintf(&b, "%s,JPN,KOR,%d\n", per, 3+i%3)
		}
	}
	path := filepath.Join(t.TempDir(), "pairs.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

type btLine struct {
	Key                                      []string
	Origin, Period                           string
	Forecast, Lo80, Hi80, Lo95, Hi95, PSpike float64
}

func TestBacktestContract(t *testing.T) {
	path := writeSeries(t)
	for _, model := range []string{"pooled", "naive", "ses"} {
		m, out, errb := newTestMain(t, "")
		err := m.Run(context.Background(), []string{"backtest", "--series", path, "--key", "a,b", "--value", "score",
			"--horizon", "2", "--from", "2021-06", "--format", "jsonl", "--model", model})
		if err != nil {
			t.Fatalf("%s: %v\n%s", model, err, errb)
		}
		lines := strings.Split(strings.TrimSpace(out.String()), "\n")
		// Origins 2021-06 .. 2022-10 (the last period minus the horizon): 17, for 3 keys.
		if len(lines) != 17*3 {
			t.Fatalf("%s: %d lines, want %d", model, len(lines), 17*3)
		}
		seen := map[string]bool{}
		for _, l := range lines {
			var raw map[string]any
			if err := json.Unmarshal([]byte(l), &raw); err != nil {
				t.Fatalf("bad line %q: %v", l, err)
			}
			for _, f := range []string{"key", "origin", "period", "forecast", "lo80", "hi80", "lo95", "hi95", "p_spike"} {
				if _, ok := raw[f]; !ok {
					t.Fatalf("line %q lacks %q", l, f)
				}
			}
			var e btLine
			json.Unmarshal([]byte(l), &e)
			if e.Lo95 > e.Lo80 || e.Lo80 > e.Hi80 || e.Hi80 > e.Hi95 {
				t.Errorf("intervals out of order: %s", l)
			}
			if e.Origin < "2021-06" || e.Origin > "2022-10" {
				t.Errorf("origin %s out of range", e.Origin)
			}
			seen[e.Origin+">"+e.Period] = true
			if model == "naive" && strings.Join(e.Key, "-") == "JPN-KOR" && e.Origin == "2021-09" && e.Forecast != 0 {
				// 2021-09 is the missing month: its value is 0.
				t.Errorf("naive forecast from the missing month: %v, want 0", e.Forecast)
			}
		}
		if !seen["2021-06>2021-08"] || !seen["2022-10>2022-12"] {
			t.Errorf("%s: origin>period pairs %v", model, seen)
		}
		if !strings.Contains(errb.String(), "mae_ratio") || !strings.Contains(errb.String(), "naive") {
			t.Errorf("%s: no summary on stderr:\n%s", model, errb)
		}
	}
}

func TestBacktestWeeks(t *testing.T) {
	var b strings.Builder
	b.WriteString("date,a,b,score\n")
	for d := range 7 * 30 {
		day := fmt.Sprintf("2024-%s", dayOfYear(d))
		fmt.Fprintf(&b, "%s,JPN,PRK,%d\n", day, 1+d%3)
	}
	path := filepath.Join(t.TempDir(), "daily.csv")
	os.WriteFile(path, []byte(b.String()), 0o644)
	weekly := filepath.Join(t.TempDir(), "weekly.csv")
	m, out, errb := newTestMain(t, "")
	err := m.Run(context.Background(), []string{"backtest", "--series", path, "--by", "week", "--from", "2024-03", "--write-series", weekly, "--model", "naive"})
	if err != nil {
		t.Fatalf("%v\n%s", err, errb)
	}
	first := strings.SplitN(out.String(), "\n", 2)[0]
	var e btLine
	if err := json.Unmarshal([]byte(first), &e); err != nil {
		t.Fatal(err)
	}
	// 2024-01-01 is a Monday; the first week from March starts on 2024-03-04.
	if e.Origin != "2024-03-04" || e.Period != "2024-03-11" {
		t.Errorf("first line %s", first)
	}
	// Each week sums seven days of 1, 2, 3 repeating: 14 (or 13, 15).
	if e.Forecast < 13 || e.Forecast > 15 {
		t.Errorf("weekly naive forecast %v, want a week's sum", e.Forecast)
	}
	w, err := os.ReadFile(weekly)
	if err != nil || !strings.HasPrefix(string(w), "period,a,b,score\n2024-01-01,JPN,PRK,") {
		t.Errorf("written weekly series: %v %q", err, w[:min(len(w), 60)])
	}
}

func dayOfYear(d int) string {
	days := []int{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	m := 0
	for d >= days[m] {
		d -= days[m]
		m++
	}
	return fmt.Sprintf("%02d-%02d", m+1, d+1)
}

func TestBacktestErrors(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(bad, []byte("month,a,b,score\n2020-01,A,B,1\n2020-02,A,B,x\n"), 0o644)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"backtest"}, exitUsage, "--series"},
		{[]string{"backtest", "--series", bad, "--format", "xml"}, exitUsage, "format"},
		{[]string{"backtest", "--series", bad, "--model", "oracle"}, exitUsage, "oracle"},
		{[]string{"backtest", "--series", bad, "--horizon", "0"}, exitUsage, "horizon"},
		{[]string{"backtest", "--series", bad}, 1, "bad.csv:3"},
		{[]string{"backtest", "--series", filepath.Join(t.TempDir(), "none.csv")}, 1, "none.csv"},
	} {
		m, _, _ := newTestMain(t, "")
		err := m.Run(context.Background(), tc.args)
		if err == nil {
			t.Errorf("%v: no error", tc.args)
			continue
		}
		code := 1
		if ee, ok := err.(*exitError); ok {
			code = ee.code
		}
		if code != tc.code || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: got %v (exit %d), want exit %d naming %q", tc.args, err, code, tc.code, tc.want)
		}
		if code == 1 && parley.KindOf(err) == parley.Other {
			t.Errorf("%v: error without a kind: %v", tc.args, err)
		}
	}
}
