package server

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/server/servertest"
	"github.com/parley-events/parley/store"
	"github.com/parquet-go/parquet-go"
)

const testToken = "s3cret-token"

// newTestServer returns a server on a fresh SQLite store filled with the
// servertest stories.
func newTestServer(t *testing.T, mod ...func(*Options)) (*Server, []servertest.Coded, store.Store) {
	t.Helper()
	st := servertest.Open(t)
	cs := servertest.Fill(t, st)
	o := Options{Store: st, Coder: servertest.Coder{}, Token: testToken, MaxBodyBytes: 64 << 10}
	for _, f := range mod {
		f(&o)
	}
	s, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	return s, cs, st
}

func allEvents(cs []servertest.Coded) []parley.Event {
	var out []parley.Event
	for _, c := range cs {
		out = append(out, c.Events...)
	}
	return out
}

type resp struct {
	status int
	header http.Header
	body   []byte
}

func do(t *testing.T, s http.Handler, method, target string, body io.Reader, hdr ...string) resp {
	t.Helper()
	r := httptest.NewRequest(method, target, body)
	for i := 0; i+1 < len(hdr); i += 2 {
		r.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	return resp{w.Code, w.Header(), w.Body.Bytes()}
}

func decode[T any](t *testing.T, r resp) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(r.body, &v); err != nil {
		t.Fatalf("decode %s: %v", r.body, err)
	}
	return v
}

func ids(evs []parley.Event) []string {
	out := make([]string, len(evs))
	for i, e := range evs {
		out[i] = e.ID
	}
	sort.Strings(out)
	return out
}

// want returns the ids of the fixture's events that match f.
func want(cs []servertest.Coded, f func(parley.Event) bool) []string {
	var out []parley.Event
	for _, e := range allEvents(cs) {
		if f(e) {
			out = append(out, e)
		}
	}
	return ids(out)
}

func tgt(e parley.Event) string {
	if e.Target == nil {
		return ""
	}
	return e.Target.Code
}

func TestEventsFilters(t *testing.T) {
	s, cs, _ := newTestServer(t)
	inMonth := func(e parley.Event, from, to string) bool {
		d := e.Date.String()
		return d >= from && d < to
	}
	tests := []struct {
		query string
		match func(parley.Event) bool
	}{
		{"", func(parley.Event) bool { return true }},
		{"dyad=JPN-PRK", func(e parley.Event) bool {
			return e.Source.Country == "JPN" && tgt(e) != "" && e.Target.Country == "PRK"
		}},
		{"dyad=PRK-JPN", func(e parley.Event) bool {
			return e.Source.Country == "PRK" && tgt(e) != "" && e.Target.Country == "JPN"
		}},
		{"dyad=jpn-prk&either=true", func(e parley.Event) bool {
			return tgt(e) != "" && (e.Source.Country+e.Target.Country == "JPNPRK" || e.Source.Country+e.Target.Country == "PRKJPN")
		}},
		{"dyad=JPNGOV-PRK", func(e parley.Event) bool { return e.Source.Code == "JPNGOV" && strings.HasPrefix(tgt(e), "PRK") }},
		{"actor=CHN", func(e parley.Event) bool { return e.Source.Country == "CHN" || strings.HasPrefix(tgt(e), "CHN") }},
		{"source=KOR", func(e parley.Event) bool { return e.Source.Country == "KOR" }},
		{"target=JPNNGO", func(e parley.Event) bool { return tgt(e) == "JPNNGO" }},
		{"from=2012-08&to=2012-12", func(e parley.Event) bool { return inMonth(e, "2012-08", "2013") }},
		{"from=2012-12-13&to=2012-12-13", func(e parley.Event) bool { return e.Date.String() == "2012-12-13" }},
		{"published_from=2013-01-01", func(e parley.Event) bool { return e.Published.Year() >= 2013 }},
		{"quad=4", func(e parley.Event) bool { return e.QuadClass == 4 }},
		{"cameo=04", func(e parley.Event) bool { return strings.HasPrefix(e.CAMEO, "04") }},
		{"root=16", func(e parley.Event) bool { return e.Root == "16" }},
		{"root=11", func(e parley.Event) bool { return e.Root == "11" }},
		{"plover=consult", func(e parley.Event) bool { return e.PLOVER == "CONSULT" }},
		{"q=Red+Cross", func(e parley.Event) bool { return strings.Contains(e.SentenceText, "Red Cross") }},
		{"story=rocket-december", func(e parley.Event) bool { return e.StoryID == "rocket-december" }},
	}
	// fill the fixture's sentence texts for the q filter
	for i := range cs {
		sents := servertest.Sentences(cs[i].Story.Text)
		for j := range cs[i].Events {
			cs[i].Events[j].SentenceText = sents[cs[i].Events[j].Sentence].Text
		}
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			r := do(t, s, "GET", "/api/v1/events?"+tc.query, nil)
			if r.status != 200 {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
			got := decode[eventsResponse](t, r)
			w := want(cs, tc.match)
			if len(w) == 0 && tc.query != "" {
				t.Fatalf("test is vacuous: no fixture event matches %s", tc.query)
			}
			if g := ids(got.Events); strings.Join(g, " ") != strings.Join(w, " ") {
				t.Errorf("got %v, want %v", g, w)
			}
			if got.NextCursor != "" {
				t.Errorf("next_cursor %q on a single page", got.NextCursor)
			}
		})
	}
}

