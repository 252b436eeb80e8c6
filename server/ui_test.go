package server

import (
	"html/template"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/aggregate"
	"github.com/parley-events/parley/store"
)

func TestHighlight(t *testing.T) {
	text := "Japan’s envoy met “North Korea” officials."
	at := func(s string) (int, int) {
		i := strings.Index(text, s)
		return i, i + len(s)
	}
	a, z := at("Japan’s envoy")
	ma, mz := at("met")
	na, nz := at("North Korea")
	tests := []struct {
		name  string
		lo    int
		hi    int
		marks []mark
		want  string
	}{
		{"none", 0, len(text), nil, "Japan’s envoy met “North Korea” officials."},
		{"three", 0, len(text), []mark{{a, z, "src", "s"}, {ma, mz, "trg", "t"}, {na, nz, "tgt", "g"}},
			`<mark class="src" title="s">Japan’s envoy</mark> <mark class="trg" title="t">met</mark> “<mark class="tgt" title="g">North Korea</mark>” officials.`},
		{"overlap", 0, z, []mark{{a, z, "src", ""}, {a, a + len("Japan"), "loc", ""}},
			`<mark class="src loc" title="">Japan</mark><mark class="src" title="">’s envoy</mark>`},
		{"window", ma, nz + len("”"), []mark{{ma, mz, "trg", ""}, {a, z, "src", "outside"}},
			`<mark class="trg" title="">met</mark> “North Korea”`},
		{"mid-rune and reversed spans dropped", 0, z, []mark{{a + len("Japan") + 1, z, "src", ""}, {z, a, "trg", ""}, {-5, 3, "tgt", ""}, {0, 999, "loc", ""}},
			"Japan’s envoy"},
		{"escaped", 0, 0, nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(highlight(text, tc.lo, tc.hi, tc.marks)); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
	if got := highlight(`<script>alert("x")</script>`, 0, 29, []mark{{1, 7, "src", `"><b>`}}); strings.Contains(string(got), "<script") || strings.Contains(string(got), "<b>") {
		t.Errorf("not escaped: %s", got)
	}
}

func TestSentenceBounds(t *testing.T) {
	text := "First one here. Mr. Abe met U.S. officials in Tokyo! Then what? Last line\nNext paragraph."
	tests := []struct{ span, want string }{
		{"First", "First one here."},
		{"met", "Mr. Abe met U.S. officials in Tokyo!"},
		{"what", "Then what?"},
		{"Last", "Last line"},
		{"paragraph", "Next paragraph."},
	}
	for _, tc := range tests {
		i := strings.Index(text, tc.span)
		a, z := sentenceBounds(text, i, i+len(tc.span))
		if got := text[a:z]; got != tc.want {
			t.Errorf("sentence of %q = %q, want %q", tc.span, got, tc.want)
		}
	}
}

func TestSentenceHTML(t *testing.T) {
	story := "Intro — with a dash. Japan’s envoy met North Korea’s envoy. Japan’s envoy met them again."
	sent := "Japan’s envoy met them again."
	off := strings.Index(story, sent)
	src := strings.Index(story[off:], "Japan’s envoy") + off
	trg := strings.Index(story[off:], "met") + off
	e := parley.Event{StoryID: "s", Source: parley.Actor{Code: "JPN", Text: "Japan’s envoy", Start: src, End: src + len("Japan’s envoy")},
		Trigger: parley.Span{Text: "met", Start: trg, End: trg + 3}, SentenceText: sent}
	// the same words occur in an earlier sentence: the offsets decide
	if o, ok := sentenceOffset(e); !ok || o != off {
		t.Fatalf("sentence offset %d %v, want %d", o, ok, off)
	}
	want := `<mark class="src" title="source JPN">Japan’s envoy</mark> <mark class="trg" title="CAMEO ">met</mark> them again.`
	if got := string(sentenceHTML(e, nil)); got != want {
		t.Errorf("with sentence text:\n got %s\nwant %s", got, want)
	}
	// without the sentence text, cut it from the story
	e.SentenceText = ""
	if got := string(sentenceHTML(e, func(string) string { return story })); got != want {
		t.Errorf("from the story:\n got %s\nwant %s", got, want)
	}
	// a sentence text that does not match the spans is shown plain
	e.SentenceText = "Something else entirely."
	if got := sentenceHTML(e, nil); got != template.HTML("Something else entirely.") {
		t.Errorf("mismatched sentence: %s", got)
	}
}

func TestPages(t *testing.T) {
	s, cs, st := newTestServer(t)
	ev := cs[0].Events[0]
	tests := []struct {
		path   string
		status int
		has    []string
	}{
		{"/", 200, []string{`<datalist id="dyad-suggestions">`, `<option value="JPN-PRK">`, `id="dyads-table"`}},
		{"/?dyad=JPN-PRK", 200, []string{`id="timeline"`, `data-dyad="JPN-PRK"`, `data-event-id="` + ev.ID + `"`, `<mark class="src"`, `<mark class="trg"`, `format=parquet`}},
		{"/?dyad=jpn-prk&either=true&by=year&from=2012&to=2012-12", 200, []string{`data-either="true"`, `data-by="year"`}},
		{"/?dyad=nonsense", 400, []string{"dyad"}},
		{"/?dyad=JPN-PRK&by=hour", 400, []string{"by="}},
		{"/events/" + ev.ID, 200, []string{`id="event-sentence"`, `<mark class="src" title="source JPNGOV">Japan’s envoy</mark>`, cs[0].Story.Title}},
		{"/events/missing", 404, []string{"no event"}},
		{"/stories/" + cs[0].Story.ID, 200, []string{`id="story-text"`, `<mark class="trg" title="CAMEO 040">met</mark>`, "2 events"}},
		{"/stories/missing", 404, nil},
		{"/relations", 200, []string{`id="relations"`, `data-edges="3"`, `data-dyad="JPN-PRK"`}},
		{"/relations?from=2013", 200, []string{`data-edges="2"`}},
		{"/relations?from=1990&to=1991", 200, []string{`data-edges="0"`, "No pairs"}},
		{"/code", 200, []string{`id="code-form"`, `id="code-text"`}},
		{"/nowhere", 404, []string{"no page"}},
		{"/healthz", 200, []string{`"ok":true`}},
		{"/static/style.css", 200, []string{"--q1"}},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			r := do(t, s, "GET", tc.path, nil)
			if r.status != tc.status {
				t.Fatalf("status %d, want %d: %.300s", r.status, tc.status, r.body)
			}
			for _, h := range tc.has {
				if !strings.Contains(string(r.body), h) {
					t.Errorf("page lacks %s", h)
				}
			}
		})
	}
	n := len(want(cs, func(e parley.Event) bool {
		return e.Target != nil && e.Source.Country == "JPN" && e.Target.Country == "PRK"
	}))
	if r := do(t, s, "GET", "/?dyad=JPN-PRK", nil); !strings.Contains(string(r.body), `id="stat-events">`+strconv.Itoa(n)+`<`) {
		t.Errorf("timeline does not count %d events", n)
	}
	if r := do(t, s, "GET", "/relations", nil); !strings.Contains(string(r.body), `href="/?dyad=JPN-PRK&amp;either=true"`) {
		t.Error("relations pairs do not link to the dyad either way")
	}
	// a story with markup in it is escaped everywhere
	ctx := t.Context()
	v, err := st.BeginVersion(ctx, "x")
	if err != nil {
		t.Fatal(err)
	}
	text := `Japan met <script>alert(1)</script> North Korea.`
	e := parley.Event{ID: "xss-0", Source: parley.Actor{Code: "JPN", Country: "JPN", Text: "Japan", Start: 0, End: 5}, Target: &parley.Actor{Code: "PRK", Country: "PRK", Text: "North Korea", Start: strings.Index(text, "North"), End: len(text) - 1},
		Trigger: parley.Span{Text: "met", Start: 6, End: 9}, CAMEO: "040", QuadClass: 1, Date: parley.Date{Year: 2014, Precision: parley.PrecisionYear}}
	if _, err := st.Put(ctx, v.N, []store.Coded{{Doc: &parley.Document{Story: &parley.Story{ID: "xss", Title: "<b>bold</b>", Text: text}}, Events: []parley.Event{e}}}); err != nil {
		t.Fatal(err)
	}
	if err := st.CompleteVersion(ctx, v.N); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/stories/xss", "/events/xss-0", "/?dyad=JPN-PRK&from=2014"} {
		r := do(t, s, "GET", p, nil)
		if r.status != 200 {
			t.Fatalf("%s: %d", p, r.status)
		}
		if regexp.MustCompile(`<script>alert|<b>bold`).Match(r.body) {
			t.Errorf("%s: markup from the story is not escaped", p)
		}
	}
}

