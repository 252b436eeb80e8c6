package series

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parley-events/parley"
)

const monthly = `month,a,b,score
2021-01,JPN,PRK,5
2021-01,CHN,USA,-2.5
2021-03,JPN,PRK,1
2021-03,JPN,PRK,2
2021-02,CHN,USA,
2021-04,CHN,USA,4
`

func TestReadMissingPeriodsAreZero(t *testing.T) {
	p, err := Read(strings.NewReader(monthly), "m.csv", ReadOptions{Key: []string{"a", "b"}, Value: "score"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"2021-01", "2021-02", "2021-03", "2021-04"}; !cmp.Equal(p.Periods, want) {
		t.Errorf("periods %v, want %v", p.Periods, want)
	}
	jp := p.Find([]string{"JPN", "PRK"})
	cu := p.Find([]string{"CHN", "USA"})
	if jp < 0 || cu < 0 {
		t.Fatalf("keys %v", p.Keys)
	}
	// A missing period is 0; repeated rows add up; an empty value is 0.
	if got, want := p.Values[jp], []float64{5, 0, 3, 0}; !cmp.Equal(got, want) {
		t.Errorf("JPN-PRK %v, want %v", got, want)
	}
	if got, want := p.Values[cu], []float64{-2.5, 0, 0, 4}; !cmp.Equal(got, want) {
		t.Errorf("CHN-USA %v, want %v", got, want)
	}
	if p.First[jp] != 0 || p.First[cu] != 0 {
		t.Errorf("first %v", p.First)
	}
	if g := p.Granularity(); g != Month || g.Season() != 12 {
		t.Errorf("granularity %v", g)
	}
	if d := p.PeriodDays(); !cmp.Equal(d, []float64{31, 28, 31, 30}) {
		t.Errorf("period days %v", d)
	}
	// 2021-01 has ten weekend days, the others eight.
	// 2021-05, the extra period, has ten.
	if d := p.WeekdayDays(0.5, 1); !cmp.Equal(d, []float64{26, 24, 27, 26, 26}) {
		t.Errorf("weekday days %v", d)
	}
	if d := p.WeekdayDays(1, 0); !cmp.Equal(d, p.PeriodDays()) {
		t.Errorf("weekday days with weekend 1: %v, want calendar days", d)
	}
}

func TestReadDefaultsToAllKeyColumnsAndLastValue(t *testing.T) {
	p, err := Read(strings.NewReader("day,src,dst,count\n2020-01-02,A,B,1\n2020-01-01,A,C,2\n"), "d.csv", ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !cmp.Equal(p.KeyNames, []string{"src", "dst"}) || p.ValueName != "count" {
		t.Errorf("key %v value %q", p.KeyNames, p.ValueName)
	}
	ac := p.Find([]string{"A", "C"})
	ab := p.Find([]string{"A", "B"})
	if p.First[ab] != 1 || p.First[ac] != 0 {
		t.Errorf("first: A-B %d (want 1), A-C %d (want 0)", p.First[ab], p.First[ac])
	}
}

func TestReadErrorsNameFileAndLine(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		opt      ReadOptions
		pos      string
	}{
		{"bad value", "month,a,score\n2020-01,X,1\n2020-02,X,abc\n", ReadOptions{}, "f.csv:3"},
		{"bad period", "month,a,score\n2020-01,X,1\n2020-13,X,1\n", ReadOptions{}, "f.csv:3"},
		{"mixed periods", "month,a,score\n2020-01,X,1\n2020-02-01,X,1\n", ReadOptions{}, "f.csv:3"},
		{"short row", "month,a,score\n2020-01,X\n", ReadOptions{}, "f.csv:2"},
		{"no such value column", "month,a,score\n", ReadOptions{Value: "goldstein"}, "f.csv:1"},
		{"no such key column", "month,a,score\n", ReadOptions{Key: []string{"b"}}, "f.csv:1"},
		{"bad quote", "month,a,score\n2020-01,\"X,1\n", ReadOptions{}, "f.csv:"},
		{"empty", "", ReadOptions{}, "f.csv"},
		{"header only", "month,a,score\n", ReadOptions{}, "f.csv"},
		{"not finite", "month,a,score\n2020-01,X,NaN\n", ReadOptions{}, "f.csv:2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tc.in), "f.csv", tc.opt)
			if err == nil {
				t.Fatal("no error")
			}
			if parley.KindOf(err) != parley.Invalid {
				t.Errorf("kind %v, want invalid (%v)", parley.KindOf(err), err)
			}
			if !strings.HasPrefix(err.Error(), tc.pos) {
				t.Errorf("error %q does not start with %q", err, tc.pos)
			}
		})
	}
}

