// Package aggregate turns stored events into the figures analysts read: a
// dyad's time series by day, week, month or year (counts per QuadClass,
// Goldstein sum and mean, a cooperation-minus-conflict index), the top
// dyads of a period and an actor's partners.
//
// Each function asks the store to compute the raw sums when it can
// (store.Seriesser, store.Dyadser: the SQLite backend does it in SQL from
// an index) and otherwise pages through store.Store.Events and sums them
// here. Both paths give the same result; store/storetest checks that.
//
// The cooperation-minus-conflict index of a period is
//
//	Index = (Q1 + Q2) - (Q3 + Q4)
//
// where Qn counts the period's events of QuadClass n (1 verbal
// cooperation, 2 material cooperation, 3 verbal conflict, 4 material
// conflict). Balance is Index divided by the number of events with a
// QuadClass, in [-1, 1]: +1 when every event cooperates, -1 when every one
// conflicts, 0 for an empty period.
package aggregate

import (
	"context"
	"sort"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/store"
)

// Point is one period of a series.
type Point struct {
	Start     time.Time `json:"start"`          // first day of the period (UTC)
	Period    string    `json:"period"`         // its label: 2012-03-05, 2012-03, 2012 (weeks: the Monday)
	Count     int       `json:"count"`          // events in the period
	Q1        int       `json:"q1"`             // verbal cooperation
	Q2        int       `json:"q2"`             // material cooperation
	Q3        int       `json:"q3"`             // verbal conflict
	Q4        int       `json:"q4"`             // material conflict
	Goldstein float64   `json:"goldstein"`      // sum of Goldstein scores
	Mean      float64   `json:"goldstein_mean"` // mean Goldstein score (0 when empty)
	Index     int       `json:"index"`          // (Q1+Q2) - (Q3+Q4)
	Balance   float64   `json:"balance"`        // Index / (Q1+Q2+Q3+Q4), 0 when empty
}

// Label formats the start of a period for its interval.
func Label(by store.Interval, t time.Time) string {
	switch by {
	case store.Month:
		return t.Format("2006-01")
	case store.Year:
		return t.Format("2006")
	}
	return t.Format("2006-01-02")
}

// PointOf derives a Point from a raw bucket.
func PointOf(by store.Interval, b store.Bucket) Point {
	p := Point{Start: b.Start, Period: Label(by, b.Start), Count: b.Count(),
		Q1: b.Quad[1], Q2: b.Quad[2], Q3: b.Quad[3], Q4: b.Quad[4], Goldstein: b.Goldstein}
	if p.Count > 0 {
		p.Mean = b.Goldstein / float64(p.Count)
	}
	p.Index = (p.Q1 + p.Q2) - (p.Q3 + p.Q4)
	if q := p.Q1 + p.Q2 + p.Q3 + p.Q4; q > 0 {
		p.Balance = float64(p.Index) / float64(q)
	}
	return p
}

// SeriesOptions shape a series.
type SeriesOptions struct {
	// Fill adds empty periods so that the series has one point per
	// period from the first to the last (from q.From and to q.To when
	// they are set), the form a chart wants.
	Fill bool
	// Coarse also counts events dated less precisely than the interval
	// (a month-only date in a daily series, a year-only date in a monthly
	// one) in the first period they cover. By default they are left out,
	// so that "in 2012" does not pile up in January 2012.
	Coarse bool
}

// Precision returns the date precision an interval needs: day for days
// and weeks, month for months, year for years.
func Precision(by store.Interval) parley.Precision {
	switch by {
	case store.Month:
		return parley.PrecisionMonth
	case store.Year:
		return parley.PrecisionYear
	}
	return parley.PrecisionDay
}

// maxFill bounds the number of points Fill may create.
const maxFill = 100000