func TestTopDyadsCache(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s, _, st := newTestServer(t, func(o *Options) { o.Now = func() time.Time { return now } })
	ctx := t.Context()
	first, err := s.topDyads(ctx, store.Query{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	v, _ := st.BeginVersion(ctx, "more")
	text := "Mongolia met Japan."
	e := parley.Event{Source: parley.Actor{Code: "MNG", Country: "MNG", Text: "Mongolia", Start: 0, End: 8}, Target: &parley.Actor{Code: "JPN", Country: "JPN", Text: "Japan", Start: 13, End: 18},
		Trigger: parley.Span{Text: "met", Start: 9, End: 12}, CAMEO: "040", QuadClass: 1}
	if _, err := st.Put(ctx, v.N, []store.Coded{{Doc: &parley.Document{Story: &parley.Story{Text: text}}, Events: []parley.Event{e}}}); err != nil {
		t.Fatal(err)
	}
	st.CompleteVersion(ctx, v.N)
	has := func(ds []aggregate.Dyad) bool {
		for _, d := range ds {
			if d.Source == "MNG" {
				return true
			}
		}
		return false
	}
	again, _ := s.topDyads(ctx, store.Query{}, 10)
	if has(first) || has(again) {
		t.Fatal("suggestions changed within the cache's minute")
	}
	now = now.Add(2 * time.Minute)
	later, _ := s.topDyads(ctx, store.Query{}, 10)
	if !has(later) {
		t.Error("suggestions not refreshed after the cache's minute")
	}
}
