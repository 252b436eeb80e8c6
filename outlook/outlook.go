package outlook

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/aggregate"
	"github.com/parley-events/parley/forecast"
	"github.com/parley-events/parley/series"
	"github.com/parley-events/parley/store"
)

// Measures names the series forecast for a dyad, in the order of
// Forecast.Series.
var Measures = []string{"q1", "q2", "q3", "q4", "cooperation", "conflict", "goldstein"}

// measureValue is measure m (an index into Measures) of a period.
func measureValue(m int, p aggregate.Point) float64 {
	switch m {
	case 0:
		return float64(p.Q1)
	case 1:
		return float64(p.Q2)
	case 2:
		return float64(p.Q3)
	case 3:
		return float64(p.Q4)
	case 4:
		return float64(p.Q1 + p.Q2)
	case 5:
		return float64(p.Q3 + p.Q4)
	}
	return p.Goldstein
}

const (
	mCooperation = 4
	mConflict    = 5
	mGoldstein   = 6
)

// Options configure DyadForecast.
type Options struct {
	By      store.Interval // period (default month)
	Periods int            // periods ahead, 1 to MaxPeriods (default 6)
	// Pool is the number of the busiest other dyads the model learns
	// from besides the dyad (default 30; negative for none).
	Pool int
	// Either counts the dyad (and the pooled ones) in both directions.
	Either bool
	// Busiest, if not nil, are the store's busiest directed dyads, most
	// events first (aggregate.TopDyads over all events, which a caller
	// may keep); nil asks the store.
	Busiest []aggregate.Dyad
}

// MaxPeriods bounds Options.Periods.
const MaxPeriods = 120

func (o *Options) ensureDefaults() error {
	if o.By == "" {
		o.By = store.Month
	}
	if !o.By.Valid() {
		return parley.Errorf(parley.Invalid, "outlook", "unknown period %q (want day, week, month or year)", o.By)
	}
	if o.Periods == 0 {
		o.Periods = 6
	}
	if o.Periods < 1 || o.Periods > MaxPeriods {
		return parley.Errorf(parley.Invalid, "outlook", "%d periods ahead: want 1 to %d", o.Periods, MaxPeriods)
	}
	if o.Pool == 0 {
		o.Pool = 30
	}
	return nil
}

// Band is the forecast of one series for one period ahead. Counts are
// clipped at zero.
type Band struct {
	Period   string    `json:"period"`  // label, as aggregate.Point.Period
	Start    time.Time `json:"start"`   // first day of the period
	Horizon  int       `json:"horizon"` // periods after the last observed one
	Forecast float64   `json:"forecast"`
	Lo80     float64   `json:"lo80"`
	Hi80     float64   `json:"hi80"`
	Lo95     float64   `json:"lo95"`
	Hi95     float64   `json:"hi95"`
	// PSpike is the probability that the value exceeds the dyad's 90th
	// percentile so far.
	PSpike float64 `json:"p_spike"`
}

// Series is the forecast of one measure.
type Series struct {
	Measure string  `json:"measure"` // one of Measures
	Last    float64 `json:"last"`    // the value in the last observed period
	Bands   []Band  `json:"bands"`   // one per period ahead
}

// Outlook is the chance that cooperation reaches a new high.
type Outlook struct {
	Dyad      string  `json:"dyad"`
	Outlook   string  `json:"outlook"` // the figures in a sentence
	Periods   int     `json:"periods"`
	High      float64 `json:"high"`        // the highest cooperation count so far
	HighAt    string  `json:"high_period"` // when it was reached
	PNewHigh  float64 `json:"p_new_high"`  // probability of a higher count within the periods
	LastValue float64 `json:"last"`
	LastAt    string  `json:"last_period"`
}

