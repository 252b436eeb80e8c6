package series

import (
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/parley-events/parley"
)

// Period layouts.
const (
	layoutYear = iota
	layoutMonth
	layoutDay
)

var layouts = [...]string{"2006", "2006-01", "2006-01-02"}

func periodLayout(s string) (int, error) {
	for i, l := range layouts {
		if len(s) == len(l) {
			if _, err := time.Parse(l, s); err != nil {
				return 0, errors.New("not a date in the form " + strings.ToUpper(strings.NewReplacer("2006", "yyyy", "01", "mm", "02", "dd").Replace(l)))
			}
			return i, nil
		}
	}
	return 0, errors.New("want YYYY, YYYY-MM or YYYY-MM-DD")
}

// ParsePeriod returns the first day of a period (YYYY, YYYY-MM or YYYY-MM-DD).
func ParsePeriod(s string) (time.Time, error) {
	l, err := periodLayout(s)
	if err != nil {
		return time.Time{}, parley.Errorf(parley.Invalid, "period", "%q: %v", s, err)
	}
	return time.Parse(layouts[l], s)
}

// Granularity is the spacing of a panel's periods.
type Granularity int

// Granularities.
const (
	Unknown Granularity = iota
	Day
	Week
	Month
	Year
)

func (g Granularity) String() string {
	switch g {
	case Day:
		return "day"
	case Week:
		return "week"
	case Month:
		return "month"
	case Year:
		return "year"
	}
	return "unknown"
}

// Season is the usual number of periods in a seasonal cycle: 12 months,
// 52 weeks, 7 days, or 1 (no season) for years.
func (g Granularity) Season() int {
	switch g {
	case Day:
		return 7
	case Week:
		return 52
	case Month:
		return 12
	}
	return 1
}

// Granularity infers the spacing of p's periods from their form and, for
// dates, the most common gap between them (7 days: weeks).
func (p *Panel) Granularity() Granularity {
	if len(p.Periods) == 0 {
		return Unknown
	}
	l, err := periodLayout(p.Periods[0])
	if err != nil {
		return Unknown
	}
	switch l {
	case layoutYear:
		return Year
	case layoutMonth:
		return Month
	}
	gaps := map[int]int{}
	var prev time.Time
	for i, s := range p.Periods {
		t, err := time.Parse(layouts[layoutDay], s)
		if err != nil {
			return Unknown
		}
		if i > 0 {
			gaps[int(t.Sub(prev).Hours()/24+0.5)]++
		}
		prev = t
	}
	if len(p.Periods) > 1 && gaps[7] > gaps[1] {
		return Week
	}
	return Day
}

// PeriodDays returns the calendar length in days of each of p's periods
// (for a day or week, 1 or 7; for a month, 28 to 31), or nil when the
// granularity is unknown.
func (p *Panel) PeriodDays() []float64 {
	g := p.Granularity()
	if g == Unknown {
		return nil
	}
	out := make([]float64, len(p.Periods))
	for i, s := range p.Periods {
		t, _ := ParsePeriod(s)
		out[i] = float64(Next(t, g, 1).Sub(t).Hours() / 24)
	}
	return out
}

// WeekdayDays returns the length of each of p's periods in days, and of
// the extra periods after the last one, counting each Saturday and Sunday
// as weekend days rather than one (news volume falls at weekends, so a
// month with five weekends carries fewer events than one with four), or
// nil when the granularity is unknown. With weekend 1 and no extra periods
// it equals PeriodDays.
func (p *Panel) WeekdayDays(weekend float64, extra int) []float64 {
	g := p.Granularity()
	if g == Unknown || len(p.Periods) == 0 {
		return nil
	}
	out := make([]float64, len(p.Periods)+max(extra, 0))
	last, _ := ParsePeriod(p.Periods[len(p.Periods)-1])
	for i := range out {
		var t time.Time
		if i < len(p.Periods) {
			t, _ = ParsePeriod(p.Periods[i])
		} else {
			t = Next(last, g, i-len(p.Periods)+1)
		}
		end := Next(t, g, 1)
		for d := t; d.Before(end); d = d.AddDate(0, 0, 1) {
			if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
				out[i] += weekend
			} else {
				out[i]++
			}
		}
	}
	return out
}

