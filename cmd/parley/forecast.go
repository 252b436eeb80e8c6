package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/aggregate"
	"github.com/parley-events/parley/forecast"
	"github.com/parley-events/parley/series"
	"github.com/parley-events/parley/store"
)

const forecastUsage = `--dyad JPN-PRK [--either] [--by month] [--periods 6] [--pool 30] [--db FILE] [--format table|jsonl]

Forecasts a stored dyad's series for the next periods: the counts of each
QuadClass (q1 verbal and q2 material cooperation, q3 verbal and q4 material
conflict), cooperation (q1+q2), conflict (q3+q4) and the Goldstein sum, each
with its 80% and 95% band, and the outlook: the probability that cooperation
reaches a new high within those periods. The pooled model learns from the
dyad and the --pool busiest dyads; its bands are calibrated on its own past
errors over the stored history.`

// measures are the series forecast for a dyad.
var measures = []struct {
	name string
	get  func(aggregate.Point) float64
}{
	{"q1", func(p aggregate.Point) float64 { return float64(p.Q1) }},
	{"q2", func(p aggregate.Point) float64 { return float64(p.Q2) }},
	{"q3", func(p aggregate.Point) float64 { return float64(p.Q3) }},
	{"q4", func(p aggregate.Point) float64 { return float64(p.Q4) }},
	{"cooperation", func(p aggregate.Point) float64 { return float64(p.Q1 + p.Q2) }},
	{"conflict", func(p aggregate.Point) float64 { return float64(p.Q3 + p.Q4) }},
	{"goldstein", func(p aggregate.Point) float64 { return p.Goldstein }},
}

// dyadSeries is one dyad's series from the store.
type dyadSeries struct {
	source, target string
	points         []aggregate.Point
}

// dyadPanel reads the series of the dyads over the same periods (from the
// first to the last period of any of them) into a panel whose keys are
// (source, target, measure).
func dyadPanel(ctx context.Context, s store.Store, dyads [][2]string, either bool, by store.Interval) (*series.Panel, error) {
	var all []dyadSeries
	var from, to time.Time
	for _, d := range dyads {
		ps, err := aggregate.Series(ctx, s, store.Query{Source: d[0], Target: d[1], Either: either}, by, aggregate.SeriesOptions{})
		if err != nil {
			return nil, err
		}
		if len(ps) == 0 {
			continue
		}
		if from.IsZero() || ps[0].Start.Before(from) {
			from = ps[0].Start
		}
		if end := ps[len(ps)-1].Start; end.After(to) {
			to = end
		}
		all = append(all, dyadSeries{source: d[0], target: d[1], points: ps})
	}
	if len(all) == 0 {
		return nil, nil
	}
	g := granularityOf(by)
	p := &series.Panel{Name: "store", KeyNames: []string{"source", "target", "measure"}, ValueName: "value"}
	index := map[string]int{}
	for t := from; !t.After(to); t = series.Next(t, g, 1) {
		index[series.Format(t, g)] = len(p.Periods)
		p.Periods = append(p.Periods, series.Format(t, g))
		if len(p.Periods) > 100000 {
			return nil, parley.Errorf(parley.Invalid, "forecast", "more than 100,000 periods from %s to %s: use a coarser --by", from.Format("2006-01-02"), to.Format("2006-01-02"))
		}
	}
	for _, d := range all {
		first := index[d.points[0].Period]
		for _, ms := range measures {
			row := make([]float64, len(p.Periods))
			for _, pt := range d.points {
				row[index[pt.Period]] = ms.get(pt)
			}
			p.Keys = append(p.Keys, []string{d.source, d.target, ms.name})
			p.Values = append(p.Values, row)
			p.First = append(p.First, first)
		}
	}
	return p, nil
}

func granularityOf(by store.Interval) series.Granularity {
	switch by {
	case store.Day:
		return series.Day
	case store.Week:
		return series.Week
	case store.Year:
		return series.Year
	}
	return series.Month
}

// poolDyads returns the dyad asked for followed by the n busiest others.
func poolDyads(ctx context.Context, s store.Store, first [2]string, n int) ([][2]string, error) {
	dyads := [][2]string{first}
	if n <= 0 {
		return dyads, nil
	}
	top, err := aggregate.TopDyads(ctx, s, store.Query{}, n+1)
	if err != nil {
		return nil, err
	}
	for _, d := range top {
		if len(dyads) > n {
			break
		}
		if [2]string{d.Source, d.Target} != first {
			dyads = append(dyads, [2]string{d.Source, d.Target})
		}
	}
	return dyads, nil
}

// pExceed is the probability that a value forecast with band b exceeds x,
// from a normal distribution matched to the band's 80% interval.
func pExceed(b forecast.Band, x float64) float64 {
	sd := (b.Hi80 - b.Lo80) / (2 * 1.2815515655446004)
	if sd <= 0 {
		if b.Point > x {
			return 1
		}
		return 0
	}
	return 0.5 * math.Erfc((x-b.Point)/sd/math.Sqrt2)
}

type forecastLine struct {
	Dyad     string  `json:"dyad"`
	Measure  string  `json:"measure"`
	Period   string  `json:"period"`
	Horizon  int     `json:"horizon"`
	Forecast float64 `json:"forecast"`
	Lo80     float64 `json:"lo80"`
	Hi80     float64 `json:"hi80"`
	Lo95     float64 `json:"lo95"`
	Hi95     float64 `json:"hi95"`
	PSpike   float64 `json:"p_spike"`
}

