// Package storetest is the conformance suite every store backend runs:
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) store.Store { return mustOpen(t) })
//	}
//
// It checks idempotent inserts, the round trip of every event field, every
// query filter against a brute-force filter written here, pagination,
// coding versions, series and dyads against aggregate's reference
// computation, and error kinds.
package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/aggregate"
	"github.com/parley-events/parley/store"
)

// Run runs the suite. open returns a new, empty store; the suite closes it.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s store.Store)
	}{
		{"Empty", testEmpty},
		{"Idempotent", testIdempotent},
		{"RoundTrip", testRoundTrip},
		{"Filters", testFilters},
		{"Pagination", testPagination},
		{"Versions", testVersions},
		{"Series", testSeries},
		{"Dyads", testDyads},
		{"Errors", testErrors},
		{"Concurrent", testConcurrent},
		{"Closed", testClosed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			defer s.Close()
			tt.fn(t, s)
		})
	}
}

// Fixture is a generated corpus: documents with their events.
type Fixture struct {
	Items []store.Coded
}

// Events returns all the fixture's events with the story ids and sentence
// texts the store should give them.
func (f Fixture) Events() []parley.Event {
	var out []parley.Event
	for _, c := range f.Items {
		for _, e := range c.Events {
			e.SentenceText = c.Doc.Sentences[e.Sentence].Text
			out = append(out, e)
		}
	}
	return out
}

var (
	countries = []string{"JPN", "PRK", "USA", "CHN", "KOR", "IGO", "---"} // --- is an unknown country
	roles     = []string{"", "GOV", "MIL", "CVL", "GOVLEG"}
	verbs     = []struct {
		cameo, plover string
		quad          int
		gold          float64
	}{
		{"010", "STATEMENT", 1, 0}, {"036", "CONSULT", 1, 4}, {"042", "CONSULT", 1, 1.9},
		{"0431", "CONSULT", 1, 2.8}, {"057", "AGREE", 1, 8}, {"061", "COOPERATE", 2, 6.4},
		{"070", "AID", 2, 7}, {"112", "ACCUSE", 3, -2}, {"130", "THREATEN", 3, -4.4},
		{"172", "COERCE", 4, -5}, {"190", "ASSAULT", 4, -10}, {"", "", 0, 0},
	}
	words = []string{"Japan", "envoys", "discussed", "abduction", "issue", "talks", "Mongolia",
		"Red", "Cross", "rocket", "launch", "delayed", "meeting", "ministers", "Pyongyang", "Tokyo", "café"}
	places = []string{"", "", "MNG", "CHN", "JPN", "PRK"}
)