// Next returns the start of the period n periods after the one starting at t.
func Next(t time.Time, g Granularity, n int) time.Time {
	switch g {
	case Day:
		return t.AddDate(0, 0, n)
	case Week:
		return t.AddDate(0, 0, 7*n)
	case Month:
		return t.AddDate(0, n, 0)
	case Year:
		return t.AddDate(n, 0, 0)
	}
	return t
}

// Format writes the period starting at t in the file form of g.
func Format(t time.Time, g Granularity) string {
	switch g {
	case Month:
		return t.Format("2006-01")
	case Year:
		return t.Format("2006")
	}
	return t.Format("2006-01-02")
}

// WeekStart returns the Monday of t's ISO week.
func WeekStart(t time.Time) time.Time {
	wd := (int(t.Weekday()) + 6) % 7 // Monday = 0
	return time.Date(t.Year(), t.Month(), t.Day()-wd, 0, 0, 0, 0, time.UTC)
}

// Aggregate regroups a daily (or finer-than-g) panel into weeks starting on
// Monday (periods written as YYYY-MM-DD of the Monday) or months (YYYY-MM),
// summing values. The new periods are those that contain a period of p.
func (p *Panel) Aggregate(g Granularity) (*Panel, error) {
	if len(p.Periods) == 0 {
		return p, nil
	}
	if g != Week && g != Month && g != Year {
		return nil, parley.Errorf(parley.Invalid, p.Name, "cannot aggregate into %s periods: want week, month or year", g)
	}
	from := p.Granularity()
	switch {
	case from == g:
		return p, nil
	case from == Unknown || from > g || from == Week:
		// Weeks straddle months and years.
		return nil, parley.Errorf(parley.Invalid, p.Name, "cannot aggregate %s periods into %s periods", from, g)
	}
	dst := make([]int, len(p.Periods))
	var names []string
	idx := map[string]int{}
	for i, s := range p.Periods {
		t, err := ParsePeriod(s)
		if err != nil {
			return nil, err
		}
		switch g {
		case Week:
			t = WeekStart(t)
		case Month:
			t = time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
		case Year:
			t = time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
		}
		n := Format(t, g)
		j, ok := idx[n]
		if !ok {
			j = len(names)
			idx[n] = j
			names = append(names, n)
		}
		dst[i] = j
	}
	// Periods were in order, so names are too (a week's Monday never
	// comes before an earlier day's Monday).
	if !slices.IsSorted(names) {
		return nil, parley.Errorf(parley.Internal, p.Name, "aggregated periods out of order")
	}
	q := &Panel{Name: p.Name, KeyNames: p.KeyNames, ValueName: p.ValueName, Periods: names, Keys: p.Keys}
	q.Values = make([][]float64, len(p.Keys))
	q.First = make([]int, len(p.Keys))
	backing := make([]float64, len(p.Keys)*len(names))
	for k := range p.Keys {
		row := backing[k*len(names) : (k+1)*len(names) : (k+1)*len(names)]
		for t, v := range p.Values[k] {
			row[dst[t]] += v
		}
		q.Values[k] = row
		q.First[k] = -1
		if p.First[k] >= 0 {
			q.First[k] = dst[p.First[k]]
		}
	}
	return q, nil
}

// ParseGranularity reads "day", "week", "month" or "year".
func ParseGranularity(s string) (Granularity, error) {
	switch strings.ToLower(s) {
	case "day", "daily":
		return Day, nil
	case "week", "weekly":
		return Week, nil
	case "month", "monthly":
		return Month, nil
	case "year", "yearly":
		return Year, nil
	}
	return Unknown, parley.Errorf(parley.Invalid, "series", "unknown period %q: want day, week, month or year", s)
}