// Series returns the series of the events matching q by period. q's Limit,
// Cursor and Desc are ignored. Events without a date are not counted, nor
// (unless opts.Coarse) events dated less precisely than the interval.
func Series(ctx context.Context, s store.Store, q store.Query, by store.Interval, opts SeriesOptions) ([]Point, error) {
	if !by.Valid() {
		return nil, parley.Errorf(parley.Invalid, "aggregate.Series", "bad interval %q (want day, week, month or year)", by)
	}
	if p := Precision(by); !opts.Coarse && q.MinPrecision < p {
		q.MinPrecision = p
	}
	bs, err := Buckets(ctx, s, q, by)
	if err != nil {
		return nil, err
	}
	if opts.Fill {
		bs, err = fill(bs, by, q.From, q.To)
		if err != nil {
			return nil, err
		}
	}
	out := make([]Point, len(bs))
	for i, b := range bs {
		out[i] = PointOf(by, b)
	}
	return out, nil
}

// Buckets returns the raw buckets of the events matching q, oldest first,
// from the store's Seriesser when it has one.
func Buckets(ctx context.Context, s store.Store, q store.Query, by store.Interval) ([]store.Bucket, error) {
	if ss, ok := s.(store.Seriesser); ok {
		return ss.Series(ctx, q, by)
	}
	var bs []store.Bucket
	err := each(ctx, s, q, func(evs []parley.Event) {
		bs = AddBuckets(bs, evs, by)
	})
	if err != nil {
		return nil, err
	}
	return bs, nil
}

// AddBuckets adds events to the sorted buckets bs and returns them, still
// sorted. It is the reference computation that backends must match.
func AddBuckets(bs []store.Bucket, evs []parley.Event, by store.Interval) []store.Bucket {
	for _, e := range evs {
		if e.Date.IsZero() {
			continue
		}
		start := by.Truncate(e.Date.Time())
		i := sort.Search(len(bs), func(i int) bool { return !bs[i].Start.Before(start) })
		if i == len(bs) || !bs[i].Start.Equal(start) {
			bs = append(bs, store.Bucket{})
			copy(bs[i+1:], bs[i:])
			bs[i] = store.Bucket{Start: start}
		}
		q := e.QuadClass
		if q < 1 || q > 4 {
			q = 0
		}
		bs[i].Quad[q]++
		bs[i].Goldstein += e.Goldstein
	}
	return bs
}

// each pages through the events matching q.
func each(ctx context.Context, s store.Store, q store.Query, fn func([]parley.Event)) error {
	q.Limit, q.Cursor, q.Desc = store.MaxLimit, "", false
	for {
		page, err := s.Events(ctx, q)
		if err != nil {
			return err
		}
		fn(page.Events)
		if page.Next == "" {
			return nil
		}
		q.Cursor = page.Next
	}
}

func fill(bs []store.Bucket, by store.Interval, from, to time.Time) ([]store.Bucket, error) {
	var first, end time.Time // end exclusive
	if !from.IsZero() {
		first = by.Truncate(from)
	} else if len(bs) > 0 {
		first = bs[0].Start
	}
	if !to.IsZero() {
		end = to.UTC()
	} else if len(bs) > 0 {
		end = by.Next(bs[len(bs)-1].Start)
	}
	if first.IsZero() || !first.Before(end) {
		return bs, nil
	}
	var out []store.Bucket
	j := 0
	for t := first; t.Before(end); t = by.Next(t) {
		if len(out) >= maxFill {
			return nil, parley.Errorf(parley.Invalid, "aggregate.Series", "more than %d %s periods; narrow the date range", maxFill, by)
		}
		for j < len(bs) && bs[j].Start.Before(t) {
			j++
		}
		if j < len(bs) && bs[j].Start.Equal(t) {
			out = append(out, bs[j])
			j++
		} else {
			out = append(out, store.Bucket{Start: t})
		}
	}
	return out, nil
}

// Dyad is the aggregate of one directed country dyad.
type Dyad struct {
	Source    string  `json:"source"`
	Target    string  `json:"target"`
	Count     int     `json:"count"`
	Q1        int     `json:"q1"`
	Q2        int     `json:"q2"`
	Q3        int     `json:"q3"`
	Q4        int     `json:"q4"`
	Goldstein float64 `json:"goldstein"`      // sum
	Mean      float64 `json:"goldstein_mean"` // mean
	Index     int     `json:"index"`          // (Q1+Q2) - (Q3+Q4)
}

