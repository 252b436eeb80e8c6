package outlook

import (
	"context"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/aggregate"
	"github.com/parley-events/parley/forecast"
	"github.com/parley-events/parley/series"
	"github.com/parley-events/parley/store"
)

// AlertOptions configure Alerts. Zero fields take the defaults noted.
type AlertOptions struct {
	By    store.Interval // period (default month)
	Dyads int            // watch this many of the busiest directed dyads (default 50)
	Band  int            // the band the latest period must fall in: 80 or 95 (default 95)
	// Spike alerts when the next period's spike probability reaches it
	// (default 0.5; above 1 for never).
	Spike  float64
	Events int // events listed per alert (default 5; negative for none)
	// Busiest, if not nil, are the store's busiest directed dyads, as
	// for Options.
	Busiest []aggregate.Dyad
}

func (o *AlertOptions) ensureDefaults() error {
	if o.By == "" {
		o.By = store.Month
	}
	if !o.By.Valid() {
		return parley.Errorf(parley.Invalid, "outlook", "unknown period %q (want day, week, month or year)", o.By)
	}
	if o.Dyads == 0 {
		o.Dyads = 50
	}
	if o.Dyads < 1 || o.Dyads > 1000 {
		return parley.Errorf(parley.Invalid, "outlook", "%d dyads: want 1 to 1000", o.Dyads)
	}
	if o.Band == 0 {
		o.Band = 95
	}
	if o.Band != 80 && o.Band != 95 {
		return parley.Errorf(parley.Invalid, "outlook", "band %d: want 80 or 95", o.Band)
	}
	if o.Spike == 0 {
		o.Spike = 0.5
	}
	if o.Spike < 0 || math.IsNaN(o.Spike) {
		return parley.Errorf(parley.Invalid, "outlook", "spike probability %v: want 0 to 1 (above 1 for never)", o.Spike)
	}
	if o.Events == 0 {
		o.Events = 5
	}
	if o.Events > 100 {
		return parley.Errorf(parley.Invalid, "outlook", "%d events per alert: want at most 100", o.Events)
	}
	o.Events = max(o.Events, 0)
	return nil
}

// Reasons an alert is raised.
const (
	AboveBand   = "above band"
	BelowBand   = "below band"
	SpikeLikely = "spike likely"
)

// Event is an event that drove an alert.
type Event struct {
	ID        string  `json:"id"`
	Date      string  `json:"date"`
	Source    string  `json:"source"`
	Target    string  `json:"target"`
	CAMEO     string  `json:"cameo"`
	QuadClass int     `json:"quad_class"`
	Goldstein float64 `json:"goldstein"`
	StoryID   string  `json:"story_id"`
	Sentence  string  `json:"sentence,omitempty"` // a snippet of its sentence
}

// Alert is a dyad's series that broke from its forecast.
type Alert struct {
	Dyad     string  `json:"dyad"`    // SOURCE-TARGET (countries)
	Measure  string  `json:"measure"` // cooperation, conflict or goldstein
	Period   string  `json:"period"`  // the latest period
	Reason   string  `json:"reason"`  // AboveBand, BelowBand or SpikeLikely
	Actual   float64 `json:"actual"`
	Forecast float64 `json:"forecast"` // forecast from the period before
	Lo       float64 `json:"lo"`       // the band (AlertOptions.Band)
	Hi       float64 `json:"hi"`
	PSpike   float64 `json:"p_spike"` // for the next period
	Events   []Event `json:"events"`
}

// alertMeasures are the measures alerts watch.
var alertMeasures = []int{mCooperation, mConflict, mGoldstein}

