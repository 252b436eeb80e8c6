// Package servertest holds a small set of stories with hand-coded events
// and a tiny deterministic coder, for the tests of package server and the
// browser tests in e2e. The stories are written for these tests.
package servertest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/store"
	"github.com/parley-events/parley/store/sqlite"
)

// Coded is one test story with its events.
type Coded struct {
	Story  *parley.Story
	Events []parley.Event
}

// spec describes one event by the words of its sentence.
type spec struct {
	sentence     int
	src, srcCode string
	trig, cameo  string
	tgt, tgtCode string
	quad         int
	gold         float64
	date         string
	plover       string
}

type storySpec struct {
	id, title, published string
	text                 string
	events               []spec
}

// The stories. Non-ASCII characters (’, —, é) keep byte offsets and
// UTF-16 indices apart, as they are in real news.
var stories = []storySpec{
	{
		id: "tokyo-talks", title: "Japan and North Korea resume talks in Beijing", published: "2012-03-20",
		text: "TOKYO — Japan’s envoy met North Korean officials in Beijing in January 2012. " +
			"North Korea praised Japan’s Red Cross for its help in March. " +
			"Analysts in Séoul said the contacts were cautious.",
		events: []spec{
			{0, "Japan’s envoy", "JPNGOV", "met", "040", "North Korean officials", "PRKGOV", 1, 1.0, "2012-01", "CONSULT"},
			{1, "North Korea", "PRKGOV", "praised", "051", "Japan’s Red Cross", "JPNNGO", 1, 3.4, "2012-03", "SUPPORT"},
		},
	},
	{
		id: "red-cross-august", title: "Red Cross talks restart", published: "2012-08-12",
		text: "Red Cross officials from Japan held talks with North Korea in Shenyang in early August.\n\n" +
			"Japan agreed to return remains of Japanese soldiers — a long-standing request. " +
			"North Korea provided lists of burial sites to Japan on 10 August 2012.",
		events: []spec{
			{0, "Red Cross officials from Japan", "JPNNGO", "held talks", "043", "North Korea", "PRKGOV", 1, 2.8, "2012-08", "CONSULT"},
			{2, "North Korea", "PRKGOV", "provided", "070", "Japan", "JPNGOV", 2, 7.0, "2012-08-10", "AID"},
		},
	},
	{
		id: "rocket-december", title: "Rocket launch delays meeting", published: "2012-12-14",
		text: "North Korea launched a long-range rocket on 12 December 2012. " +
			"Japan condemned North Korea and postponed the planned meeting. " +
			"China urged North Korea to show restraint.",
		events: []spec{
			{1, "Japan", "JPNGOV", "condemned", "111", "North Korea", "PRKGOV", 3, -2.0, "2012-12-13", "DISAPPROVE"},
			{1, "Japan", "JPNGOV", "postponed", "160", "North Korea", "PRKGOV", 4, -4.0, "2012-12-13", "REDUCE"},
			{2, "China", "CHNGOV", "urged", "020", "North Korea", "PRKGOV", 1, 3.0, "2012-12", "REQUEST"},
		},
	},
	{
		id: "mongolia-november", title: "High-level talks in Ulaanbaatar", published: "2013-11-20",
		text: "Senior officials of Japan and North Korea met in Ulaanbaatar in November 2013. " +
			"South Korea welcomed the talks. The United States criticised North Korea’s nuclear programme.",
		events: []spec{
			{0, "Senior officials of Japan", "JPNGOV", "met", "040", "North Korea", "PRKGOV", 1, 1.0, "2013-11", "CONSULT"},
			{1, "South Korea", "KORGOV", "welcomed", "051", "", "", 1, 3.4, "2013-11", "SUPPORT"},
			{2, "The United States", "USAGOV", "criticised", "111", "North Korea’s", "PRKGOV", 3, -2.0, "2013-11", "DISAPPROVE"},
		},
	},
}