func dyadOf(d store.DyadCount) Dyad {
	out := Dyad{Source: d.Source, Target: d.Target, Count: d.Count(),
		Q1: d.Quad[1], Q2: d.Quad[2], Q3: d.Quad[3], Q4: d.Quad[4], Goldstein: d.Goldstein}
	if out.Count > 0 {
		out.Mean = d.Goldstein / float64(out.Count)
	}
	out.Index = (out.Q1 + out.Q2) - (out.Q3 + out.Q4)
	return out
}

// DyadCounts returns the raw per-dyad sums of the events matching q, from
// the store's Dyadser when it has one, sorted by source then target.
func DyadCounts(ctx context.Context, s store.Store, q store.Query) ([]store.DyadCount, error) {
	if ds, ok := s.(store.Dyadser); ok {
		return ds.Dyads(ctx, q)
	}
	idx := map[[2]string]int{}
	var out []store.DyadCount
	err := each(ctx, s, q, func(evs []parley.Event) {
		for _, e := range evs {
			if e.Target == nil {
				continue
			}
			src, tgt := store.Country(e.Source), store.Country(*e.Target)
			if src == "" || tgt == "" {
				continue
			}
			k := [2]string{src, tgt}
			i, ok := idx[k]
			if !ok {
				i = len(out)
				idx[k] = i
				out = append(out, store.DyadCount{Source: src, Target: tgt})
			}
			qc := e.QuadClass
			if qc < 1 || qc > 4 {
				qc = 0
			}
			out[i].Quad[qc]++
			out[i].Goldstein += e.Goldstein
		}
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Source != out[j].Source {
			return out[i].Source < out[j].Source
		}
		return out[i].Target < out[j].Target
	})
	return out, nil
}

// TopDyads returns the n directed country dyads with the most events
// matching q (all of them when n <= 0), most events first (ties by
// source, then target).
func TopDyads(ctx context.Context, s store.Store, q store.Query, n int) ([]Dyad, error) {
	cs, err := DyadCounts(ctx, s, q)
	if err != nil {
		return nil, err
	}
	out := make([]Dyad, len(cs))
	for i, c := range cs {
		out[i] = dyadOf(c)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Count > out[j].Count })
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return out, nil
}

// Partner is one of an actor's partners: the events between them in both
// directions.
type Partner struct {
	Partner string  `json:"partner"` // the partner's country code
	Out     Dyad    `json:"out"`     // actor -> partner
	In      Dyad    `json:"in"`      // partner -> actor
	Count   int     `json:"count"`   // Out.Count + In.Count
	Mean    float64 `json:"goldstein_mean"`
	Index   int     `json:"index"`
}

// Partners returns the countries that the actor (a code prefix: JPN,
// JPNGOV) interacts with in the events matching q, most events first (n
// of them; all when n <= 0). Events of the actor with itself are left out
// when the actor is a country.
func Partners(ctx context.Context, s store.Store, actor string, q store.Query, n int) ([]Partner, error) {
	if actor == "" {
		return nil, parley.Errorf(parley.Invalid, "aggregate.Partners", "no actor given")
	}
	q.Actor = actor
	cs, err := DyadCounts(ctx, s, q)
	if err != nil {
		return nil, err
	}
	// The dyads are by country; keep the side that is the actor's.
	ctry := actor
	if len(ctry) > 3 {
		ctry = ctry[:3]
	}
	by := map[string]*Partner{}
	var order []string
	get := func(c string) *Partner {
		p, ok := by[c]
		if !ok {
			p = &Partner{Partner: c}
			by[c] = p
			order = append(order, c)
		}
		return p
	}
	for _, c := range cs {
		switch {
		case c.Source == ctry && c.Target == ctry:
			continue
		case c.Source == ctry:
			get(c.Target).Out = dyadOf(c)
		case c.Target == ctry:
			get(c.Source).In = dyadOf(c)
		}
	}
	out := make([]Partner, 0, len(order))
	for _, c := range order {
		p := by[c]
		p.Count = p.Out.Count + p.In.Count
		if p.Count > 0 {
			p.Mean = (p.Out.Goldstein + p.In.Goldstein) / float64(p.Count)
		}
		p.Index = p.Out.Index + p.In.Index
		out = append(out, *p)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Partner < out[j].Partner
	})
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return out, nil
}