func TestEventsPagination(t *testing.T) {
	s, cs, _ := newTestServer(t)
	for _, order := range []string{"asc", "desc"} {
		var seen []parley.Event
		cursor := ""
		for pages := 0; ; pages++ {
			if pages > 20 {
				t.Fatal("pagination does not end")
			}
			v := url.Values{"limit": {"2"}, "order": {order}}
			if cursor != "" {
				v.Set("cursor", cursor)
			}
			r := do(t, s, "GET", "/api/v1/events?"+v.Encode(), nil)
			if r.status != 200 {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
			page := decode[eventsResponse](t, r)
			if len(page.Events) > 2 {
				t.Fatalf("page of %d events, limit 2", len(page.Events))
			}
			seen = append(seen, page.Events...)
			if page.NextCursor == "" {
				break
			}
			cursor = page.NextCursor
		}
		if g, w := ids(seen), want(cs, func(parley.Event) bool { return true }); strings.Join(g, " ") != strings.Join(w, " ") {
			t.Errorf("%s: paging gave %v, want each of %v once", order, g, w)
		}
		for i := 1; i < len(seen); i++ {
			a, b := seen[i-1].Date.Time(), seen[i].Date.Time()
			if (order == "asc" && b.Before(a)) || (order == "desc" && a.Before(b)) {
				t.Errorf("%s: event %d (%s) out of order after %s", order, i, seen[i].Date, seen[i-1].Date)
			}
		}
	}
}

func TestErrors(t *testing.T) {
	s, _, _ := newTestServer(t)
	tests := []struct {
		method, target, body, ctype string
		status                      int
		kind                        string
	}{
		{"GET", "/api/v1/events?limit=0", "", "", 400, "invalid"},
		{"GET", "/api/v1/events?limit=abc", "", "", 400, "invalid"},
		{"GET", "/api/v1/events?limit=100000", "", "", 400, "invalid"},
		{"GET", "/api/v1/events?quad=5", "", "", 400, "invalid"},
		{"GET", "/api/v1/events?dyad=JPN", "", "", 400, "invalid"},
		{"GET", "/api/v1/events?dyad=JPN-PRK&source=CHN", "", "", 400, "invalid"},
		{"GET", "/api/v1/events?from=2012-13", "", "", 400, "invalid"},
		{"GET", "/api/v1/events?from=2013&to=2012", "", "", 400, "invalid"},
		{"GET", "/api/v1/events?acter=PRK", "", "", 400, "invalid"},
		{"GET", "/api/v1/events?cameo=abc", "", "", 400, "invalid"},
		{"GET", "/api/v1/events?cursor=not-a-cursor", "", "", 400, "invalid"},
		{"GET", "/api/v1/events?either=maybe", "", "", 400, "invalid"},
		{"GET", "/api/v1/events?format=xml", "", "", 400, "invalid"},
		{"GET", "/api/v1/events?order=sideways", "", "", 400, "invalid"},
		{"GET", "/api/v1/events/no-such-event", "", "", 404, "not_found"},
		{"GET", "/api/v1/stories/no-such-story", "", "", 404, "not_found"},
		{"GET", "/api/v1/series?dyad=JPN-PRK&by=fortnight", "", "", 400, "invalid"},
		{"GET", "/api/v1/actors/P!/partners", "", "", 400, "invalid"},
		{"GET", "/api/v1/nothing-here", "", "", 404, "not_found"},
		{"DELETE", "/api/v1/events", "", "", 405, "method_not_allowed"},
		{"GET", "/api/v1/code", "", "", 405, "method_not_allowed"},
		{"POST", "/api/v1/code", "{", "application/json", 400, "invalid"},
		{"POST", "/api/v1/code", `{"text":"x","colour":"red"}`, "application/json", 400, "invalid"},
		{"POST", "/api/v1/code", `{"text":"   "}`, "application/json", 400, "invalid"},
		{"POST", "/api/v1/code", `{"text":"Japan met China.","date":"yesterday"}`, "application/json", 400, "invalid"},
		{"POST", "/api/v1/code", "<xml/>", "application/xml", 415, "unsupported_media_type"},
		{"POST", "/api/v1/code", strings.Repeat("a", 70<<10), "text/plain", 413, "too_large"},
		{"POST", "/api/v1/code", `{"text":"` + strings.Repeat("a", 70<<10) + `"}`, "application/json", 413, "too_large"},
	}
	for _, tc := range tests {
		t.Run(tc.method+" "+tc.target[:min(len(tc.target), 60)], func(t *testing.T) {
			var hdr []string
			if tc.ctype != "" {
				hdr = []string{"Content-Type", tc.ctype}
			}
			r := do(t, s, tc.method, tc.target, strings.NewReader(tc.body), hdr...)
			if r.status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.status, tc.status, r.body)
			}
			if tc.kind == "" {
				return
			}
			e := decode[errorBody](t, r)
			if e.Error.Kind != tc.kind || e.Error.Message == "" {
				t.Errorf("error %+v, want kind %q and a message", e.Error, tc.kind)
			}
			if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type %q", ct)
			}
		})
	}
}