// Alerts watches the busiest directed dyads' cooperation, conflict and
// Goldstein sum, and returns an alert for each whose latest period (the
// last period with events in the store) fell outside the band forecast
// for it from the periods before, or whose probability of a spike next
// period reaches opt.Spike. Each alert lists the events of the latest
// period that weigh most (largest absolute Goldstein score): cooperative
// events for cooperation, conflictual ones for conflict, any for the
// Goldstein sum. No events gives no alerts; under three periods of events
// is an error of kind Invalid.
func Alerts(ctx context.Context, s store.Store, opt AlertOptions) ([]Alert, error) {
	if err := opt.ensureDefaults(); err != nil {
		return nil, err
	}
	dyads, err := poolDyads(ctx, s, opt.Busiest, [2]string{}, opt.Dyads)
	if err != nil {
		return nil, err
	}
	p, _, err := dyadPanel(ctx, s, dyads, false, opt.By, false)
	if err != nil || p == nil {
		return nil, err
	}
	T := len(p.Periods)
	if T < 3 {
		return nil, parley.Errorf(parley.Invalid, "outlook", "%d %s(s) of events: too few to forecast", T, opt.By)
	}
	// The band for the latest period, forecast from the one before.
	var last []forecast.Band
	err = forecast.Backtest(ctx, p, []forecast.Model{newModel()}, forecast.Options{Horizon: 1, From: T - 2}, func(r *forecast.Result) error {
		last = append([]forecast.Band(nil), r.Bands[0]...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	next, _, err := forecast.Ahead(ctx, p, newModel, 1, forecast.Options{})
	if err != nil {
		return nil, err
	}
	g := granularityOf(opt.By)
	start, err := series.ParsePeriod(p.Periods[T-1])
	if err != nil {
		return nil, parley.Errorf(parley.Internal, "outlook", "period %q: %v", p.Periods[T-1], err)
	}
	end := series.Next(start, g, 1)
	alerts := []Alert{}
	for k, key := range p.Keys {
		m := k % len(Measures)
		if !slices.Contains(alertMeasures, m) {
			continue
		}
		b, y := clip(m, last[k]), p.Values[k][T-1]
		lo, hi := b.Lo95, b.Hi95
		if opt.Band == 80 {
			lo, hi = b.Lo80, b.Hi80
		}
		a := Alert{Dyad: key[0] + "-" + key[1], Measure: key[2], Period: p.Periods[T-1], Actual: y, Forecast: round2(b.Point),
			Lo: round2(lo), Hi: round2(hi), PSpike: round2(next[0][k].PSpike)}
		switch {
		case y > hi:
			a.Reason = AboveBand
		case y < lo:
			a.Reason = BelowBand
		case next[0][k].PSpike >= opt.Spike:
			a.Reason = SpikeLikely
		default:
			continue
		}
		a.Events, err = drivers(ctx, s, store.Query{Source: key[0], Target: key[1], From: start, To: end, MinPrecision: aggregate.Precision(opt.By)}, m, opt.Events)
		if err != nil {
			return nil, err
		}
		alerts = append(alerts, a)
	}
	return alerts, nil
}

// drivers returns the n events matching q that weigh most in measure m.
func drivers(ctx context.Context, s store.Store, q store.Query, m, n int) ([]Event, error) {
	var evs []parley.Event
	for {
		q.Limit = store.MaxLimit
		page, err := s.Events(ctx, q)
		if err != nil {
			return nil, err
		}
		for _, e := range page.Events {
			coop := e.QuadClass == 1 || e.QuadClass == 2
			conf := e.QuadClass == 3 || e.QuadClass == 4
			if m == mGoldstein || m == mCooperation && coop || m == mConflict && conf {
				evs = append(evs, e)
			}
		}
		if page.Next == "" || len(evs) > 100*store.MaxLimit {
			break
		}
		q.Cursor = page.Next
	}
	slices.SortStableFunc(evs, func(x, y parley.Event) int {
		if d := math.Abs(y.Goldstein) - math.Abs(x.Goldstein); d != 0 {
			if d > 0 {
				return 1
			}
			return -1
		}
		return strings.Compare(x.ID, y.ID)
	})
	out := []Event{}
	for _, e := range evs[:min(n, len(evs))] {
		ae := Event{ID: e.ID, Date: e.Date.String(), Source: e.Source.Code, CAMEO: e.CAMEO, QuadClass: e.QuadClass,
			Goldstein: e.Goldstein, StoryID: e.StoryID, Sentence: Snippet(e.SentenceText, 240)}
		if e.Target != nil {
			ae.Target = e.Target.Code
		}
		out = append(out, ae)
	}
	return out, nil
}

// Snippet returns s with its spaces collapsed, cut at a word boundary to
// at most n bytes with an ellipsis.
func Snippet(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if i := strings.LastIndexByte(s[:cut], ' '); i > n/2 {
		cut = i
	}
	return strings.TrimRight(s[:cut], " ,;:") + "…"
}
