package server

import (
	"context"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/outlook"
	"github.com/parley-events/parley/store"
)

// float reads a number from min to max.
func (p *params) float(name string, min, max float64) (float64, bool) {
	s := p.str(name)
	if s == "" {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < min || v > max {
		p.fail("%s=%q: want a number from %g to %g", name, s, min, max)
		return 0, false
	}
	return v, true
}

// interval reads by= (default month).
func (p *params) interval() store.Interval {
	by := store.Interval(strings.ToLower(p.str("by")))
	if by == "" {
		return store.Month
	}
	if !by.Valid() {
		p.fail("by=%q: want day, week, month or year", p.str("by"))
	}
	return by
}

func (s *Server) apiForecast(w http.ResponseWriter, r *http.Request) {
	p := newParams(r, "dyad", "either", "by", "periods", "pool")
	by := p.interval()
	either := p.boolean("either")
	periods := p.integer("periods", 1, outlook.MaxPeriods)
	pool := p.integer("pool", 0, 200)
	d := p.str("dyad")
	src, tgt, ok := parseDyad(d)
	switch {
	case d == "":
		p.fail("dyad is required: two actor codes joined by a dash, e.g. dyad=JPN-PRK")
	case !ok:
		p.fail("dyad=%q: want two actor codes joined by a dash, e.g. JPN-PRK", d)
	}
	if p.str("pool") != "" && pool == 0 {
		pool = -1 // none
	}
	if p.err != nil {
		s.writeError(w, r, p.err)
		return
	}
	f, err := s.forecast(r.Context(), src, tgt, outlook.Options{By: by, Periods: periods, Pool: pool, Either: either})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, f)
}

// forecast returns outlook.DyadForecast, kept for a minute: a dashboard
// view asks for it on every load, and the pooled model trains on the
// busiest dyads' whole history.
func (s *Server) forecast(ctx context.Context, src, tgt string, o outlook.Options) (*outlook.Forecast, error) {
	key := fmt.Sprintf("forecast|%s|%s|%+v", src, tgt, o)
	v, err := s.cached(key, func() (any, error) {
		var err error
		// the busiest dyads, as the dashboard's suggestions keep them
		if o.Busiest, err = s.topDyads(ctx, store.Query{}, busiest); err != nil {
			return nil, err
		}
		return outlook.DyadForecast(ctx, s.opts.Store, src, tgt, o)
	})
	f, _ := v.(*outlook.Forecast)
	return f, err
}

// busiest is the number of top dyads kept for the forecasts' pools and the
// alerts: as many as the timeline page suggests, so that they share what
// topDyads keeps.
const busiest = 200

// alertEvent is an event of an alert with its links.
type alertEvent struct {
	outlook.Event
	URL      string `json:"url"`       // the event's page on the dashboard
	APIURL   string `json:"api_url"`   // the event as JSON
	StoryURL string `json:"story_url"` // its story's page
}

// alertJSON is an alert with its links.
type alertJSON struct {
	outlook.Alert
	Events      []alertEvent `json:"events"`
	TimelineURL string       `json:"timeline_url"` // the dyad's timeline on the dashboard
}

// alertsResponse is the body of GET /api/v1/alerts.
type alertsResponse struct {
	By     string      `json:"by"`
	Band   int         `json:"band"`
	Spike  float64     `json:"spike"`
	Alerts []alertJSON `json:"alerts"`
}

// alertParams reads the parameters of the alerts endpoint and page, with
// the defaults filled in.
func alertParams(p *params) outlook.AlertOptions {
	o := outlook.AlertOptions{By: p.interval(), Dyads: p.integer("dyads", 1, 1000), Band: p.integer("band", 80, 95), Spike: 0.5, Events: 5}
	if o.Dyads == 0 {
		o.Dyads = 50
	}
	switch o.Band {
	case 0:
		o.Band = 95
	case 80, 95:
	default:
		p.fail("band=%d: want 80 or 95", o.Band)
	}
	if v, ok := p.float("spike", 0, 1.01); ok {
		o.Spike = max(v, 1e-9) // 0 would mean the default to outlook
	}
	if p.str("events") != "" {
		o.Events = p.integer("events", 0, 100)
		if o.Events == 0 {
			o.Events = -1 // none
		}
	}
	return o
}