func TestStatusTable(t *testing.T) {
	for k, want := range map[parley.Kind]int{parley.Invalid: 400, parley.NotFound: 404, parley.Conflict: 409, parley.Internal: 500, parley.Unavailable: 503, parley.Other: 500} {
		if got := statusOf[k.String()]; got != want {
			t.Errorf("status of %v = %d, want %d", k, got, want)
		}
	}
	// internal errors do not leak their message
	s, _, _ := newTestServer(t)
	w := httptest.NewRecorder()
	s.writeError(w, httptest.NewRequest("GET", "/", nil), parley.Errorf(parley.Internal, "db", "disk on fire at /secret/path"))
	if w.Code != 500 || strings.Contains(w.Body.String(), "secret") {
		t.Errorf("internal error: %d %s", w.Code, w.Body)
	}
}

func TestEventAndStory(t *testing.T) {
	s, cs, _ := newTestServer(t)
	for _, c := range cs {
		r := do(t, s, "GET", "/api/v1/stories/"+c.Story.ID, nil)
		if r.status != 200 {
			t.Fatalf("story %s: %d %s", c.Story.ID, r.status, r.body)
		}
		got := decode[storyResponse](t, r)
		if got.Story.Text != c.Story.Text || got.Story.Title != c.Story.Title {
			t.Errorf("story %s: got %+v", c.Story.ID, got.Story)
		}
		if g, w := ids(got.Events), ids(c.Events); strings.Join(g, " ") != strings.Join(w, " ") {
			t.Errorf("story %s events %v, want %v", c.Story.ID, g, w)
		}
		for _, e := range c.Events {
			r := do(t, s, "GET", "/api/v1/events/"+e.ID, nil)
			if r.status != 200 {
				t.Fatalf("event %s: %d %s", e.ID, r.status, r.body)
			}
			g := decode[parley.Event](t, r)
			if g.ID != e.ID || g.CAMEO != e.CAMEO || g.Trigger != e.Trigger || g.Source.Start != e.Source.Start {
				t.Errorf("event %s: got %+v", e.ID, g)
			}
			if g.SentenceText == "" {
				t.Errorf("event %s has no sentence text", e.ID)
			}
		}
	}
}

