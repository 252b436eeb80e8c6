package aggregate_test

import (
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/aggregate"
	"github.com/parley-events/parley/store"
	"github.com/parley-events/parley/store/sqlite"
	"github.com/parley-events/parley/store/storetest"
)

// plain hides the backend's optional interfaces, so that aggregate takes
// its own path through Events.
type plain struct{ store.Store }

func open(t *testing.T) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(filepath.Join(t.TempDir(), "a.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	v, err := s.BeginVersion(t.Context(), "test")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.CompleteVersion(t.Context(), v.N); err != nil {
		t.Fatal(err)
	}
	f := storetest.Generate(21, 200)
	if _, err := s.Put(t.Context(), v.N, f.Items); err != nil {
		t.Fatal(err)
	}
	return s
}

func day(s string) time.Time {
	t, _ := time.Parse("2006-01-02", s)
	return t
}

// TestPushdownMatchesFallback checks that SQL and Go give the same series,
// dyads and partners.
func TestPushdownMatchesFallback(t *testing.T) {
	s := open(t)
	qs := []store.Query{{}, {Source: "JPN", Target: "PRK", Either: true}, {Actor: "CHN", From: day("2011-01-01"), To: day("2013-01-01")}}
	for _, q := range qs {
		for _, by := range []store.Interval{store.Day, store.Week, store.Month, store.Year} {
			for _, opts := range []aggregate.SeriesOptions{{}, {Fill: true}, {Coarse: true}} {
				a, err := aggregate.Series(t.Context(), s, q, by, opts)
				if err != nil {
					t.Fatal(err)
				}
				b, err := aggregate.Series(t.Context(), plain{s}, q, by, opts)
				if err != nil {
					t.Fatal(err)
				}
				if len(a) != len(b) {
					t.Fatalf("%+v by %s %+v: %d points in SQL, %d in Go", q, by, opts, len(a), len(b))
				}
				for i := range a {
					if a[i].Period != b[i].Period || a[i].Count != b[i].Count || a[i].Q4 != b[i].Q4 || a[i].Index != b[i].Index {
						t.Errorf("%+v by %s: point %d: SQL %+v, Go %+v", q, by, i, a[i], b[i])
					}
				}
			}
		}
		d1, err := aggregate.TopDyads(t.Context(), s, q, 5)
		if err != nil {
			t.Fatal(err)
		}
		d2, err := aggregate.TopDyads(t.Context(), plain{s}, q, 5)
		if err != nil {
			t.Fatal(err)
		}
		for i := range d1 {
			d1[i].Goldstein, d2[i].Goldstein, d1[i].Mean, d2[i].Mean = 0, 0, 0, 0
		}
		if !reflect.DeepEqual(d1, d2) {
			t.Errorf("TopDyads(%+v): SQL %+v, Go %+v", q, d1, d2)
		}
	}
}

func TestSeriesFillAndPrecision(t *testing.T) {
	s := open(t)
	q := store.Query{From: day("2011-03-01"), To: day("2012-03-01")}
	ps, err := aggregate.Series(t.Context(), s, q, store.Month, aggregate.SeriesOptions{Fill: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 12 || ps[0].Period != "2011-03" || ps[11].Period != "2012-02" {
		t.Fatalf("filled months: %d points, %v .. %v", len(ps), ps[0].Period, ps[len(ps)-1].Period)
	}
	coarse, err := aggregate.Series(t.Context(), s, q, store.Month, aggregate.SeriesOptions{Fill: true, Coarse: true})
	if err != nil {
		t.Fatal(err)
	}
	// Year-only dates count only with Coarse, and only in January.
	more := 0
	for i := range ps {
		if coarse[i].Count < ps[i].Count {
			t.Errorf("%s: coarse series has fewer events", ps[i].Period)
		}
		if coarse[i].Count > ps[i].Count {
			more++
			if coarse[i].Start.Month() != time.January {
				t.Errorf("%s: year-only dates counted outside January", ps[i].Period)
			}
		}
	}
	if more == 0 {
		t.Errorf("Coarse added no year-only events; the fixture has some")
	}
	// Precise series leave out year-only dates: check against the store.
	n := 0
	for _, p := range ps {
		n += p.Count
	}
	c, err := s.Count(t.Context(), store.Query{From: q.From, To: q.To, MinPrecision: parley.PrecisionMonth})
	if err != nil || c != n {
		t.Errorf("monthly series counts %d events, store has %d dated to the month (%v)", n, c, err)
	}
}

func TestPointOf(t *testing.T) {
	b := store.Bucket{Start: day("2012-08-01"), Quad: [5]int{0, 3, 1, 1, 1}, Goldstein: 6}
	p := aggregate.PointOf(store.Month, b)
	want := aggregate.Point{Start: b.Start, Period: "2012-08", Count: 6, Q1: 3, Q2: 1, Q3: 1, Q4: 1, Goldstein: 6, Mean: 1, Index: 2, Balance: 1.0 / 3}
	if p != want {
		t.Errorf("PointOf: got %+v, want %+v", p, want)
	}
	if e := aggregate.PointOf(store.Week, store.Bucket{Start: day("2012-08-06")}); e.Mean != 0 || e.Balance != 0 || e.Period != "2012-08-06" {
		t.Errorf("empty point: %+v", e)
	}
}

func TestPartnersNeedsActor(t *testing.T) {
	s := open(t)
	if _, err := aggregate.Partners(t.Context(), s, "", store.Query{}, 0); parley.KindOf(err) != parley.Invalid {
		t.Errorf("Partners without an actor: got %v, want Invalid", err)
	}
	if _, err := aggregate.Series(t.Context(), s, store.Query{}, "hour", aggregate.SeriesOptions{}); parley.KindOf(err) != parley.Invalid {
		t.Errorf("Series by hour: got %v, want Invalid", err)
	}
}