type outlook struct {
	Dyad      string  `json:"dyad"`
	Outlook   string  `json:"outlook"`
	Periods   int     `json:"periods"`
	High      float64 `json:"high"`        // the highest cooperation count so far
	HighAt    string  `json:"high_period"` // when it was reached
	PNewHigh  float64 `json:"p_new_high"`  // probability of a higher count within the periods
	LastValue float64 `json:"last"`
	LastAt    string  `json:"last_period"`
}

func (m *Main) runForecast(ctx context.Context, args []string) error {
	fs := m.newFlagSet("forecast", forecastUsage)
	db := m.dbFlag(fs)
	dyad := fs.String("dyad", "", "dyad SOURCE-TARGET of actor code prefixes, e.g. JPN-PRK")
	either := fs.Bool("either", false, "count the dyad in both directions")
	by := fs.String("by", "month", "period: day, week (from Monday), month or year")
	periods := fs.Int("periods", 6, "forecast this many `periods` ahead")
	pool := fs.Int("pool", 30, "pool the model over this many of the busiest dyads")
	var of outputFlags
	of.register(fs, "table or jsonl")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	src, tgt, ok := cutDyad(*dyad)
	if !ok || fs.NArg() > 0 {
		fs.Usage()
		return &exitError{code: exitUsage, msg: "forecast: give --dyad SOURCE-TARGET, e.g. --dyad JPN-PRK"}
	}
	interval := store.Interval(*by)
	if !interval.Valid() {
		return &exitError{code: exitUsage, msg: fmt.Sprintf("--by: unknown period %q (want day, week, month or year)", *by)}
	}
	if *periods < 1 || *periods > 120 {
		return &exitError{code: exitUsage, msg: "forecast: --periods must be 1 to 120"}
	}
	format, out, closeOut, err := of.resolve(m, "table", "jsonl")
	if err != nil {
		return err
	}
	s, err := m.openStoreRead(*db)
	if err != nil {
		closeOut()
		return err
	}
	defer s.Close()
	dyads, err := poolDyads(ctx, s, [2]string{src, tgt}, *pool)
	if err != nil {
		closeOut()
		return err
	}
	p, err := dyadPanel(ctx, s, dyads, *either, interval)
	if err != nil {
		closeOut()
		return err
	}
	if p == nil || p.Keys[0][0] != src || p.Keys[0][1] != tgt {
		closeOut()
		return parley.Errorf(parley.NotFound, "forecast", "no dated events for the dyad %s in %s", *dyad, *db)
	}
	if len(p.Periods) < 3 {
		closeOut()
		return parley.Errorf(parley.Invalid, "forecast", "the dyad %s has %d %s(s) of events: too few to forecast", *dyad, len(p.Periods), *by)
	}
	bands, hist, err := forecast.Ahead(ctx, p, func() forecast.Model { return forecast.NewPooled(forecast.PooledOptions{}) }, *periods, forecast.Options{})
	if err != nil {
		closeOut()
		return err
	}
	g := granularityOf(interval)
	lastT, _ := series.ParsePeriod(p.Periods[len(p.Periods)-1])
	var lines []forecastLine
	for k := range measures {
		for h := 1; h <= *periods; h++ {
			b := bands[h-1][k]
			if measures[k].name != "goldstein" {
				// Counts are never negative.
				b.Point, b.Lo80, b.Hi80, b.Lo95, b.Hi95 = max(b.Point, 0), max(b.Lo80, 0), max(b.Hi80, 0), max(b.Lo95, 0), max(b.Hi95, 0)
			}
			lines = append(lines, forecastLine{Dyad: *dyad, Measure: measures[k].name, Period: series.Format(series.Next(lastT, g, h), g), Horizon: h,
				Forecast: round2(b.Point), Lo80: round2(b.Lo80), Hi80: round2(b.Hi80), Lo95: round2(b.Lo95), Hi95: round2(b.Hi95), PSpike: round2(b.PSpike)})
		}
	}
	// Outlook: cooperation (key 4) above its highest count so far in any
	// of the periods, treating the periods as independent.
	coop := p.Values[4]
	ol := outlook{Dyad: *dyad, Periods: *periods, High: math.Inf(-1), LastValue: coop[len(coop)-1], LastAt: p.Periods[len(coop)-1]}
	for t, v := range coop {
		if v > ol.High {
			ol.High, ol.HighAt = v, p.Periods[t]
		}
	}
	none := 1.0
	for h := range *periods {
		none *= 1 - pExceed(bands[h][4], ol.High)
	}
	ol.PNewHigh = round2(1 - none)
	ol.Outlook = fmt.Sprintf("%.0f%% chance that cooperation (%d events in %s, the high) is exceeded within the next %d %ss",
		100*ol.PNewHigh, int(ol.High), ol.HighAt, *periods, *by)
	_ = hist
	if err := writeForecast(format, out, lines, ol); err != nil {
		closeOut()
		return fmt.Errorf("forecast: write: %w", err)
	}
	return closeOut()
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

func writeForecast(format string, w io.Writer, lines []forecastLine, ol outlook) error {
	if format == "jsonl" {
		enc := json.NewEncoder(w)
		for _, l := range lines {
			if err := enc.Encode(l); err != nil {
				return err
			}
		}
		return enc.Encode(ol)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "measure\tperiod\tforecast\t80% band\t95% band\tp_spike\t")
	for _, l := range lines {
		fmt.Fprintf(tw, "%s\t%s\t%.1f\t%.1f to %.1f\t%.1f to %.1f\t%.2f\t\n", l.Measure, l.Period, l.Forecast, l.Lo80, l.Hi80, l.Lo95, l.Hi95, l.PSpike)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\noutlook for %s: %s\n", ol.Dyad, strings.TrimSpace(ol.Outlook))
	return err
}