func TestSeries(t *testing.T) {
	s, cs, _ := newTestServer(t)
	for _, by := range []string{"day", "week", "month", "year"} {
		for _, either := range []bool{false, true} {
			q := url.Values{"dyad": {"JPN-PRK"}, "by": {by}}
			if either {
				q.Set("either", "true")
			}
			r := do(t, s, "GET", "/api/v1/series?"+q.Encode(), nil)
			if r.status != 200 {
				t.Fatalf("%s: %d %s", q.Encode(), r.status, r.body)
			}
			got := decode[seriesResponse](t, r)
			// expected: counts per period from the fixture, filled between
			// the first and the last period
			iv := store.Interval(by)
			counts := map[time.Time]int{}
			var first, last time.Time
			prec := map[string]parley.Precision{"day": parley.PrecisionDay, "week": parley.PrecisionDay, "month": parley.PrecisionMonth, "year": parley.PrecisionYear}[by]
			for _, e := range allEvents(cs) {
				if e.Target == nil || e.Date.Precision < prec {
					continue // coarser dates are left out of finer series
				}
				d := e.Source.Country + "-" + e.Target.Country
				if d != "JPN-PRK" && !(either && d == "PRK-JPN") {
					continue
				}
				p := iv.Truncate(e.Date.Time())
				counts[p]++
				if first.IsZero() || p.Before(first) {
					first = p
				}
				if p.After(last) {
					last = p
				}
			}
			n := 0
			for p := first; !p.After(last); p = iv.Next(p) {
				n++
			}
			if len(got.Points) != n {
				t.Fatalf("%s: %d points, want %d", q.Encode(), len(got.Points), n)
			}
			total := 0
			for _, p := range got.Points {
				if p.Count != counts[p.Start.UTC()] {
					t.Errorf("%s: %s count %d, want %d", q.Encode(), p.Period, p.Count, counts[p.Start.UTC()])
				}
				if p.Q1+p.Q2+p.Q3+p.Q4 != p.Count {
					t.Errorf("%s: %s quads %d %d %d %d do not sum to %d", q.Encode(), p.Period, p.Q1, p.Q2, p.Q3, p.Q4, p.Count)
				}
				total += p.Count
			}
			if total == 0 {
				t.Errorf("%s: empty series", q.Encode())
			}
		}
	}
	// coarse=true counts month-dated events in a daily series too
	r := do(t, s, "GET", "/api/v1/series?dyad=JPN-PRK&by=day&coarse=true", nil)
	n := 0
	for _, p := range decode[seriesResponse](t, r).Points {
		n += p.Count
	}
	if w := len(want(cs, func(e parley.Event) bool {
		return e.Target != nil && e.Source.Country == "JPN" && e.Target.Country == "PRK"
	})); n != w {
		t.Errorf("daily coarse series counts %d events, want %d", n, w)
	}
	r = do(t, s, "GET", "/api/v1/series?dyad=JPN-PRK&format=csv", nil)
	recs, err := csv.NewReader(bytes.NewReader(r.body)).ReadAll()
	if err != nil || r.status != 200 {
		t.Fatalf("series csv: %d %v", r.status, err)
	}
	if recs[0][0] != "period" || recs[1][0] != "2012-01" {
		t.Errorf("series csv starts %v %v", recs[0], recs[1])
	}
}