// Stories returns the test stories with their events, offsets computed
// from the text. It fails tb if a spec does not match its story.
func Stories(tb testing.TB) []Coded {
	tb.Helper()
	var out []Coded
	for _, ss := range stories {
		pub, err := time.Parse("2006-01-02", ss.published)
		if err != nil {
			tb.Fatal(err)
		}
		st := &parley.Story{ID: ss.id, Title: ss.title, Text: ss.text, Source: "Parley Test Wire", Published: pub, DateFrom: "metadata"}
		sents := Sentences(ss.text)
		var evs []parley.Event
		for i, sp := range ss.events {
			if sp.sentence >= len(sents) {
				tb.Fatalf("story %s: no sentence %d", ss.id, sp.sentence)
			}
			s := sents[sp.sentence]
			z0 := s.Start // end of the source span, once found
			find := func(what string, from int) (int, int) {
				j := strings.Index(ss.text[from:s.End], what)
				if j < 0 {
					from = z0
					j = strings.Index(ss.text[from:s.End], what)
				}
				if j < 0 {
					tb.Fatalf("story %s sentence %d: no %q", ss.id, sp.sentence, what)
				}
				return from + j, from + j + len(what)
			}
			d, err := parley.ParseDate(sp.date)
			if err != nil {
				tb.Fatal(err)
			}
			a, z := find(sp.src, s.Start)
			z0 = z
			e := parley.Event{
				ID:         fmt.Sprintf("%s-e%d", ss.id, i),
				StoryID:    ss.id,
				Sentence:   sp.sentence,
				Source:     parley.Actor{Code: sp.srcCode, Country: sp.srcCode[:3], Text: sp.src, Start: a, End: z},
				CAMEO:      sp.cameo,
				Root:       sp.cameo[:2],
				QuadClass:  sp.quad,
				Goldstein:  sp.gold,
				PLOVER:     sp.plover,
				Date:       d,
				DateFrom:   parley.DateFromExpression,
				Published:  pub,
				Rule:       "test",
				Confidence: 0.9,
			}
			ta, tz := find(sp.trig, z)
			e.Trigger = parley.Span{Text: sp.trig, Start: ta, End: tz}
			if sp.tgt != "" {
				ga, gz := find(sp.tgt, tz)
				e.Target = &parley.Actor{Code: sp.tgtCode, Country: sp.tgtCode[:3], Text: sp.tgt, Start: ga, End: gz}
			}
			evs = append(evs, e)
		}
		out = append(out, Coded{Story: st, Events: evs})
	}
	return out
}

// Sentences splits text at ". " and blank lines: enough for the test
// stories, which are written so that this is right.
func Sentences(text string) []parley.Sentence {
	var out []parley.Sentence
	start := 0
	flush := func(end int) {
		a := start
		for a < end && (text[a] == ' ' || text[a] == '\n') {
			a++
		}
		if a < end {
			out = append(out, parley.Sentence{Index: len(out), Start: a, End: end, Text: text[a:end]})
		}
	}
	for i := 0; i < len(text); i++ {
		if text[i] == '.' && (i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\n') {
			flush(i + 1)
			start = i + 1
		}
	}
	flush(len(text))
	return out
}

// Fill stores the test stories in st in a new, complete coding version and
// returns them.
func Fill(tb testing.TB, st store.Store) []Coded {
	tb.Helper()
	return put(tb, st, Stories(tb))
}

func put(tb testing.TB, st store.Store, cs []Coded) []Coded {
	tb.Helper()
	ctx := context.Background()
	v, err := st.BeginVersion(ctx, "servertest")
	if err != nil {
		tb.Fatal(err)
	}
	var batch []store.Coded
	for _, c := range cs {
		batch = append(batch, store.Coded{Doc: &parley.Document{Story: c.Story, Sentences: Sentences(c.Story.Text)}, Events: c.Events})
	}
	res, err := st.Put(ctx, v.N, batch)
	if err != nil {
		tb.Fatal(err)
	}
	for i, r := range res {
		if r.Err != nil {
			tb.Fatalf("put story %d: %v", i, r.Err)
		}
	}
	if err := st.CompleteVersion(ctx, v.N); err != nil {
		tb.Fatal(err)
	}
	return cs
}