func TestReadFileNotFound(t *testing.T) {
	_, err := ReadFile(filepath.Join(t.TempDir(), "none.csv"), ReadOptions{})
	if parley.KindOf(err) != parley.NotFound || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("got %v (kind %v), want not found", err, parley.KindOf(err))
	}
}

func TestAggregateWeeks(t *testing.T) {
	// 2024-01-01 is a Monday; 2024-01-07 a Sunday; 2024-01-08 the next Monday.
	in := "date,a,b,score\n2024-01-01,X,Y,1\n2024-01-07,X,Y,2\n2024-01-08,X,Y,4\n2024-01-10,Z,Y,8\n2024-01-22,X,Y,16\n"
	p, err := Read(strings.NewReader(in), "d.csv", ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	w, err := p.Aggregate(Week)
	if err != nil {
		t.Fatal(err)
	}
	// Weeks containing a day of the file: the week of 2024-01-15 has none.
	if want := []string{"2024-01-01", "2024-01-08", "2024-01-22"}; !cmp.Equal(w.Periods, want) {
		t.Errorf("weeks %v, want %v", w.Periods, want)
	}
	xy, zy := w.Find([]string{"X", "Y"}), w.Find([]string{"Z", "Y"})
	if got := w.Values[xy]; !cmp.Equal(got, []float64{3, 4, 16}) {
		t.Errorf("X-Y %v", got)
	}
	if got := w.Values[zy]; !cmp.Equal(got, []float64{0, 8, 0}) || w.First[zy] != 1 {
		t.Errorf("Z-Y %v first %d", got, w.First[zy])
	}
	if g := w.Granularity(); g != Week {
		t.Errorf("granularity %v, want week", g)
	}
	m, err := p.Aggregate(Month)
	if err != nil {
		t.Fatal(err)
	}
	if !cmp.Equal(m.Periods, []string{"2024-01"}) || m.Values[xy][0] != 23 {
		t.Errorf("month %v %v", m.Periods, m.Values)
	}
	if _, err := w.Aggregate(Month); parley.KindOf(err) != parley.Invalid {
		t.Errorf("weeks into months: %v, want an invalid error", err)
	}
}

func TestWeekStart(t *testing.T) {
	for _, tc := range []struct{ day, monday string }{
		{"2024-02-23", "2024-02-19"}, // Friday
		{"2024-02-19", "2024-02-19"}, // Monday
		{"2024-02-25", "2024-02-19"}, // Sunday
		{"2021-01-01", "2020-12-28"}, // across a year
	} {
		d, _ := ParsePeriod(tc.day)
		if got := Format(WeekStart(d), Week); got != tc.monday {
			t.Errorf("WeekStart(%s) = %s, want %s", tc.day, got, tc.monday)
		}
	}
}

func TestWriteRoundTrip(t *testing.T) {
	for _, in := range []string{monthly, "month,a,score\n2021-01,A,1\n2021-02,A,0\n2021-03,B,0\n2021-04,B,5\n"} {
		testRoundTrip(t, in)
	}
}

func testRoundTrip(t *testing.T, in string) {
	p, err := Read(strings.NewReader(in), "m.csv", ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, p); err != nil {
		t.Fatal(err)
	}
	q, err := Read(&buf, "w.csv", ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !cmp.Equal(p.Periods, q.Periods) || !cmp.Equal(p.Keys, q.Keys) || !cmp.Equal(p.Values, q.Values) || !cmp.Equal(p.First, q.First) {
		t.Errorf("round trip changed the panel:\n%s", buf.String())
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte(monthly))
	f.Add([]byte("date,a,v\n2020-01-01,X,1\n2020-01-02,X,-1e3\n"))
	f.Add([]byte("y,k,v\n2020,\"a,b\",1\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := Read(bytes.NewReader(b), "fuzz.csv", ReadOptions{})
		if err != nil {
			if parley.KindOf(err) != parley.Invalid {
				t.Fatalf("error of kind %v: %v", parley.KindOf(err), err)
			}
			return
		}
		for k := range p.Keys {
			if len(p.Values[k]) != len(p.Periods) || p.First[k] < 0 || p.First[k] >= len(p.Periods) {
				t.Fatalf("key %d: %d values for %d periods, first %d", k, len(p.Values[k]), len(p.Periods), p.First[k])
			}
		}
		if w, err := p.Aggregate(Week); err == nil && len(w.Periods) > len(p.Periods) {
			t.Fatalf("%d weeks from %d periods", len(w.Periods), len(p.Periods))
		}
	})
}