func TestDyadsAndPartners(t *testing.T) {
	s, cs, _ := newTestServer(t)
	want := map[string]int{}
	for _, e := range allEvents(cs) {
		if e.Target != nil {
			want[e.Source.Country+"-"+e.Target.Country]++
		}
	}
	r := do(t, s, "GET", "/api/v1/dyads", nil)
	got := decode[dyadsResponse](t, r)
	if len(got.Dyads) != len(want) {
		t.Fatalf("%d dyads, want %d: %s", len(got.Dyads), len(want), r.body)
	}
	for i, d := range got.Dyads {
		if want[d.Source+"-"+d.Target] != d.Count {
			t.Errorf("dyad %s-%s: %d, want %d", d.Source, d.Target, d.Count, want[d.Source+"-"+d.Target])
		}
		if i > 0 && d.Count > got.Dyads[i-1].Count {
			t.Errorf("dyads not sorted by count")
		}
	}
	if got.Dyads[0].Source != "JPN" || got.Dyads[0].Target != "PRK" {
		t.Errorf("top dyad %s-%s, want JPN-PRK", got.Dyads[0].Source, got.Dyads[0].Target)
	}
	r = do(t, s, "GET", "/api/v1/dyads?limit=1&from=2013", nil)
	got = decode[dyadsResponse](t, r)
	if len(got.Dyads) != 1 || got.Dyads[0].Count != 1 {
		t.Errorf("dyads in 2013, limit 1: %s", r.body)
	}

	r = do(t, s, "GET", "/api/v1/actors/PRK/partners", nil)
	if r.status != 200 {
		t.Fatalf("partners: %d %s", r.status, r.body)
	}
	p := decode[partnersResponse](t, r)
	byCountry := map[string]int{}
	for _, x := range p.Partners {
		byCountry[x.Partner] = x.Count
	}
	wantP := map[string]int{"JPN": want["JPN-PRK"] + want["PRK-JPN"], "CHN": want["CHN-PRK"], "USA": want["USA-PRK"]}
	for c, n := range wantP {
		if byCountry[c] != n {
			t.Errorf("PRK partner %s: %d events, want %d (%s)", c, byCountry[c], n, r.body)
		}
	}
	if len(p.Partners) != len(wantP) {
		t.Errorf("PRK has %d partners, want %d", len(p.Partners), len(wantP))
	}
}

