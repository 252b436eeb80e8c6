package outlook

import (
	"context"
	"strings"
	"testing"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/server/servertest"
	"github.com/parley-events/parley/store"
)

func TestDyadForecast(t *testing.T) {
	st := servertest.Open(t)
	servertest.FillHistory(t, st)
	ctx := context.Background()
	f, err := DyadForecast(ctx, st, "USA", "CHN", Options{Periods: 3})
	if err != nil {
		t.Fatal(err)
	}
	if f.Dyad != "USA-CHN" || f.By != "month" || f.LastPeriod != "2013-12" || len(f.Series) != len(Measures) || f.Pooled != 5 {
		t.Fatalf("forecast %+v", f)
	}
	for _, s := range f.Series {
		if len(s.Bands) != 3 || s.Bands[2].Period != "2014-03" {
			t.Errorf("%s: bands %+v", s.Measure, s.Bands)
		}
	}
	// the periods of a week series are Mondays
	w, err := DyadForecast(ctx, st, "USA", "CHN", Options{By: store.Week, Periods: 2, Pool: -1})
	if err != nil {
		t.Fatal(err)
	}
	if w.Pooled != 1 || w.Series[0].Bands[0].Start.Weekday() != 1 || w.Series[0].Bands[1].Start.Sub(w.Series[0].Bands[0].Start).Hours() != 7*24 {
		t.Errorf("weekly: pooled %d, starts %v %v", w.Pooled, w.Series[0].Bands[0].Start, w.Series[0].Bands[1].Start)
	}

	for _, tc := range []struct {
		src, tgt string
		o        Options
		kind     parley.Kind
	}{
		{"GBR", "IRL", Options{}, parley.NotFound},
		{"USA", "CHN", Options{Periods: 121}, parley.Invalid},
		{"USA", "CHN", Options{Periods: -1}, parley.Invalid},
		{"USA", "CHN", Options{By: "hour"}, parley.Invalid},
	} {
		_, err := DyadForecast(ctx, st, tc.src, tc.tgt, tc.o)
		if parley.KindOf(err) != tc.kind {
			t.Errorf("%s-%s %+v: %v, want kind %v", tc.src, tc.tgt, tc.o, err, tc.kind)
		}
	}
	// three years are enough to forecast by year, the servertest stories'
	// two are not
	if _, err := DyadForecast(ctx, st, "USA", "CHN", Options{By: store.Year, Periods: 1}); err != nil {
		t.Errorf("by year: %v", err)
	}
	few := servertest.Open(t)
	servertest.Fill(t, few)
	// USA to PRK: one month of stories (the last) is too little history for monthly bands,
	// however long the pooled dyads' history
	if _, err := DyadForecast(ctx, few, "USA", "PRK", Options{}); parley.KindOf(err) != parley.Invalid {
		t.Errorf("a few months: %v, want an Invalid error", err)
	}
	if _, err := DyadForecast(ctx, few, "JPN", "PRK", Options{By: store.Year}); parley.KindOf(err) != parley.Invalid {
		t.Errorf("two years: %v, want an Invalid error", err)
	}
}

func TestAlerts(t *testing.T) {
	st := servertest.Open(t)
	servertest.FillHistory(t, st)
	ctx := context.Background()
	as, err := Alerts(ctx, st, AlertOptions{Spike: 1.1, Events: 3})
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, a := range as {
		if a.Reason == SpikeLikely {
			t.Errorf("spike alert with Spike above 1: %+v", a)
		}
		if a.Dyad == "PRK-JPN" && a.Measure == "conflict" {
			found = true
			if a.Reason != AboveBand || a.Actual != servertest.BreakEvents || len(a.Events) != 3 {
				t.Errorf("break alert %+v", a)
			}
			for _, e := range a.Events {
				if e.CAMEO != "190" || e.Goldstein != -10 || !strings.HasPrefix(e.Sentence, "North Korea attacked Japan") {
					t.Errorf("driver %+v, want the attacks first", e)
				}
			}
		}
	}
	if !found {
		t.Errorf("no alert for the break: %+v", as)
	}
	for _, o := range []AlertOptions{{Band: 90}, {Dyads: 1001}, {Events: 101}, {Spike: -1}, {By: "hour"}} {
		if _, err := Alerts(ctx, st, o); parley.KindOf(err) != parley.Invalid {
			t.Errorf("%+v: %v, want an Invalid error", o, err)
		}
	}
	// an empty store: no alerts
	if as, err := Alerts(ctx, servertest.Open(t), AlertOptions{}); err != nil || len(as) != 0 {
		t.Errorf("empty store: %v %v", as, err)
	}
}

func TestSnippet(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"Japan met  North\nKorea.", 100, "Japan met North Korea."},
		{"Japan met North Korea in Pyongyang on Monday.", 24, "Japan met North Korea…"},
		{"Japan’s envoy met North Korea’s envoy", 9, "Japan’s…"},
		{"Verylongwordwithoutspaces", 10, "Verylongwo…"},
		{"", 10, ""},
	} {
		if got := Snippet(tc.in, tc.n); got != tc.want {
			t.Errorf("Snippet(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}

// TestDyadForecastDirection checks that a directed forecast
// reads only its own direction: the break is PRK to JPN, so JPN-PRK's last
// conflict count stays small while either way it holds the break.
func TestDyadForecastDirection(t *testing.T) {
	st := servertest.Open(t)
	servertest.FillHistory(t, st)
	ctx := context.Background()
	d, err := DyadForecast(ctx, st, "JPN", "PRK", Options{Periods: 1})
	if err != nil {
		t.Fatal(err)
	}
	e, err := DyadForecast(ctx, st, "JPN", "PRK", Options{Periods: 1, Either: true})
	if err != nil {
		t.Fatal(err)
	}
	if d.Series[mConflict].Last >= 5 || e.Series[mConflict].Last < servertest.BreakEvents {
		t.Errorf("last conflict JPN-PRK %v, either way %v", d.Series[mConflict].Last, e.Series[mConflict].Last)
	}
}