// Generate returns n stories with random events, reproducible from seed.
func Generate(seed uint64, n int) Fixture {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var f Fixture
	for i := range n {
		var sents []parley.Sentence
		var text strings.Builder
		for j := range 3 {
			k := 4 + r.IntN(6)
			ws := make([]string, k)
			for w := range ws {
				ws[w] = words[r.IntN(len(words))]
			}
			s := strings.Join(ws, " ") + "."
			if j > 0 {
				text.WriteByte(' ')
			}
			start := text.Len()
			text.WriteString(s)
			sents = append(sents, parley.Sentence{Index: j, Start: start, End: text.Len(), Text: s})
		}
		pub := time.Date(2011+r.IntN(3), time.Month(1+r.IntN(12)), 1+r.IntN(28), r.IntN(24), r.IntN(60), 0, 0, time.UTC)
		st := &parley.Story{
			ID:        fmt.Sprintf("s%04d-%d", i, seed),
			Title:     fmt.Sprintf("Story %d", i),
			Source:    []string{"Daily Example", "Example Times"}[r.IntN(2)],
			URL:       fmt.Sprintf("https://example.org/%d/%d", seed, i),
			Published: pub,
			DateFrom:  "metadata",
			Text:      text.String(),
			Meta:      map[string]string{"n": fmt.Sprint(i)},
		}
		var evs []parley.Event
		for k := range r.IntN(6) {
			sent := r.IntN(3)
			v := verbs[r.IntN(len(verbs))]
			src := countries[r.IntN(len(countries))]
			e := parley.Event{
				ID:       fmt.Sprintf("%s-e%d", st.ID, k),
				StoryID:  st.ID,
				Sentence: sent,
				Source: parley.Actor{Code: src + roles[r.IntN(len(roles))], Country: strings.Trim(src, "-"),
					Text: "the source", Start: sents[sent].Start, End: sents[sent].Start + 3, Name: "NAME_" + src, Rule: "dictionary"},
				CAMEO: v.cameo, QuadClass: v.quad, Goldstein: v.gold, PLOVER: v.plover,
				Trigger:    parley.Span{Text: "talks", Start: sents[sent].Start + 4, End: sents[sent].Start + 9},
				Rule:       fmt.Sprintf("rule-%d", r.IntN(5)),
				Confidence: float64(r.IntN(100)) / 100,
				Symmetric:  r.IntN(4) == 0,
				Published:  pub,
			}
			if len(v.cameo) >= 2 {
				e.Root = v.cameo[:2]
			}
			if r.IntN(6) > 0 {
				tg := countries[r.IntN(len(countries))]
				e.Target = &parley.Actor{Code: tg + roles[r.IntN(len(roles))], Country: strings.Trim(tg, "-"), Text: "the target", Start: 1, End: 4}
			}
			if p := places[r.IntN(len(places))]; p != "" {
				e.Location = &parley.Location{Name: "Place " + p, Country: p, Lat: 47.9, Lon: 106.9, Start: 2, End: 5}
			}
			switch r.IntN(8) {
			case 0: // no date
			case 1:
				e.Date = parley.Date{Year: 2010 + r.IntN(4), Precision: parley.PrecisionYear}
				e.DateFrom = parley.DateFromExpression
			case 2, 3:
				e.Date = parley.Date{Year: 2010 + r.IntN(4), Month: 1 + r.IntN(12), Precision: parley.PrecisionMonth, Part: []string{"", "early", "late"}[r.IntN(3)]}
				e.DateFrom = parley.DateFromContext
			default:
				e.Date = parley.Date{Year: 2010 + r.IntN(4), Month: 1 + r.IntN(12), Day: 1 + r.IntN(28), Precision: parley.PrecisionDay}
				e.DateFrom = parley.DateFromPublication
			}
			evs = append(evs, e)
		}
		f.Items = append(f.Items, store.Coded{Doc: &parley.Document{Story: st, Sentences: sents}, Events: evs})
	}
	return f
}

func ctx(t *testing.T) context.Context { return t.Context() }

// newVersion begins and completes a version.
func newVersion(t *testing.T, s store.Store, coder string) int {
	t.Helper()
	v, err := s.BeginVersion(ctx(t), coder)
	if err != nil {
		t.Fatalf("BeginVersion: %v", err)
	}
	if err := s.CompleteVersion(ctx(t), v.N); err != nil {
		t.Fatalf("CompleteVersion(%d): %v", v.N, err)
	}
	return v.N
}

// put stores items in batches of 7 and fails on any rejection.
func put(t *testing.T, s store.Store, v int, items []store.Coded) []store.Result {
	t.Helper()
	var all []store.Result
	for i := 0; i < len(items); i += 7 {
		j := min(i+7, len(items))
		res, err := s.Put(ctx(t), v, items[i:j])
		if err != nil {
			t.Fatalf("Put: %v", err)
		}
		if len(res) != j-i {
			t.Fatalf("Put returned %d results for %d items", len(res), j-i)
		}
		for k, r := range res {
			if r.Err != nil {
				t.Fatalf("Put item %d: %v", i+k, r.Err)
			}
		}
		all = append(all, res...)
	}
	return all
}

// all pages through every event matching q.
func all(t *testing.T, s store.Store, q store.Query) []parley.Event {
	t.Helper()
	var out []parley.Event
	for range 100000 {
		page, err := s.Events(ctx(t), q)
		if err != nil {
			t.Fatalf("Events(%+v): %v", q, err)
		}
		out = append(out, page.Events...)
		if page.Next == "" {
			return out
		}
		q.Cursor = page.Next
	}
	t.Fatal("Events: pagination does not end")
	return nil
}