func TestDownloads(t *testing.T) {
	s, cs, _ := newTestServer(t)
	wantIDs := want(cs, func(e parley.Event) bool {
		return e.Target != nil && (e.Source.Country+e.Target.Country == "JPNPRK" || e.Source.Country+e.Target.Country == "PRKJPN")
	})
	base := "/api/v1/events?dyad=JPN-PRK&either=true"
	check := func(name string, got []string) {
		t.Helper()
		sort.Strings(got)
		if strings.Join(got, " ") != strings.Join(wantIDs, " ") {
			t.Errorf("%s: ids %v, want %v", name, got, wantIDs)
		}
	}
	for _, how := range [][2]string{{"&format=csv", ""}, {"", "text/csv"}} {
		r := do(t, s, "GET", base+how[0], nil, "Accept", how[1])
		if ct := r.header.Get("Content-Type"); r.status != 200 || !strings.HasPrefix(ct, "text/csv") {
			t.Fatalf("csv: %d %s", r.status, ct)
		}
		recs, err := csv.NewReader(bytes.NewReader(r.body)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(recs[0], ",") != strings.Join(rowHeader, ",") {
			t.Errorf("csv header %v", recs[0])
		}
		var got []string
		for _, rec := range recs[1:] {
			got = append(got, rec[0])
			if rec[len(rec)-1] == "" {
				t.Errorf("csv row %s has no sentence text", rec[0])
			}
		}
		check("csv", got)
	}
	r := do(t, s, "GET", base, nil, "Accept", "application/x-ndjson")
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(string(r.body)), "\n") {
		var e parley.Event
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("jsonl line %q: %v", line, err)
		}
		got = append(got, e.ID)
	}
	check("jsonl", got)

	r = do(t, s, "GET", base+"&format=parquet", nil)
	if r.status != 200 || r.header.Get("Content-Type") != "application/vnd.apache.parquet" {
		t.Fatalf("parquet: %d %s", r.status, r.header.Get("Content-Type"))
	}
	rows, err := parquet.Read[Row](bytes.NewReader(r.body), int64(len(r.body)))
	if err != nil {
		t.Fatal(err)
	}
	got = nil
	for _, row := range rows {
		got = append(got, row.ID)
		if row.SourceCountry == "" || row.CAMEO == "" || row.Date == "" {
			t.Errorf("parquet row %+v is missing fields", row)
		}
	}
	check("parquet", got)

	// limit bounds a download; a bad query is a JSON error, not a file
	r = do(t, s, "GET", base+"&format=jsonl&limit=2", nil)
	if n := strings.Count(string(r.body), "\n"); n != 2 {
		t.Errorf("jsonl with limit=2: %d lines", n)
	}
	// a download may ask for more than a page holds, up to MaxDownload
	if r := do(t, s, "GET", base+"&format=jsonl&limit=20000", nil); r.status != 200 {
		t.Errorf("download with limit 20000: %d", r.status)
	}
	if r := do(t, s, "GET", base+"&format=jsonl&limit=2000000", nil); r.status != 400 {
		t.Errorf("download over MaxDownload: %d", r.status)
	}
	r = do(t, s, "GET", "/api/v1/events?format=csv&quad=9", nil)
	if r.status != 400 {
		t.Errorf("bad download query: %d", r.status)
	}
	r = do(t, s, "GET", base, nil, "Accept", "image/png")
	if r.status != 406 {
		t.Errorf("Accept: image/png: %d", r.status)
	}
}