// Forecast is a dyad's forecast.
type Forecast struct {
	Dyad       string   `json:"dyad"` // SOURCE-TARGET
	Either     bool     `json:"either"`
	By         string   `json:"by"`
	Periods    int      `json:"periods"`
	LastPeriod string   `json:"last_period"` // the last observed period
	Pooled     int      `json:"pooled"`      // dyads the model learnt from, this one included
	Series     []Series `json:"series"`      // one per measure, in the order of Measures
	Outlook    Outlook  `json:"outlook"`
}

// DyadForecast forecasts the series of the dyad source-target (actor code
// prefixes) for the opt.Periods periods after the last stored one. It
// returns an error of kind NotFound if the dyad has no dated events, and
// of kind Invalid for bad options or a history under three periods.
// MinPeriods is the least history, in periods from a dyad's first event to
// the last stored period, that DyadForecast forecasts from: the intervals
// are calibrated on the model's own past errors, which a shorter history
// does not have enough of. A year of months or weeks, four weeks of days,
// three years.
func MinPeriods(by store.Interval) int {
	switch by {
	case store.Day:
		return 28
	case store.Year:
		return 3
	}
	return 12
}

func DyadForecast(ctx context.Context, s store.Store, source, target string, opt Options) (*Forecast, error) {
	if err := opt.ensureDefaults(); err != nil {
		return nil, err
	}
	dyad := source + "-" + target
	dyads, err := poolDyads(ctx, s, opt.Busiest, [2]string{source, target}, opt.Pool)
	if err != nil {
		return nil, err
	}
	p, n, err := dyadPanel(ctx, s, dyads, opt.Either, opt.By, true)
	if err != nil {
		return nil, err
	}
	if p == nil {
		return nil, parley.Errorf(parley.NotFound, "outlook", "no events dated to the %s for the dyad %s", opt.By, dyad)
	}
	// The dyad's own history runs from its first period with events (its
	// keys come first in the panel), not from the pooled dyads' first.
	if min, hist := MinPeriods(opt.By), len(p.Periods)-p.First[0]; hist < min {
		return nil, parley.Errorf(parley.Invalid, "outlook", "the dyad %s has %d %s(s) of events: too few to forecast (%d needed)", dyad, hist, opt.By, min)
	}
	bands, _, err := forecast.Ahead(ctx, p, newModel, opt.Periods, forecast.Options{})
	if err != nil {
		return nil, err
	}
	g := granularityOf(opt.By)
	T := len(p.Periods)
	lastT, err := series.ParsePeriod(p.Periods[T-1])
	if err != nil {
		return nil, parley.Errorf(parley.Internal, "outlook", "period %q: %v", p.Periods[T-1], err)
	}
	f := &Forecast{Dyad: dyad, Either: opt.Either, By: string(opt.By), Periods: opt.Periods, LastPeriod: p.Periods[T-1], Pooled: n}
	for k, name := range Measures {
		ser := Series{Measure: name, Last: p.Values[k][T-1]}
		for h := 1; h <= opt.Periods; h++ {
			b := clip(k, bands[h-1][k])
			t := series.Next(lastT, g, h)
			ser.Bands = append(ser.Bands, Band{Period: aggregate.Label(opt.By, t), Start: t, Horizon: h,
				Forecast: round2(b.Point), Lo80: round2(b.Lo80), Hi80: round2(b.Hi80), Lo95: round2(b.Lo95), Hi95: round2(b.Hi95), PSpike: round2(b.PSpike)})
		}
		f.Series = append(f.Series, ser)
	}
	// Outlook: cooperation above its highest count so far in any of the
	// periods, treating the periods as independent.
	coop := p.Values[mCooperation]
	ol := Outlook{Dyad: dyad, Periods: opt.Periods, High: math.Inf(-1), LastValue: coop[T-1], LastAt: p.Periods[T-1]}
	for t := p.First[mCooperation]; t < T; t++ {
		if coop[t] > ol.High {
			ol.High, ol.HighAt = coop[t], p.Periods[t]
		}
	}
	// A count above the high is at least high+1: the threshold of the
	// continuous forecast sits halfway.
	none := 1.0
	for h := range opt.Periods {
		none *= 1 - pExceed(bands[h][mCooperation], ol.High+0.5)
	}
	ol.PNewHigh = round2(1 - none)
	ol.Outlook = fmt.Sprintf("%.0f%% chance that cooperation reaches a new high (above %d events, reached in %s) within the next %d %ss",
		100*ol.PNewHigh, int(ol.High), ol.HighAt, opt.Periods, opt.By)
	f.Outlook = ol
	return f, nil
}