// Open opens a fresh SQLite store in a temporary directory, closed when
// the test ends.
func Open(tb testing.TB) *sqlite.Store {
	tb.Helper()
	st, err := sqlite.Open(tb.TempDir()+"/parley.db", sqlite.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}

// Coder is a tiny deterministic coder for posted stories: in each
// sentence, a known country name, then a known verb, then another known
// country name make one event.
type Coder struct{}

var (
	names = []struct{ name, code string }{
		{"North Korea", "PRK"}, {"South Korea", "KOR"}, {"Japan", "JPN"}, {"China", "CHN"}, {"Russia", "RUS"}, {"the United States", "USA"},
	}
	verbs = []struct {
		verb, cameo, plover string
		quad                int
		gold                float64
	}{
		{"met", "040", "CONSULT", 1, 1.0}, {"praised", "051", "SUPPORT", 1, 3.4}, {"criticised", "111", "DISAPPROVE", 3, -2.0},
		{"threatened", "130", "THREATEN", 3, -4.4}, {"attacked", "190", "ASSAULT", 4, -10}, {"aided", "070", "AID", 2, 7.0},
	}
)

// Version names the coder.
func (Coder) Version() string { return "servertest-coder 1" }

// Code codes st.
func (Coder) Code(ctx context.Context, st *parley.Story) (*parley.Document, []parley.Event, error) {
	doc := &parley.Document{Story: st, Sentences: Sentences(st.Text)}
	var evs []parley.Event
	for _, s := range doc.Sentences {
		src, ok := firstName(st.Text, s.Start, s.End)
		if !ok {
			continue
		}
		for _, v := range verbs {
			j := strings.Index(st.Text[src.End:s.End], " "+v.verb+" ")
			if j < 0 {
				continue
			}
			ta := src.End + j + 1
			tgt, ok := firstName(st.Text, ta+len(v.verb), s.End)
			if !ok {
				continue
			}
			e := parley.Event{StoryID: st.ID, Sentence: s.Index, Source: src, Target: &tgt,
				CAMEO: v.cameo, Root: v.cameo[:2], QuadClass: v.quad, Goldstein: v.gold, PLOVER: v.plover,
				Trigger: parley.Span{Text: v.verb, Start: ta, End: ta + len(v.verb)}, Rule: "servertest", Confidence: 0.5,
				SentenceText: s.Text}
			if !st.Published.IsZero() {
				e.Date, e.DateFrom, e.Published = parley.DayDate(st.Published), parley.DateFromPublication, st.Published
			}
			evs = append(evs, e)
			break
		}
	}
	return doc, evs, nil
}

func firstName(text string, lo, hi int) (parley.Actor, bool) {
	best := -1
	var a parley.Actor
	for _, n := range names {
		j := strings.Index(text[lo:hi], n.name)
		if j >= 0 && (best < 0 || j < best) {
			best = j
			a = parley.Actor{Code: n.code, Country: n.code, Text: n.name, Start: lo + j, End: lo + j + len(n.name)}
		}
	}
	return a, best >= 0
}

// historyDyads are the dyads of History: each has a few cooperative and
// conflictual events a month.
var historyDyads = []struct{ src, tgt string }{
	{"Japan", "North Korea"}, {"the United States", "China"}, {"Russia", "South Korea"}, {"China", "Japan"},
}

// History returns stories for three years of monthly events (2011-01 to
// 2013-12) between four pairs of countries, coded by Coder and dated by
// their publication, with a clear break in the last month: North Korea
// threatens and attacks Japan BreakEvents times, where it did so at most
// once a month before. Forecast bands and alerts need such a history.
// The stories are generated from a fixed seed, the same on every call.
func History(tb testing.TB) []Coded {
	tb.Helper()
	r := rand.New(rand.NewPCG(5, 13))
	coop := []string{"%s met %s in %s to discuss the abductions.", "%s praised %s for its restraint in %s.", "%s aided %s with food sent through %s."}
	conf := []string{"%s criticised %s over a missile test near %s.", "%s threatened %s with sanctions in a statement from %s."}
	places := []string{"Beijing", "Ulaanbaatar", "Geneva", "Hanoi", "Stockholm"}
	var out []Coded
	for m := range 36 {
		y, mo := 2011+m/12, time.Month(m%12+1)
		for di, d := range historyDyads {
			var sents []string
			for range 3 + r.IntN(4) {
				sents = append(sents, fmt.Sprintf(coop[r.IntN(len(coop))], d.src, d.tgt, places[r.IntN(len(places))]))
			}
			for range r.IntN(3) {
				sents = append(sents, fmt.Sprintf(conf[r.IntN(len(conf))], d.src, d.tgt, places[r.IntN(len(places))]))
			}
			if di == 0 && r.IntN(3) == 0 {
				sents = append(sents, "North Korea criticised Japan over its naval drills.")
			}
			out = append(out, historyStory(tb, fmt.Sprintf("h%d-%02d-%d", y, mo, di), time.Date(y, mo, 1+r.IntN(28), 0, 0, 0, 0, time.UTC), sents))
		}
	}
	var burst []string
	for i := range BreakEvents {
		if i%3 == 0 {
			burst = append(burst, fmt.Sprintf("North Korea attacked Japan with artillery fire across the sea in raid %d.", i+1))
		} else {
			burst = append(burst, fmt.Sprintf("North Korea threatened Japan with missile strikes in statement %d.", i+1))
		}
	}
	for i := 0; i < len(burst); i += 10 {
		out = append(out, historyStory(tb, fmt.Sprintf("h2013-12-break-%d", i/10), time.Date(2013, 12, 10+i/10, 0, 0, 0, 0, time.UTC), burst[i:min(i+10, len(burst))]))
	}
	return out
}

// BreakEvents is the number of conflictual PRK-JPN events in the last
// month of History.
const BreakEvents = 30

func historyStory(tb testing.TB, id string, published time.Time, sents []string) Coded {
	tb.Helper()
	st := &parley.Story{ID: id, Title: "Wire report " + id, Text: strings.Join(sents, " "), Source: "Parley Test Wire", Published: published, DateFrom: "metadata"}
	_, evs, err := Coder{}.Code(context.Background(), st)
	if err != nil {
		tb.Fatal(err)
	}
	if len(evs) != len(sents) {
		tb.Fatalf("story %s: the coder finds %d events in %d sentences", id, len(evs), len(sents))
	}
	for i := range evs {
		evs[i].ID = fmt.Sprintf("%s-e%d", id, i)
	}
	return Coded{Story: st, Events: evs}
}

// FillHistory stores History in st in a new, complete coding version and
// returns it.
func FillHistory(tb testing.TB, st store.Store) []Coded {
	tb.Helper()
	return put(tb, st, History(tb))
}