func (s *Server) alerts(ctx context.Context, o outlook.AlertOptions) ([]alertJSON, error) {
	key := fmt.Sprintf("alerts|%+v", o)
	v, err := s.cached(key, func() (any, error) {
		if o.Dyads <= busiest {
			var err error
			if o.Busiest, err = s.topDyads(ctx, store.Query{}, busiest); err != nil {
				return nil, err
			}
		}
		return outlook.Alerts(ctx, s.opts.Store, o)
	})
	if err != nil {
		return nil, err
	}
	as, _ := v.([]outlook.Alert)
	out := make([]alertJSON, 0, len(as))
	for _, a := range as {
		aj := alertJSON{Alert: a, Events: []alertEvent{}, TimelineURL: "/?" + url.Values{"dyad": {a.Dyad}, "by": {string(o.By)}}.Encode()}
		for _, e := range a.Events {
			aj.Events = append(aj.Events, alertEvent{Event: e, URL: "/events/" + url.PathEscape(e.ID),
				APIURL: "/api/v1/events/" + url.PathEscape(e.ID), StoryURL: "/stories/" + url.PathEscape(e.StoryID)})
		}
		out = append(out, aj)
	}
	return out, nil
}

func (s *Server) apiAlerts(w http.ResponseWriter, r *http.Request) {
	p := newParams(r, "by", "dyads", "band", "spike", "events")
	o := alertParams(p)
	if p.err != nil {
		s.writeError(w, r, p.err)
		return
	}
	as, err := s.alerts(r.Context(), o)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, alertsResponse{By: string(o.By), Band: o.Band, Spike: o.Spike, Alerts: as})
}

// alertsPage is the data of the alerts page.
type alertsPage struct {
	pageData
	By     string
	Bys    []string
	Band   int
	Alerts []alertJSON
	Period string // the latest period
	Error  string
}

func (s *Server) pageAlerts(w http.ResponseWriter, r *http.Request) {
	p := newParams(r, "by", "dyads", "band", "spike", "events")
	o := alertParams(p)
	if p.err != nil {
		s.pageError(w, r, p.err)
		return
	}
	d := alertsPage{pageData: pageData{"alerts", s.bundle}, By: string(o.By), Bys: []string{"day", "week", "month", "year"}, Band: o.Band}
	as, err := s.alerts(r.Context(), o)
	switch {
	case parley.KindOf(err) == parley.Invalid:
		// too little history is worth a sentence on the page, not an
		// error page
		d.Error = err.Error()
	case err != nil:
		s.pageError(w, r, err)
		return
	}
	d.Alerts = as
	if len(as) > 0 {
		d.Period = as[0].Period
	}
	s.render(w, r, http.StatusOK, "alerts", d)
}

// gauge places an alert's band, forecast and actual value on a line, in
// percent of its width.
type gauge struct {
	BandLeft, BandWidth, Forecast, Actual float64
}

// Gauge returns the positions of the alert's figures on a line from the
// least to the largest of them, with some room on both sides.
func (a alertJSON) Gauge() gauge {
	lo, hi := min(a.Lo, a.Actual, a.Forecast), max(a.Hi, a.Actual, a.Forecast)
	if a.Measure != "goldstein" {
		lo = min(lo, 0)
	}
	pad := (hi - lo) * 0.08
	if pad == 0 {
		pad = 1
	}
	lo, hi = lo-pad, hi+pad
	at := func(v float64) float64 { return math.Round(1000*(v-lo)/(hi-lo)) / 10 }
	return gauge{BandLeft: at(a.Lo), BandWidth: at(a.Hi) - at(a.Lo), Forecast: at(a.Forecast), Actual: at(a.Actual)}
}

// alertFuncs are the template functions of the alerts page.
var alertFuncs = template.FuncMap{
	"reasonClass": func(reason string) string {
		switch reason {
		case outlook.AboveBand:
			return "above"
		case outlook.BelowBand:
			return "below"
		}
		return "spike"
	},
	"num": func(v float64) string {
		if v == math.Trunc(v) && math.Abs(v) < 1e15 {
			return strconv.FormatFloat(v, 'f', 0, 64)
		}
		return strconv.FormatFloat(v, 'f', 1, 64)
	},
	"pct": func(p float64) string { return strconv.FormatFloat(100*p, 'f', 0, 64) + "%" },
	"dyadName": func(d string) string {
		a, b, ok := strings.Cut(d, "-")
		if !ok {
			return d
		}
		return countryName(a) + " → " + countryName(b)
	},
}