func newModel() forecast.Model { return forecast.NewPooled(forecast.PooledOptions{}) }

// clip keeps the bands of counts (every measure but the Goldstein sum) at
// zero or above.
func clip(measure int, b forecast.Band) forecast.Band {
	if measure != mGoldstein {
		b.Point, b.Lo80, b.Hi80, b.Lo95, b.Hi95 = max(b.Point, 0), max(b.Lo80, 0), max(b.Hi80, 0), max(b.Lo95, 0), max(b.Hi95, 0)
	}
	return b
}

// dyadSeries is one dyad's series from the store.
type dyadSeries struct {
	source, target string
	points         []aggregate.Point
}

// dyadPanel reads the series of the dyads over the same periods (from the
// first to the last period of any of them) into a panel whose keys are
// (source, target, measure), len(Measures) keys per dyad in the order of
// Measures. It returns a nil panel if none has dated events (or, with
// firstRequired, if the first has none), and the number of dyads in the
// panel.
func dyadPanel(ctx context.Context, s store.Store, dyads [][2]string, either bool, by store.Interval, firstRequired bool) (*series.Panel, int, error) {
	var all []dyadSeries
	var from, to time.Time
	for i, d := range dyads {
		ps, err := aggregate.Series(ctx, s, store.Query{Source: d[0], Target: d[1], Either: either}, by, aggregate.SeriesOptions{})
		if err != nil {
			return nil, 0, err
		}
		if len(ps) == 0 && i == 0 && firstRequired {
			return nil, 0, nil
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
		return nil, 0, nil
	}
	g := granularityOf(by)
	p := &series.Panel{Name: "store", KeyNames: []string{"source", "target", "measure"}, ValueName: "value"}
	index := map[string]int{}
	for t := from; !t.After(to); t = series.Next(t, g, 1) {
		if len(p.Periods) >= 100000 {
			return nil, 0, parley.Errorf(parley.Invalid, "outlook", "more than 100,000 periods from %s to %s: use a coarser period", from.Format("2006-01-02"), to.Format("2006-01-02"))
		}
		index[series.Format(t, g)] = len(p.Periods)
		p.Periods = append(p.Periods, series.Format(t, g))
	}
	for _, d := range all {
		first := index[d.points[0].Period]
		for m, name := range Measures {
			row := make([]float64, len(p.Periods))
			for _, pt := range d.points {
				row[index[pt.Period]] = measureValue(m, pt)
			}
			p.Keys = append(p.Keys, []string{d.source, d.target, name})
			p.Values = append(p.Values, row)
			p.First = append(p.First, first)
		}
	}
	return p, len(all), nil
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

// poolDyads returns first (unless it is empty) followed by the n busiest
// other directed dyads, from top if it is not nil, else from the store.
func poolDyads(ctx context.Context, s store.Store, top []aggregate.Dyad, first [2]string, n int) ([][2]string, error) {
	var dyads [][2]string
	if first != [2]string{} {
		dyads = append(dyads, first)
	}
	if n <= 0 {
		return dyads, nil
	}
	if top == nil {
		var err error
		if top, err = aggregate.TopDyads(ctx, s, store.Query{}, n+1); err != nil {
			return nil, err
		}
	}
	want := len(dyads) + n
	for _, d := range top {
		if len(dyads) >= want {
			break
		}
		if d.Target == "" || [2]string{d.Source, d.Target} == first {
			continue
		}
		dyads = append(dyads, [2]string{d.Source, d.Target})
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

func round2(v float64) float64 { return math.Round(v*100) / 100 }
