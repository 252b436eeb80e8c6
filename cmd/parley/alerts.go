package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"text/tabwriter"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/forecast"
	"github.com/parley-events/parley/series"
	"github.com/parley-events/parley/store"
)

const alertsUsage = `[--by month] [--dyads 50] [--band 95] [--spike 0.5] [--events 5] [--db FILE] [--format table|jsonl]

Lists the dyads (of the --dyads busiest) whose latest period fell outside
the band forecast for it from the periods before (cooperation, conflict or
Goldstein sum), or whose probability of a spike next period (a value above
the dyad's 90th percentile so far) is at least --spike, each with the events
of the latest period that weigh most (largest absolute Goldstein score).`

// alertMeasures are the series alerts watch (indexes into measures).
var alertMeasures = []int{4, 5, 6} // cooperation, conflict, goldstein

type alertEvent struct {
	ID        string  `json:"id"`
	Date      string  `json:"date"`
	Source    string  `json:"source"`
	Target    string  `json:"target"`
	CAMEO     string  `json:"cameo"`
	Goldstein float64 `json:"goldstein"`
	StoryID   string  `json:"story_id"`
	Sentence  string  `json:"sentence,omitempty"`
}

type alert struct {
	Dyad     string       `json:"dyad"`
	Measure  string       `json:"measure"`
	Period   string       `json:"period"`
	Reason   string       `json:"reason"` // "above band", "below band" or "spike likely"
	Actual   float64      `json:"actual"`
	Forecast float64      `json:"forecast"`
	Lo       float64      `json:"lo"`
	Hi       float64      `json:"hi"`
	PSpike   float64      `json:"p_spike"` // for the next period
	Events   []alertEvent `json:"events"`
}

func (m *Main) runAlerts(ctx context.Context, args []string) error {
	fs := m.newFlagSet("alerts", alertsUsage)
	db := m.dbFlag(fs)
	by := fs.String("by", "month", "period: day, week (from Monday), month or year")
	nDyads := fs.Int("dyads", 50, "watch this many of the busiest directed dyads")
	band := fs.Int("band", 95, "band the latest period must fall in: 80 or 95")
	spike := fs.Float64("spike", 0.5, "alert when the next period's spike probability reaches this")
	nEvents := fs.Int("events", 5, "events listed per alert")
	var of outputFlags
	of.register(fs, "table or jsonl")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	interval := store.Interval(*by)
	if !interval.Valid() || fs.NArg() > 0 {
		return &exitError{code: exitUsage, msg: fmt.Sprintf("alerts: --by %q: want day, week, month or year (and no arguments)", *by)}
	}
	if *band != 80 && *band != 95 {
		return &exitError{code: exitUsage, msg: "alerts: --band must be 80 or 95"}
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
	alerts, err := findAlerts(ctx, s, interval, *nDyads, *band, *spike, *nEvents)
	if err != nil {
		closeOut()
		return err
	}
	if err := writeAlerts(format, out, alerts); err != nil {
		closeOut()
		return fmt.Errorf("alerts: write: %w", err)
	}
	return closeOut()
}

func findAlerts(ctx context.Context, s store.Store, by store.Interval, nDyads, band int, spike float64, nEvents int) ([]alert, error) {
	dyads, err := poolDyads(ctx, s, [2]string{}, nDyads)
	if err != nil {
		return nil, err
	}
	dyads = dyads[1:]
	p, err := dyadPanel(ctx, s, dyads, false, by)
	if err != nil || p == nil {
		return nil, err
	}
	T := len(p.Periods)
	if T < 3 {
		return nil, parley.Errorf(parley.Invalid, "alerts", "%d %s(s) of events: too few to forecast", T, by)
	}
	newModel := func() forecast.Model { return forecast.NewPooled(forecast.PooledOptions{}) }
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
	g := granularityOf(by)
	start, _ := series.ParsePeriod(p.Periods[T-1])
	end := series.Next(start, g, 1)
	var alerts []alert
	for k, key := range p.Keys {
		mi := k % len(measures)
		if !slices.Contains(alertMeasures, mi) {
			continue
		}
		b, y := last[k], p.Values[k][T-1]
		lo, hi := b.Lo95, b.Hi95
		if band == 80 {
			lo, hi = b.Lo80, b.Hi80
		}
		if key[2] != "goldstein" { // counts are never negative
			lo, hi = max(lo, 0), max(hi, 0)
		}
		a := alert{Dyad: key[0] + "-" + key[1], Measure: key[2], Period: p.Periods[T-1], Actual: y, Forecast: round2(b.Point),
			Lo: round2(lo), Hi: round2(hi), PSpike: round2(next[0][k].PSpike)}
		switch {
		case y > hi:
			a.Reason = "above band"
		case y < lo:
			a.Reason = "below band"
		case next[0][k].PSpike >= spike:
			a.Reason = "spike likely"
		default:
			continue
		}
		page, err := s.Events(ctx, store.Query{Source: key[0], Target: key[1], From: start, To: end, Limit: store.MaxLimit})
		if err != nil {
			return nil, err
		}
		// The events behind the measure: cooperation (QuadClass 1, 2),
		// conflict (3, 4), or any for the Goldstein sum.
		var evs []parley.Event
		for _, e := range page.Events {
			coop := e.QuadClass == 1 || e.QuadClass == 2
			if key[2] == "goldstein" || (key[2] == "cooperation") == coop {
				evs = append(evs, e)
			}
		}
		slices.SortStableFunc(evs, func(x, y parley.Event) int {
			return cmpFloat(math.Abs(y.Goldstein), math.Abs(x.Goldstein))
		})
		for _, e := range evs[:min(nEvents, len(evs))] {
			ae := alertEvent{ID: e.ID, Date: e.Date.String(), Source: e.Source.Code, CAMEO: e.CAMEO, Goldstein: e.Goldstein, StoryID: e.StoryID, Sentence: e.SentenceText}
			if e.Target != nil {
				ae.Target = e.Target.Code
			}
			a.Events = append(a.Events, ae)
		}
		alerts = append(alerts, a)
	}
	return alerts, nil
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func writeAlerts(format string, w io.Writer, alerts []alert) error {
	if format == "jsonl" {
		enc := json.NewEncoder(w)
		for _, a := range alerts {
			if err := enc.Encode(a); err != nil {
				return err
			}
		}
		return nil
	}
	if len(alerts) == 0 {
		_, err := fmt.Fprintln(w, "no alerts")
		return err
	}
	for _, a := range alerts {
		fmt.Fprintf(w, "%s %s %s: %s (%.1f; forecast %.1f, band %.1f to %.1f; next-period spike probability %.2f)\n",
			a.Dyad, a.Measure, a.Period, a.Reason, a.Actual, a.Forecast, a.Lo, a.Hi, a.PSpike)
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		for _, e := range a.Events {
			fmt.Fprintf(tw, "    %s\t%s\t%s>%s\t%s\t%+.1f\t%s\t\n", e.ID, e.Date, e.Source, e.Target, e.CAMEO, e.Goldstein, e.StoryID)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}
