package server

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/parley-events/parley/outlook"
	"github.com/parley-events/parley/server/servertest"
	"github.com/parley-events/parley/store"
)

// newHistoryServer returns a server on a store holding servertest.History:
// three years of monthly events and a break in the last month.
func newHistoryServer(t *testing.T) (*Server, []servertest.Coded, store.Store) {
	t.Helper()
	st := servertest.Open(t)
	cs := servertest.FillHistory(t, st)
	s, err := New(Options{Store: st})
	if err != nil {
		t.Fatal(err)
	}
	return s, cs, st
}

func TestForecastAPI(t *testing.T) {
	s, cs, _ := newHistoryServer(t)
	r := do(t, s, "GET", "/api/v1/forecast?dyad=JPN-PRK&either=true&by=month&periods=6", nil)
	if r.status != http.StatusOK {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	f := decode[outlook.Forecast](t, r)
	if f.Dyad != "JPN-PRK" || !f.Either || f.By != "month" || f.Periods != 6 || f.LastPeriod != "2013-12" {
		t.Errorf("forecast head %+v", f)
	}
	if f.Pooled < 4 {
		t.Errorf("the model pooled %d dyads, want the dyad and the others", f.Pooled)
	}
	var names []string
	for _, ser := range f.Series {
		names = append(names, ser.Measure)
		if len(ser.Bands) != 6 {
			t.Fatalf("%s: %d bands, want 6", ser.Measure, len(ser.Bands))
		}
		for i, b := range ser.Bands {
			wantPeriod := []string{"2014-01", "2014-02", "2014-03", "2014-04", "2014-05", "2014-06"}[i]
			if b.Period != wantPeriod || b.Horizon != i+1 || b.Start.Format("2006-01") != wantPeriod {
				t.Errorf("%s band %d: period %s (start %s) horizon %d, want %s", ser.Measure, i, b.Period, b.Start, b.Horizon, wantPeriod)
			}
			if !(b.Lo95 <= b.Lo80 && b.Lo80 <= b.Forecast && b.Forecast <= b.Hi80 && b.Hi80 <= b.Hi95) {
				t.Errorf("%s band %d out of order: %+v", ser.Measure, i, b)
			}
			if ser.Measure != "goldstein" && b.Lo95 < 0 {
				t.Errorf("%s band %d: a count below zero: %+v", ser.Measure, i, b)
			}
			if b.PSpike < 0 || b.PSpike > 1 {
				t.Errorf("%s band %d: p_spike %v", ser.Measure, i, b.PSpike)
			}
		}
	}
	if !slices.Equal(names, outlook.Measures) {
		t.Errorf("measures %v, want %v", names, outlook.Measures)
	}
	// the last observed values are the stored ones: JPN-PRK either way
	// in December 2013, including the break
	var coop, conf float64
	for _, c := range cs {
		for _, e := range c.Events {
			if e.Date.Time().Format("2006-01") != "2013-12" || e.Target == nil {
				continue
			}
			if d := e.Source.Country + "-" + e.Target.Country; d != "JPN-PRK" && d != "PRK-JPN" {
				continue
			}
			if e.QuadClass <= 2 {
				coop++
			} else {
				conf++
			}
		}
	}
	if f.Series[4].Last != coop || f.Series[5].Last != conf || conf < servertest.BreakEvents {
		t.Errorf("last cooperation %v conflict %v, want %v and %v", f.Series[4].Last, f.Series[5].Last, coop, conf)
	}
	// the cooperation forecast stays near its usual 3 to 6 a month
	// (either way), not near the conflict break
	if c := f.Series[4].Bands[0].Forecast; c < 1.5 || c > 12 {
		t.Errorf("cooperation forecast %v, want near the usual level", c)
	}
	o := f.Outlook
	if o.PNewHigh < 0 || o.PNewHigh > 1 || o.High < 3 || o.HighAt == "" || o.Periods != 6 || !strings.Contains(o.Outlook, "6 months") {
		t.Errorf("outlook %+v", o)
	}

	// a directed dyad differs from either way
	d := decode[outlook.Forecast](t, do(t, s, "GET", "/api/v1/forecast?dyad=PRK-JPN&periods=2", nil))
	if d.Series[5].Last != float64(servertest.BreakEvents) || len(d.Series[5].Bands) != 2 || d.Either {
		t.Errorf("PRK-JPN: last conflict %v (want %d), %d bands", d.Series[5].Last, servertest.BreakEvents, len(d.Series[5].Bands))
	}
}

func TestAlertsAPI(t *testing.T) {
	s, cs, _ := newHistoryServer(t)
	r := do(t, s, "GET", "/api/v1/alerts?by=month", nil)
	if r.status != http.StatusOK {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	res := decode[alertsResponse](t, r)
	if res.By != "month" || res.Band != 95 || res.Spike != 0.5 {
		t.Errorf("response head %+v", res)
	}
	var brk *alertJSON
	for i, a := range res.Alerts {
		if a.Period != "2013-12" {
			t.Errorf("alert for period %s, want the latest, 2013-12", a.Period)
		}
		if a.Dyad == "PRK-JPN" && a.Measure == "conflict" {
			brk = &res.Alerts[i]
		}
	}
	if brk == nil {
		t.Fatalf("no alert for the PRK-JPN conflict break: %s", r.body)
	}
	if brk.Reason != outlook.AboveBand || brk.Actual != servertest.BreakEvents || brk.Hi >= brk.Actual || brk.Lo > brk.Forecast {
		t.Errorf("break alert %+v", brk.Alert)
	}
	if brk.TimelineURL != "/?by=month&dyad=PRK-JPN" {
		t.Errorf("timeline URL %q", brk.TimelineURL)
	}
	if len(brk.Events) != 5 {
		t.Fatalf("%d events, want 5", len(brk.Events))
	}
	stored := map[string]bool{}
	for _, c := range cs {
		for _, e := range c.Events {
			stored[e.ID] = true
		}
	}
	for i, e := range brk.Events {
		// the heaviest first: attacks (-10) before threats
		if e.Source != "PRK" || e.Target != "JPN" || e.QuadClass < 3 || !strings.HasPrefix(e.Date, "2013-12") || !stored[e.ID] {
			t.Errorf("event %+v", e)
		}
		if i > 0 && abs(e.Goldstein) > abs(brk.Events[i-1].Goldstein) {
			t.Errorf("events not by weight: %v after %v", e.Goldstein, brk.Events[i-1].Goldstein)
		}
		if !strings.Contains(e.Sentence, "North Korea") || e.URL != "/events/"+e.ID || e.StoryURL != "/stories/"+e.StoryID || e.APIURL != "/api/v1/events/"+e.ID {
			t.Errorf("event links or sentence %+v", e)
		}
		// the links work
		if got := do(t, s, "GET", e.APIURL, nil); got.status != 200 {
			t.Errorf("GET %s: %d", e.APIURL, got.status)
		}
		if got := do(t, s, "GET", e.URL, nil); got.status != 200 {
			t.Errorf("GET %s: %d", e.URL, got.status)
		}
	}
	if brk.Events[0].CAMEO != "190" {
		t.Errorf("first event %s, want an attack (190)", brk.Events[0].CAMEO)
	}

	// the options change the answer
	r = do(t, s, "GET", "/api/v1/alerts?by=month&band=80&spike=1.01&events=0", nil)
	res80 := decode[alertsResponse](t, r)
	if res80.Band != 80 || len(res80.Alerts) < len(res.Alerts)-countSpike(res.Alerts) {
		t.Errorf("band 80: %d alerts, band 95: %d (%d for spikes)", len(res80.Alerts), len(res.Alerts), countSpike(res.Alerts))
	}
	for _, a := range res80.Alerts {
		if a.Reason == outlook.SpikeLikely || len(a.Events) != 0 {
			t.Errorf("spike=1.01&events=0 gave %+v", a)
		}
	}

	// an empty store has no alerts, not an error
	empty, err := New(Options{Store: servertest.Open(t)})
	if err != nil {
		t.Fatal(err)
	}
	if r := decode[alertsResponse](t, do(t, empty, "GET", "/api/v1/alerts", nil)); r.Alerts == nil || len(r.Alerts) != 0 {
		t.Errorf("empty store: %+v", r)
	}
}

func countSpike(as []alertJSON) int {
	n := 0
	for _, a := range as {
		if a.Reason == outlook.SpikeLikely {
			n++
		}
	}
	return n
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func TestForecastAlertsErrors(t *testing.T) {
	s, _, _ := newHistoryServer(t)
	small, _, _ := newTestServer(t) // a few events in a few months
	tests := []struct {
		s      *Server
		target string
		status int
		kind   string
	}{
		{s, "/api/v1/forecast", 400, "invalid"},
		{s, "/api/v1/forecast?dyad=JPN", 400, "invalid"},
		{s, "/api/v1/forecast?dyad=J!N-PRK", 400, "invalid"},
		{s, "/api/v1/forecast?dyad=JPN-PRK&by=fortnight", 400, "invalid"},
		{s, "/api/v1/forecast?dyad=JPN-PRK&periods=0", 400, "invalid"},
		{s, "/api/v1/forecast?dyad=JPN-PRK&periods=121", 400, "invalid"},
		{s, "/api/v1/forecast?dyad=JPN-PRK&periods=six", 400, "invalid"},
		{s, "/api/v1/forecast?dyad=JPN-PRK&either=perhaps", 400, "invalid"},
		{s, "/api/v1/forecast?dyad=JPN-PRK&horizon=3", 400, "invalid"},
		{s, "/api/v1/forecast?dyad=GBR-IRL", 404, "not_found"},
		{small, "/api/v1/forecast?dyad=USA-PRK&by=year", 400, "invalid"}, // one year of events: too few
		{s, "/api/v1/alerts?by=hour", 400, "invalid"},
		{s, "/api/v1/alerts?band=90", 400, "invalid"},
		{s, "/api/v1/alerts?spike=2", 400, "invalid"},
		{s, "/api/v1/alerts?spike=-0.1", 400, "invalid"},
		{s, "/api/v1/alerts?events=1000", 400, "invalid"},
		{s, "/api/v1/alerts?dyads=0", 400, "invalid"},
		{s, "/api/v1/alerts?dyad=JPN-PRK", 400, "invalid"},
		{small, "/api/v1/alerts?by=year", 400, "invalid"}, // two years of events: too few
	}
	for _, tc := range tests {
		t.Run(tc.target, func(t *testing.T) {
			r := do(t, tc.s, "GET", tc.target, nil)
			if r.status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.status, tc.status, r.body)
			}
			e := decode[errorBody](t, r)
			if e.Error.Kind != tc.kind || e.Error.Message == "" {
				t.Errorf("error %+v, want kind %q and a message", e.Error, tc.kind)
			}
		})
	}
	if r := do(t, s, "POST", "/api/v1/forecast?dyad=JPN-PRK", nil); r.status != 405 {
		t.Errorf("POST forecast: %d", r.status)
	}
}

func TestAlertsPage(t *testing.T) {
	s, _, _ := newHistoryServer(t)
	r := do(t, s, "GET", "/alerts", nil)
	if r.status != 200 {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	body := string(r.body)
	for _, want := range []string{`data-dyad="PRK-JPN" data-measure="conflict" data-reason="above band"`, `href="/?by=month&amp;dyad=PRK-JPN"`, `class="event-link" href="/events/h2013-12-break-`, `Alerts <span class="muted">2013-12</span>`} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if r := do(t, s, "GET", "/alerts?band=70", nil); r.status != 400 {
		t.Errorf("band=70: %d", r.status)
	}
	// too little history: a notice, not an error page
	small, _, _ := newTestServer(t)
	if r := do(t, small, "GET", "/alerts?by=year", nil); r.status != 200 || !strings.Contains(string(r.body), `class="notice"`) {
		t.Errorf("too few periods: %d %.300s", r.status, r.body)
	}
}