func TestCode(t *testing.T) {
	s, _, _ := newTestServer(t)
	text := "Japan’s envoy said Japan met North Korea in Hanoi. Nothing else happened. China criticised Japan."
	for _, tc := range []struct{ body, ctype string }{
		{`{"text":` + jsonString(text) + `,"title":"Posted","date":"2014-02-03"}`, "application/json"},
		{text, "text/plain; charset=utf-8"},
	} {
		r := do(t, s, "POST", "/api/v1/code", strings.NewReader(tc.body), "Content-Type", tc.ctype)
		if r.status != 200 {
			t.Fatalf("%s: %d %s", tc.ctype, r.status, r.body)
		}
		got := decode[storyResponse](t, r)
		if len(got.Events) != 2 {
			t.Fatalf("%s: %d events, want 2: %s", tc.ctype, len(got.Events), r.body)
		}
		e := got.Events[0]
		if text[e.Trigger.Start:e.Trigger.End] != "met" || text[e.Source.Start:e.Source.End] != "Japan" {
			t.Errorf("spans do not point into the text: %+v", e)
		}
		if tc.ctype == "application/json" && e.Date.String() != "2014-02-03" {
			t.Errorf("date %s, want the posted date", e.Date)
		}
	}
	// nothing stored
	r := do(t, s, "GET", "/api/v1/events?q=Hanoi", nil)
	if got := decode[eventsResponse](t, r); len(got.Events) != 0 {
		t.Errorf("POST /api/v1/code stored events: %s", r.body)
	}
	// without a coder: 503
	s2, _, _ := newTestServer(t, func(o *Options) { o.Coder = nil })
	r = do(t, s2, "POST", "/api/v1/code", strings.NewReader(`{"text":"Japan met China."}`), "Content-Type", "application/json")
	if r.status != 503 || decode[errorBody](t, r).Error.Kind != "unavailable" {
		t.Errorf("no coder: %d %s", r.status, r.body)
	}
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func TestPostStoryAuth(t *testing.T) {
	s, _, _ := newTestServer(t)
	body := `{"title":"Posted story","date":"2014-05-06","text":"Japan met North Korea in Stockholm. Russia praised China."}`
	tests := []struct {
		name, auth string
		status     int
		kind       string
	}{
		{"no header", "", 401, "unauthorized"},
		{"not bearer", "Basic dXNlcjpwYXNz", 401, "unauthorized"},
		{"wrong token", "Bearer nope", 403, "forbidden"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var hdr []string
			hdr = append(hdr, "Content-Type", "application/json")
			if tc.auth != "" {
				hdr = append(hdr, "Authorization", tc.auth)
			}
			r := do(t, s, "POST", "/api/v1/stories", strings.NewReader(body), hdr...)
			if r.status != tc.status || decode[errorBody](t, r).Error.Kind != tc.kind {
				t.Fatalf("%d %s, want %d %s", r.status, r.body, tc.status, tc.kind)
			}
			if tc.status == 401 && r.header.Get("WWW-Authenticate") == "" {
				t.Error("401 without WWW-Authenticate")
			}
		})
	}
	// a valid token stores the story, once
	for i, wantStatus := range []int{201, 200} {
		r := do(t, s, "POST", "/api/v1/stories", strings.NewReader(body), "Content-Type", "application/json", "Authorization", "Bearer "+testToken)
		if r.status != wantStatus {
			t.Fatalf("post %d: %d %s", i, r.status, r.body)
		}
		got := decode[storyResponse](t, r)
		if len(got.Events) != 2 || got.Story.ID == "" || r.header.Get("Location") != "/api/v1/stories/"+got.Story.ID {
			t.Fatalf("post %d: %s (Location %q)", i, r.body, r.header.Get("Location"))
		}
	}
	r := do(t, s, "GET", "/api/v1/events?q=Stockholm", nil)
	got := decode[eventsResponse](t, r)
	if len(got.Events) != 1 || got.Events[0].CAMEO != "040" {
		t.Errorf("stored events for Stockholm: %s", r.body)
	}
	// the size limit applies to writes too
	big := `{"text":"` + strings.Repeat("x", 70<<10) + `"}`
	r = do(t, s, "POST", "/api/v1/stories", strings.NewReader(big), "Content-Type", "application/json", "Authorization", "Bearer "+testToken)
	if r.status != 413 {
		t.Errorf("big story: %d", r.status)
	}
	// no token configured, or read-only: writes are forbidden
	for _, mod := range []func(*Options){func(o *Options) { o.Token = "" }, func(o *Options) { o.ReadOnly = true }} {
		s2, _, _ := newTestServer(t, mod)
		r := do(t, s2, "POST", "/api/v1/stories", strings.NewReader(body), "Content-Type", "application/json", "Authorization", "Bearer "+testToken)
		if r.status != 403 && r.status != 503 {
			t.Errorf("write without a configured token or read-only: %d %s", r.status, r.body)
		}
	}
}