func ids(evs []parley.Event) []string {
	out := make([]string, len(evs))
	for i, e := range evs {
		out[i] = e.ID
	}
	sort.Strings(out)
	return out
}

func testEmpty(t *testing.T, s store.Store) {
	page, err := s.Events(ctx(t), store.Query{Actor: "JPN"})
	if err != nil {
		t.Fatalf("Events on empty store: %v", err)
	}
	if len(page.Events) != 0 || page.Next != "" {
		t.Errorf("empty store: got %d events, next %q", len(page.Events), page.Next)
	}
	_, _, err = s.Story(ctx(t), "nope", 0)
	if !errors.Is(err, store.ErrNotFound) || parley.KindOf(err) != parley.NotFound {
		t.Errorf("Story(nope): got %v, want NotFound wrapping ErrNotFound", err)
	}
	vs, err := s.Versions(ctx(t))
	if err != nil || len(vs) != 0 {
		t.Errorf("Versions on empty store: %v, %v", vs, err)
	}
}

func testIdempotent(t *testing.T, s store.Store) {
	v := newVersion(t, s, "test-1")
	f := Generate(1, 20)
	res := put(t, s, v, f.Items)
	nev := 0
	for i, r := range res {
		if !r.Stored || !r.Coded || r.ID != f.Items[i].Doc.Story.ID || r.Events != len(f.Items[i].Events) {
			t.Errorf("first Put item %d: got %+v", i, r)
		}
		nev += r.Events
	}
	before := all(t, s, store.Query{})
	if len(before) != nev {
		t.Fatalf("stored %d events, want %d", len(before), nev)
	}
	// Again: nothing new.
	res = put(t, s, v, f.Items)
	for i, r := range res {
		if r.Stored || r.Coded || r.Events != 0 || r.ID != f.Items[i].Doc.Story.ID {
			t.Errorf("second Put item %d: got %+v, want nothing stored", i, r)
		}
	}
	// The same text under another id is a duplicate of the first.
	dup := *f.Items[0].Doc.Story
	dup.ID = "another-id"
	res = put(t, s, v, []store.Coded{{Doc: &parley.Document{Story: &dup, Sentences: f.Items[0].Doc.Sentences}, Events: f.Items[0].Events}})
	if res[0].Stored || res[0].ID != f.Items[0].Doc.Story.ID {
		t.Errorf("same text, other id: got %+v, want duplicate of %s", res[0], f.Items[0].Doc.Story.ID)
	}
	after := all(t, s, store.Query{})
	if !reflect.DeepEqual(ids(before), ids(after)) {
		t.Errorf("events changed after re-put: %d before, %d after", len(before), len(after))
	}
	page, err := s.Stories(ctx(t), store.StoryQuery{Limit: store.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Stories) != len(f.Items) {
		t.Errorf("stored %d stories, want %d", len(page.Stories), len(f.Items))
	}
	// The same id with other text is a conflict, and does not stop the batch.
	other := *f.Items[1].Doc.Story
	other.Text, other.Hash = "Completely different text.", ""
	fresh := Generate(2, 1).Items[0]
	res, err = s.Put(ctx(t), v, []store.Coded{{Doc: &parley.Document{Story: &other}}, {Doc: nil}, fresh})
	if err != nil {
		t.Fatalf("Put with a conflict: %v", err)
	}
	if parley.KindOf(res[0].Err) != parley.Conflict {
		t.Errorf("same id, other text: got %v, want a Conflict", res[0].Err)
	}
	if parley.KindOf(res[1].Err) != parley.Invalid {
		t.Errorf("nil document: got %v, want Invalid", res[1].Err)
	}
	if res[2].Err != nil || !res[2].Stored {
		t.Errorf("fresh story beside rejected ones: got %+v", res[2])
	}
	// A story without an id gets its hash.
	noID := parley.Story{Text: "A story without an id."}
	res = put(t, s, v, []store.Coded{{Doc: &parley.Document{Story: &noID}}})
	if res[0].ID == "" {
		t.Errorf("story without id stored with empty id")
	}
	if _, _, err := s.Story(ctx(t), res[0].ID, 0); err != nil {
		t.Errorf("Story(%s): %v", res[0].ID, err)
	}
}

// norm sets what the store sets on a stored event.
func norm(e parley.Event, v int) parley.Event {
	e.Version = v
	return e
}

func testRoundTrip(t *testing.T, s store.Store) {
	v := newVersion(t, s, "test-1")
	f := Generate(3, 30)
	put(t, s, v, f.Items)
	want := map[string]parley.Event{}
	for _, e := range f.Events() {
		want[e.ID] = norm(e, v)
	}
	got := all(t, s, store.Query{})
	if len(got) != len(want) {
		t.Fatalf("got %d events, want %d", len(got), len(want))
	}
	for _, g := range got {
		w, ok := want[g.ID]
		if !ok {
			t.Errorf("unexpected event %s", g.ID)
			continue
		}
		if !reflect.DeepEqual(g, w) {
			gj, _ := json.Marshal(g)
			wj, _ := json.Marshal(w)
			t.Errorf("event %s:\n got %s\nwant %s", g.ID, gj, wj)
		}
	}
	for _, c := range f.Items[:5] {
		st, evs, err := s.Story(ctx(t), c.Doc.Story.ID, 0)
		if err != nil {
			t.Fatalf("Story(%s): %v", c.Doc.Story.ID, err)
		}
		ws := *c.Doc.Story
		if st.Hash == "" {
			t.Errorf("story %s stored without a hash", ws.ID)
		}
		ws.Hash = st.Hash
		if !reflect.DeepEqual(*st, ws) {
			t.Errorf("story %s:\n got %+v\nwant %+v", ws.ID, *st, ws)
		}
		if len(evs) != len(c.Events) {
			t.Errorf("story %s: got %d events, want %d", ws.ID, len(evs), len(c.Events))
		}
		for i := 1; i < len(evs); i++ {
			if evs[i].Sentence < evs[i-1].Sentence {
				t.Errorf("story %s: events not in sentence order", ws.ID)
			}
		}
	}
}

// Match reports whether e (with its SentenceText set) matches q: the
// reference that backends must agree with. Version, Limit and Cursor are
// not looked at.
func Match(q store.Query, e parley.Event) bool {
	prefix := func(a *parley.Actor, p string) bool {
		if a == nil || p == "" {
			return p == "" && a != nil
		}
		p = strings.ToUpper(p)
		if store.Country(parley.Actor{Code: p}) == "" { // "IG", "---COP": a code prefix
			return strings.HasPrefix(strings.ToUpper(a.Code), p)
		}
		if len(p) == 3 {
			return strings.ToUpper(store.Country(*a)) == p
		}
		if len(p) > 3 && strings.ToUpper(store.Country(*a)) != p[:3] {
			return false
		}
		return strings.HasPrefix(strings.ToUpper(a.Code), p)
	}
	src, tgt := &e.Source, e.Target
	if q.Actor != "" && !prefix(src, q.Actor) && !prefix(tgt, q.Actor) {
		return false
	}
	if q.Source != "" || q.Target != "" {
		side := func(s, t string) bool {
			return (s == "" || prefix(src, s)) && (t == "" || prefix(tgt, t))
		}
		if !side(q.Source, q.Target) && !(q.Either && side(q.Target, q.Source)) {
			return false
		}
	}
	if !q.From.IsZero() || !q.To.IsZero() {
		if e.Date.IsZero() {
			return false
		}
		d := e.Date.Time()
		if !q.From.IsZero() && d.Before(q.From.UTC().Truncate(24*time.Hour)) {
			return false
		}
		if !q.To.IsZero() && !d.Before(q.To) {
			return false
		}
	}
	if q.MinPrecision > 0 && e.Date.Precision < q.MinPrecision {
		return false
	}
	if !q.PublishedFrom.IsZero() && (e.Published.IsZero() || e.Published.Before(q.PublishedFrom)) {
		return false
	}
	if !q.PublishedTo.IsZero() && (e.Published.IsZero() || !e.Published.Before(q.PublishedTo)) {
		return false
	}
	if q.CAMEO != "" && !strings.HasPrefix(e.CAMEO, q.CAMEO) {
		return false
	}
	if q.Root != "" && e.Root != q.Root {
		return false
	}
	if q.PLOVER != "" && !strings.EqualFold(e.PLOVER, q.PLOVER) {
		return false
	}
	if q.QuadClass != 0 && e.QuadClass != q.QuadClass {
		return false
	}
	if q.Location != "" && (e.Location == nil || !strings.EqualFold(e.Location.Country, q.Location)) {
		return false
	}
	if q.StoryID != "" && e.StoryID != q.StoryID {
		return false
	}
	if q.Text != "" {
		have := map[string]bool{}
		for _, w := range tokens(e.SentenceText) {
			have[w] = true
		}
		for _, w := range tokens(q.Text) {
			if !have[w] {
				return false
			}
		}
	}
	return true
}

func tokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// queries are the filter cases; each is checked against Match.
var queries = []struct {
	name string
	q    store.Query
}{
	{"all", store.Query{}},
	{"actor country", store.Query{Actor: "PRK"}},
	{"actor code", store.Query{Actor: "PRKGOV"}},
	{"actor lower case", store.Query{Actor: "jpngov"}},
	{"actor short prefix", store.Query{Actor: "IG"}},
	{"actor unknown country", store.Query{Actor: "---GOV"}},
	{"source unknown country", store.Query{Source: "---"}},
	{"source", store.Query{Source: "JPN"}},
	{"target", store.Query{Target: "CHN"}},
	{"dyad directed", store.Query{Source: "JPN", Target: "PRK"}},
	{"dyad either", store.Query{Source: "JPN", Target: "PRK", Either: true}},
	{"dyad codes either", store.Query{Source: "JPNGOV", Target: "PRK", Either: true}},
	{"event date range", store.Query{From: day("2012-01-01"), To: day("2013-01-01")}},
	{"event date from", store.Query{From: day("2012-06-15")}},
	{"event date to", store.Query{To: day("2011-03-01")}},
	{"min precision", store.Query{MinPrecision: parley.PrecisionMonth}},
	{"published range", store.Query{PublishedFrom: day("2012-01-01"), PublishedTo: day("2012-07-01")}},
	{"cameo prefix", store.Query{CAMEO: "04"}},
	{"cameo exact", store.Query{CAMEO: "036"}},
	{"root", store.Query{Root: "17"}},
	{"plover", store.Query{PLOVER: "CONSULT"}},
	{"plover lower", store.Query{PLOVER: "agree"}},
	{"quad", store.Query{QuadClass: 4}},
	{"location", store.Query{Location: "MNG"}},
	{"text one word", store.Query{Text: "abduction"}},
	{"text two words any case", store.Query{Text: "RED cross"}},
	{"text accented", store.Query{Text: "café"}},
	{"story", store.Query{StoryID: "s0003-4"}},
	{"combined", store.Query{Source: "JPN", Target: "PRK", Either: true, From: day("2011-01-01"), To: day("2013-12-31"), QuadClass: 1}},
	{"combined text", store.Query{Actor: "JPN", Text: "talks", Root: "03"}},
}

func testFilters(t *testing.T, s store.Store) {
	v := newVersion(t, s, "test-1")
	f := Generate(4, 150)
	put(t, s, v, f.Items)
	evs := f.Events()
	for _, tt := range queries {
		t.Run(tt.name, func(t *testing.T) {
			var want []parley.Event
			for _, e := range evs {
				if Match(tt.q, e) {
					want = append(want, e)
				}
			}
			got := all(t, s, tt.q)
			if g, w := ids(got), ids(want); !reflect.DeepEqual(g, w) {
				t.Errorf("got %d events, want %d\n got %v\nwant %v", len(g), len(w), g, w)
			}
			if len(want) == 0 {
				t.Errorf("no event matches; the fixture should exercise this filter")
			}
			if c, ok := s.(store.Counter); ok {
				n, err := c.Count(ctx(t), tt.q)
				if err != nil || n != len(want) {
					t.Errorf("Count: got %d, %v; want %d", n, err, len(want))
				}
			}
		})
	}
}

func testPagination(t *testing.T, s store.Store) {
	v := newVersion(t, s, "test-1")
	f := Generate(5, 80)
	put(t, s, v, f.Items)
	for _, desc := range []bool{false, true} {
		for _, limit := range []int{1, 7, 50, 1000} {
			q := store.Query{Limit: limit, Desc: desc, Actor: "JPN"}
			var got []parley.Event
			seen := map[string]bool{}
			pages := 0
			for {
				page, err := s.Events(ctx(t), q)
				if err != nil {
					t.Fatalf("Events: %v", err)
				}
				pages++
				if len(page.Events) > limit {
					t.Fatalf("page of %d events, limit %d", len(page.Events), limit)
				}
				for _, e := range page.Events {
					if seen[e.ID] {
						t.Fatalf("limit %d desc %v: event %s repeated", limit, desc, e.ID)
					}
					seen[e.ID] = true
				}
				got = append(got, page.Events...)
				if page.Next == "" {
					break
				}
				q.Cursor = page.Next
			}
			var want []parley.Event
			for _, e := range f.Events() {
				if Match(store.Query{Actor: "JPN"}, e) {
					want = append(want, e)
				}
			}
			if !reflect.DeepEqual(ids(got), ids(want)) {
				t.Errorf("limit %d desc %v: got %d events, want %d", limit, desc, len(got), len(want))
			}
			// Ordered by event date.
			for i := 1; i < len(got); i++ {
				a, b := got[i-1].Date.Time(), got[i].Date.Time()
				if (!desc && b.Before(a)) || (desc && a.Before(b)) {
					t.Errorf("limit %d desc %v: events %d and %d out of date order (%v, %v)", limit, desc, i-1, i, a, b)
					break
				}
			}
		}
	}
}

func testVersions(t *testing.T, s store.Store) {
	v1 := newVersion(t, s, "coder-a")
	f := Generate(6, 40)
	put(t, s, v1, f.Items)
	v2, err := s.BeginVersion(ctx(t), "coder-b")
	if err != nil {
		t.Fatal(err)
	}
	if v2.N <= v1 || v2.Complete || v2.Coder != "coder-b" {
		t.Fatalf("BeginVersion: got %+v after version %d", v2, v1)
	}
	// Recode half of the stories: every event becomes a CAMEO 010 statement.
	recode := func(items []store.Coded) []store.Coded {
		var out []store.Coded
		for _, c := range items {
			c2 := store.Coded{Doc: c.Doc}
			for _, e := range c.Events {
				e.CAMEO, e.Root, e.QuadClass, e.Goldstein, e.PLOVER = "010", "01", 1, 0, "STATEMENT"
				c2.Events = append(c2.Events, e)
			}
			out = append(out, c2)
		}
		return out
	}
	put(t, s, v2.N, recode(f.Items[:20]))
	// Queries read v1 until v2 completes.
	page, err := s.Events(ctx(t), store.Query{Limit: store.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	if page.Version != v1 || len(page.Events) != len(f.Events()) {
		t.Errorf("before completion: read version %d with %d events, want %d with %d", page.Version, len(page.Events), v1, len(f.Events()))
	}
	// Uncoded lists the stories not yet in v2, in pages.
	var rest []string
	sq := store.StoryQuery{Uncoded: v2.N, Limit: 6}
	for {
		sp, err := s.Stories(ctx(t), sq)
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range sp.Stories {
			rest = append(rest, st.ID)
		}
		if sp.Next == "" {
			break
		}
		sq.Cursor = sp.Next
	}
	if len(rest) != 20 || rest[0] != f.Items[20].Doc.Story.ID {
		t.Errorf("Uncoded(%d): got %d stories starting %v, want 20 starting %s", v2.N, len(rest), rest[:min(1, len(rest))], f.Items[20].Doc.Story.ID)
	}
	put(t, s, v2.N, recode(f.Items[20:]))
	if err := s.CompleteVersion(ctx(t), v2.N); err != nil {
		t.Fatal(err)
	}
	got := all(t, s, store.Query{})
	if len(got) != len(f.Events()) {
		t.Errorf("v2: got %d events, want %d", len(got), len(f.Events()))
	}
	for _, e := range got {
		if e.Version != v2.N || e.CAMEO != "010" {
			t.Errorf("default read after completion: event %s version %d cameo %s, want version %d cameo 010", e.ID, e.Version, e.CAMEO, v2.N)
			break
		}
	}
	old := all(t, s, store.Query{Version: v1})
	if !reflect.DeepEqual(ids(old), ids(f.Events())) || old[0].Version != v1 {
		t.Errorf("Version %d: got %d events", v1, len(old))
	}
	_, evs, err := s.Story(ctx(t), f.Items[0].Doc.Story.ID, v1)
	if err != nil || len(evs) != len(f.Items[0].Events) {
		t.Errorf("Story in v1: %d events, %v", len(evs), err)
	}
	vs, err := s.Versions(ctx(t))
	if err != nil || len(vs) != 2 {
		t.Fatalf("Versions: %v, %v", vs, err)
	}
	if !vs[0].Complete || !vs[1].Complete || vs[1].Coder != "coder-b" || vs[1].Stories != 40 || vs[1].Events != len(f.Events()) {
		t.Errorf("Versions: got %+v", vs)
	}
}

func testSeries(t *testing.T, s store.Store) {
	v := newVersion(t, s, "test-1")
	f := Generate(7, 150)
	put(t, s, v, f.Items)
	evs := f.Events()
	qs := []store.Query{
		{},
		{Source: "JPN", Target: "PRK", Either: true},
		{Source: "JPN", Target: "PRK"},
		{Actor: "CHN", From: day("2011-02-01"), To: day("2012-11-01")},
		{MinPrecision: parley.PrecisionMonth, QuadClass: 2},
	}
	for _, q := range qs {
		var match []parley.Event
		for _, e := range evs {
			if Match(q, e) {
				match = append(match, e)
			}
		}
		for _, by := range []store.Interval{store.Day, store.Week, store.Month, store.Year} {
			want := aggregate.AddBuckets(nil, match, by)
			got, err := aggregate.Buckets(ctx(t), s, q, by)
			if err != nil {
				t.Fatalf("Buckets(%+v, %s): %v", q, by, err)
			}
			if !bucketsEqual(got, want) {
				t.Errorf("series %+v by %s:\n got %v\nwant %v", q, by, got, want)
			}
		}
	}
}

func bucketsEqual(a, b []store.Bucket) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !a[i].Start.Equal(b[i].Start) || a[i].Quad != b[i].Quad || !near(a[i].Goldstein, b[i].Goldstein) {
			return false
		}
	}
	return true
}

func near(a, b float64) bool {
	d := a - b
	return d < 1e-6 && d > -1e-6
}

func testDyads(t *testing.T, s store.Store) {
	v := newVersion(t, s, "test-1")
	f := Generate(8, 120)
	put(t, s, v, f.Items)
	q := store.Query{From: day("2011-01-01"), To: day("2013-01-01")}
	got, err := aggregate.DyadCounts(ctx(t), s, q)
	if err != nil {
		t.Fatal(err)
	}
	want := map[[2]string]store.DyadCount{}
	for _, e := range f.Events() {
		if !Match(q, e) || e.Target == nil || store.Country(e.Source) == "" || store.Country(*e.Target) == "" {
			continue
		}
		k := [2]string{store.Country(e.Source), store.Country(*e.Target)}
		d := want[k]
		d.Source, d.Target = k[0], k[1]
		qc := e.QuadClass
		d.Quad[qc]++
		d.Goldstein += e.Goldstein
		want[k] = d
	}
	if len(got) != len(want) {
		t.Errorf("got %d dyads, want %d", len(got), len(want))
	}
	for _, g := range got {
		w := want[[2]string{g.Source, g.Target}]
		if g.Quad != w.Quad || !near(g.Goldstein, w.Goldstein) {
			t.Errorf("dyad %s-%s: got %+v, want %+v", g.Source, g.Target, g, w)
		}
	}
	top, err := aggregate.TopDyads(ctx(t), s, q, 3)
	if err != nil || len(top) != 3 {
		t.Fatalf("TopDyads: %v, %v", top, err)
	}
	for _, d := range got {
		if d.Count() > top[2].Count {
			found := false
			for _, x := range top {
				found = found || (x.Source == d.Source && x.Target == d.Target)
			}
			if !found {
				t.Errorf("TopDyads misses %s-%s with %d events (third has %d)", d.Source, d.Target, d.Count(), top[2].Count)
			}
		}
	}
	ps, err := aggregate.Partners(ctx(t), s, "JPN", q, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		w := want[[2]string{"JPN", p.Partner}].Count() + want[[2]string{p.Partner, "JPN"}].Count()
		if p.Count != w || p.Partner == "JPN" {
			t.Errorf("partner %s of JPN: got %d events, want %d", p.Partner, p.Count, w)
		}
	}
}

func testErrors(t *testing.T, s store.Store) {
	v := newVersion(t, s, "test-1")
	put(t, s, v, Generate(9, 5).Items)
	bad := []store.Query{
		{Cursor: "not a cursor!"},
		{QuadClass: 7},
		{Limit: -1},
		{Root: "99"},
		{CAMEO: "abc"},
		{Actor: "PRK GOV; DROP"},
		{Text: "!!!"},
	}
	for _, q := range bad {
		if _, err := s.Events(ctx(t), q); parley.KindOf(err) != parley.Invalid {
			t.Errorf("Events(%+v): got %v, want Invalid", q, err)
		}
	}
	if _, err := s.Events(ctx(t), store.Query{Version: 99}); parley.KindOf(err) != parley.NotFound {
		t.Errorf("Events(version 99): got %v, want NotFound", err)
	}
	if _, err := s.Put(ctx(t), 99, Generate(10, 1).Items); parley.KindOf(err) != parley.NotFound {
		t.Errorf("Put(version 99): got %v, want NotFound", err)
	}
	if err := s.CompleteVersion(ctx(t), 99); parley.KindOf(err) != parley.NotFound || !errors.Is(err, store.ErrNotFound) {
		t.Errorf("CompleteVersion(99): got %v, want NotFound", err)
	}
	if ss, ok := s.(store.Seriesser); ok {
		if _, err := ss.Series(ctx(t), store.Query{}, "fortnight"); parley.KindOf(err) != parley.Invalid {
			t.Errorf("Series(fortnight): got %v, want Invalid", err)
		}
	}
	cctx, cancel := context.WithCancel(ctx(t))
	cancel()
	if _, err := s.Put(cctx, v, Generate(11, 3).Items); err == nil {
		t.Errorf("Put with a cancelled context: no error")
	}
	page, err := s.Stories(ctx(t), store.StoryQuery{Limit: store.MaxLimit})
	if err != nil || len(page.Stories) != 5 {
		t.Errorf("after a cancelled Put: %d stories, %v; want 5", len(page.Stories), err)
	}
}

func testConcurrent(t *testing.T, s store.Store) {
	v := newVersion(t, s, "test-1")
	f := Generate(12, 60)
	var wg sync.WaitGroup
	for w := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(f.Items); i += 3 {
				if _, err := s.Put(ctx(t), v, f.Items[i:i+1]); err != nil {
					t.Errorf("Put: %v", err)
					return
				}
			}
		}()
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 10 {
				if _, err := s.Events(ctx(t), store.Query{Actor: "JPN"}); err != nil {
					t.Errorf("Events: %v", err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if got := all(t, s, store.Query{}); len(got) != len(f.Events()) {
		t.Errorf("after concurrent puts: %d events, want %d", len(got), len(f.Events()))
	}
}

func testClosed(t *testing.T, s store.Store) {
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := s.Events(ctx(t), store.Query{}); !errors.Is(err, store.ErrClosed) {
		t.Errorf("Events after Close: got %v, want ErrClosed", err)
	}
}