// TestOpenAPI checks that the document parses and describes exactly the
// routes the server has, with the methods it serves.
func TestOpenAPI(t *testing.T) {
	s, _, _ := newTestServer(t)
	r := do(t, s, "GET", "/api/v1/openapi.json", nil)
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
		Comps   struct {
			Parameters map[string]json.RawMessage `json:"parameters"`
			Schemas    map[string]json.RawMessage `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(r.body, &doc); err != nil {
		t.Fatalf("openapi.json does not parse: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi %q", doc.OpenAPI)
	}
	routes := map[string]bool{}
	for _, rt := range s.apiRoutes() {
		key := strings.ToLower(rt.method) + " " + rt.pattern
		routes[key] = true
		if _, ok := doc.Paths[rt.pattern][strings.ToLower(rt.method)]; !ok {
			t.Errorf("route %s %s is not in openapi.json", rt.method, rt.pattern)
		}
	}
	for p, ops := range doc.Paths {
		for m := range ops {
			if !routes[m+" "+p] {
				t.Errorf("openapi.json describes %s %s, which the server does not route", m, p)
			}
		}
	}
	// every $ref resolves
	for _, m := range regexp.MustCompile(`"\$ref":\s*"#/components/(\w+)/(\w+)"`).FindAllStringSubmatch(string(r.body), -1) {
		var ok bool
		switch m[1] {
		case "parameters":
			_, ok = doc.Comps.Parameters[m[2]]
		case "schemas":
			_, ok = doc.Comps.Schemas[m[2]]
		case "responses":
			ok = m[2] == "Error"
		}
		if !ok {
			t.Errorf("dangling $ref %s/%s", m[1], m[2])
		}
	}
	// every query parameter the events endpoint accepts is documented
	var events struct {
		Get struct {
			Parameters []struct {
				Ref string `json:"$ref"`
			} `json:"parameters"`
		} `json:"get"`
	}
	json.Unmarshal(mustJSON(t, doc.Paths["/api/v1/events"]), &events)
	documented := map[string]bool{}
	for _, p := range events.Get.Parameters {
		documented[strings.TrimPrefix(p.Ref, "#/components/parameters/")] = true
	}
	for _, p := range eventParams {
		if !documented[p] {
			t.Errorf("events parameter %q is not documented", p)
		}
	}
}

func mustJSON(t *testing.T, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestServeGracefulShutdown(t *testing.T) {
	s, _, _ := newTestServer(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	res, err := http.Get("http://" + ln.Addr().String() + "/api/v1/events?limit=1")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("status %d", res.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve returned %v after cancel", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return after cancel")
	}
	if _, err := http.Get("http://" + ln.Addr().String() + "/"); err == nil {
		t.Error("server still answers after shutdown")
	}
}

func TestBundleMissing(t *testing.T) {
	s, _, _ := newTestServer(t, func(o *Options) { o.Static = fstest.MapFS{"style.css": {Data: []byte("body{}")}} })
	r := do(t, s, "GET", "/", nil)
	if r.status != 200 || !strings.Contains(string(r.body), `id="bundle-missing"`) || strings.Contains(string(r.body), "app.js") {
		t.Errorf("page without bundle: %d, banner shown: %v", r.status, strings.Contains(string(r.body), "bundle-missing"))
	}
	s2, _, _ := newTestServer(t, func(o *Options) {
		o.Static = fstest.MapFS{"style.css": {Data: []byte("body{}")}, "dist/app.js": {Data: []byte("//")}}
	})
	r = do(t, s2, "GET", "/", nil)
	if strings.Contains(string(r.body), `id="bundle-missing"`) || !strings.Contains(string(r.body), "/static/dist/app.js") {
		t.Error("page with bundle shows the missing-bundle banner or lacks the script")
	}
	if r := do(t, s2, "GET", "/static/dist/app.js", nil); r.status != 200 {
		t.Errorf("static bundle: %d", r.status)
	}
}

// slowStore answers Events only when the request's context ends.
type slowStore struct{ store.Store }

func (s slowStore) Events(ctx context.Context, q store.Query) (store.EventPage, error) {
	<-ctx.Done()
	return store.EventPage{}, fmt.Errorf("sqlite: events: %w", ctx.Err())
}

func TestQueryTimeout(t *testing.T) {
	st := servertest.Open(t)
	servertest.Fill(t, st)
	s, err := New(Options{Store: slowStore{st}, QueryTimeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	r := do(t, s, "GET", "/api/v1/events?dyad=JPN-PRK", nil)
	if r.status != 503 || decode[errorBody](t, r).Error.Kind != "unavailable" {
		t.Errorf("slow query: %d %s", r.status, r.body)
	}
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("slow query answered after %s", el)
	}
	r = do(t, s, "GET", "/?dyad=JPN-PRK", nil)
	if r.status != 503 {
		t.Errorf("slow page: %d", r.status)
	}
}
