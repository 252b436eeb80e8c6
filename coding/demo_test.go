package coding

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/ingest"
	"github.com/parley-events/parley/nlp"
)

// demoStory is the product's demo story (issue 3), read from ../shared
// when it is there; it is not copied into the repository.
var demoStory = filepath.Join("..", "..", "shared", "examples", "japan-nk-2013.txt")

// codeFile codes a story file with the built-in dictionaries and models.
func codeFile(t *testing.T, path string) (*parley.Document, []parley.Event) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := ingest.ReadText(path, bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	s.ID = strings.TrimSuffix(filepath.Base(path), ".txt")
	c, err := New(Options{Builtin: builtinForTest})
	if err != nil {
		t.Fatal(err)
	}
	doc := nlp.Analyze(s)
	return doc, c.Code(doc)
}

// sentenceWith returns the index of the sentence containing words.
func sentenceWith(t *testing.T, doc *parley.Document, words string) int {
	t.Helper()
	for i, s := range doc.Sentences {
		if strings.Contains(s.Text, words) {
			return i
		}
	}
	t.Fatalf("no sentence contains %q", words)
	return -1
}

func eventsIn(evs []parley.Event, si int) []parley.Event {
	var out []parley.Event
	for _, e := range evs {
		if e.Sentence == si {
			out = append(out, e)
		}
	}
	return out
}

func describe(evs []parley.Event) string {
	var parts []string
	for _, e := range evs {
		loc := ""
		if e.Location != nil {
			loc = " @" + e.Location.Country
		}
		parts = append(parts, e.Source.Code+">"+targetCode(e.Target)+" "+e.CAMEO+" "+e.Date.String()+" "+e.Date.Part+loc)
	}
	return strings.Join(parts, "; ")
}

// contact is an expected event: source and target country (and role when
// given, as a code prefix), CAMEO root, month (or decade) and, when set,
// the date's part and the location.
type contact struct {
	src, tgt, root, date, part, loc string
}

func (w contact) matches(e parley.Event) bool {
	if !strings.HasPrefix(e.Source.Code, w.src) || !strings.HasPrefix(targetCode(e.Target), w.tgt) || w.tgt == "" && e.Target != nil {
		return false
	}
	if e.Root != w.root || e.Date.String() != w.date {
		return false
	}
	if w.part != "" && e.Date.Part != w.part {
		return false
	}
	if w.loc != "" && (e.Location == nil || e.Location.Country != w.loc) {
		return false
	}
	return true
}

// TestDemoStory checks the demo story of issue 3: each dated contact it
// recounts is coded with its dyad and month, and none of its negated,
// hypothetical, forecast or analytic sentences gives an event.
func TestDemoStory(t *testing.T) {
	if _, err := os.Stat(demoStory); err != nil {
		t.Skipf("%s not available (the shared data is not beside the repository)", demoStory)
	}
	doc, evs := codeFile(t, demoStory)
	for _, tc := range []struct {
		sentence string
		want     []contact
		only     bool // no other events in the sentence
	}{
		{"unofficially voiced to Japan", []contact{{src: "PRK", tgt: "JPN", root: "03", date: "2012-12"}}, true},
		// Several dates govern the clause: one event per date.
		{"In January and March 2012", []contact{
			{src: "PRKGOV", tgt: "JPN", root: "04", date: "2012-01"},
			{src: "PRKGOV", tgt: "JPN", root: "04", date: "2012-03"},
		}, false},
		{"invited a Japanese delegation", []contact{{src: "PRK", tgt: "JPNGOV", root: "03", date: "2012-04"}}, false},
		{"bilateral Red Cross talks", []contact{
			{src: "JPN", tgt: "PRK", root: "04", date: "2012-08", part: "early"},
			{src: "PRK", tgt: "JPN", root: "04", date: "2012-08", part: "early"},
			// "were permitted to visit their relatives' graves in North Korea"
			{src: "JPN", tgt: "PRK", root: "04", date: "2012-08", part: "early", loc: "PRK"},
		}, true},
		{"held in Mongolia", []contact{
			{src: "JPN", tgt: "PRK", root: "04", date: "2012-11", loc: "MNG"},
			{src: "PRK", tgt: "JPN", root: "04", date: "2012-11", loc: "MNG"},
		}, true},
		{"delayed due to North Korea's rocket launch", []contact{{src: "PRK", root: "15", date: "2012-12"}}, true},
		{"wrote a handwritten letter", []contact{{src: "PRKGOV", tgt: "JPNCVL", root: "01", date: "2012-12", part: "late"}}, true},
		{"reached an agreement on a payment", []contact{
			{src: "JPN", tgt: "PRK", root: "05", date: "1990s"},
			{src: "PRK", tgt: "JPN", root: "05", date: "1990s"},
		}, true},
		{"Koizumi Junichiro visited", []contact{{src: "JPNGOV", tgt: "PRK", root: "04", date: "2002-09"}}, true},
	} {
		si := sentenceWith(t, doc, tc.sentence)
		got := eventsIn(evs, si)
		used := make([]bool, len(got))
		for _, w := range tc.want {
			found := false
			for i, e := range got {
				if !used[i] && w.matches(e) {
					used[i], found = true, true
					break
				}
			}
			if !found {
				t.Errorf("%q: no event %+v; got %s", tc.sentence, w, describe(got))
			}
		}
		if tc.only {
			for i, e := range got {
				if !used[i] {
					t.Errorf("%q: unexpected event %s", tc.sentence, describe([]parley.Event{e}))
				}
			}
		}
	}
	// Negated, hypothetical, forecast and analytic sentences.
	for _, s := range []string{
		"Japan has not responded",
		"a major breakthrough is likely",
		"it will not be surprising if a summit",
		"If Japan can considerably improve relations",
		"pose a direct threat to Japan",
	} {
		if got := eventsIn(evs, sentenceWith(t, doc, s)); len(got) > 0 {
			t.Errorf("%q: want no event, got %s", s, describe(got))
		}
	}
	// Attempts give nothing, or at most a stated intention.
	for _, s := range []string{"Japan is attempting to establish", "Japan is trying to smooth ties"} {
		for _, e := range eventsIn(evs, sentenceWith(t, doc, s)) {
			if e.Root != "03" {
				t.Errorf("%q: want no event or an intent, got %s", s, describe([]parley.Event{e}))
			}
		}
	}
	// A place in a later relative clause is not the event's location.
	for _, e := range eventsIn(evs, sentenceWith(t, doc, "established open dialogue")) {
		if e.Location != nil && e.Location.Country == "JPN" {
			t.Errorf("open dialogue: location %s from a relative clause", e.Location.Name)
		}
	}
	// The story's contacts are all earlier than its publication: no event
	// is dated 2013 by an expression or the story's context (a present
	// perfect with no expression is dated by publication, as recent).
	for _, e := range evs {
		if e.Date.Year == 2013 && e.DateFrom != parley.DateFromPublication {
			t.Errorf("event %s dated 2013: the story's contacts are all earlier", describe([]parley.Event{e}))
		}
	}
}

// TestGoldenBuiltin codes testdata/stories/builtin/*.txt with parley's
// built-in dictionaries and models and compares the events with the
// .golden files (go test -update rewrites them).
func TestGoldenBuiltin(t *testing.T) {
	stories, _ := filepath.Glob("testdata/stories/builtin/*.txt")
	if len(stories) == 0 {
		t.Fatal("no golden stories")
	}
	for _, path := range stories {
		t.Run(filepath.Base(path), func(t *testing.T) {
			_, evs := codeFile(t, path)
			var out bytes.Buffer
			for _, e := range evs {
				loc := "-"
				if e.Location != nil {
					loc = e.Location.Country
				}
				tgt := targetCode(e.Target)
				if tgt == "" {
					tgt = "-"
				}
				fmt.Fprintf(&out, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%q\n", e.Sentence, e.Source.Code, tgt, e.CAMEO, e.Date, e.Date.Part, e.DateFrom, loc, e.Trigger.Text)
			}
			checkGolden(t, strings.TrimSuffix(path, ".txt")+".golden", out.Bytes())
		})
	}
}

// TestDatelineAndPassive: a dateline's place is not an actor, and a
// time phrase may stand between a passive verb and its agent.
func TestDatelineAndPassive(t *testing.T) {
	c, err := New(Options{Builtin: builtinForTest})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		text, notSource, source string
	}{
		{"QUITO -- A Peruvian court on Saturday ordered the retrial of a Chilean man on a drug-smuggling charge after siding with prosecutors.", "QUITO", "Peruvian court"},
		{"The activist Rosa Quispe was jailed on Monday by Bolivian police for insulting officials.", "activist Rosa Quispe", "Bolivian police"},
	} {
		story := &parley.Story{ID: "t", Text: tc.text, Published: time.Date(2020, 3, 2, 0, 0, 0, 0, time.UTC)}
		evs := c.Code(nlp.Analyze(story))
		if tc.source != "" && len(evs) == 0 {
			t.Errorf("%q: no event", tc.text)
		}
		for _, e := range evs {
			if e.Source.Text == tc.notSource {
				t.Errorf("%q: source %q", tc.text, e.Source.Text)
			}
			if tc.source != "" && e.Source.Text != tc.source {
				t.Errorf("%q: source %q, want %q", tc.text, e.Source.Text, tc.source)
			}
		}
	}
}

// TestPhoenixFormatOnBuiltins loads a small dictionary in the Phoenix
// actor format on top of the built-in dictionaries: its actors are added
// (dated roles follow the event date) and the built-ins still code.
func TestPhoenixFormatOnBuiltins(t *testing.T) {
	base, err := New(Options{Builtin: builtinForTest})
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(Options{Builtin: builtinForTest, Dicts: []string{"testdata/phoenix/small.actors.txt"}})
	if err != nil {
		t.Fatal(err)
	}
	a0, _, _, _ := base.Stats()
	a1, _, _, _ := c.Stats()
	if a1-a0 != 3 {
		t.Errorf("actors: %d built-in, %d with the file; want 3 more", a0, a1)
	}
	for _, tc := range []struct{ text, date, src, tgt string }{
		{"Charles Xavier Vseslav met Japanese officials.", "1950-05-01", "ZMBGOV", "JPNGOV"},
		{"Charles Xavier Vseslav met Japanese officials.", "1960-05-01", "ZMBELI", "JPNGOV"},
		{"Zemblan troops attacked Odon Karlsson.", "1960-05-01", "ZMBMIL", "ZMBREB"},
	} {
		pub, _ := time.Parse("2006-01-02", tc.date)
		evs := c.Code(nlp.Analyze(&parley.Story{ID: "t", Text: tc.text, Published: pub}))
		found := false
		for _, e := range evs {
			if e.Source.Code == tc.src && targetCode(e.Target) == tc.tgt {
				found = true
			}
		}
		if !found {
			t.Errorf("%q on %s: want %s>%s, got %s", tc.text, tc.date, tc.src, tc.tgt, describe(evs))
		}
	}
}

// TestPhoenixDictionaries loads the real Phoenix dictionaries (when
// ../shared is there) on top of the built-ins: their 64,000 lines hold
// about 27,000 actor entries with 35,600 names and synonyms, and every
// well-formed one is added.
func TestPhoenixDictionaries(t *testing.T) {
	dicts, _ := filepath.Glob(filepath.Join("..", "..", "shared", "data", "dictionaries", "Phoenix.*.actors.txt"))
	if len(dicts) == 0 {
		t.Skip("Phoenix dictionaries not available (../shared is not beside the repository)")
	}
	base, err := New(Options{Builtin: builtinForTest})
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(Options{Builtin: builtinForTest, Dicts: dicts})
	if c == nil {
		t.Fatal(err)
	}
	a0, _, _, _ := base.Stats()
	a1, _, _, _ := c.Stats()
	n0, n1 := base.ActorNames(), c.ActorNames()
	t.Logf("actor entries: %d built-in, %d with Phoenix (+%d); names: %d built-in, %d with Phoenix (+%d)", a0, a1, a1-a0, n0, n1, n1-n0)
	// Every name line of the files (an entry or a "+" synonym; the files'
	// other lines are comments and dated codes) is loaded, but for the
	// few the reader reports as malformed.
	lines := 0
	for _, d := range dicts {
		b, rerr := os.ReadFile(d)
		if rerr != nil {
			t.Fatal(rerr)
		}
		for _, l := range strings.Split(string(b), "\n") {
			if l != "" && (l[0] == '+' || l[0] >= 'A' && l[0] <= 'Z' || l[0] >= 'a' && l[0] <= 'z' || l[0] >= '0' && l[0] <= '9') {
				lines++
			}
		}
	}
	if n1-n0 < lines*99/100 || n1-n0 < 30000 {
		t.Errorf("Phoenix added %d actor names; the files have %d name lines", n1-n0, lines)
	}
	// A Phoenix-only name codes.
	evs := c.Code(nlp.Analyze(&parley.Story{ID: "t", Text: "Hamid Karzai met Japanese officials.", Published: time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC)}))
	if len(evs) == 0 || evs[0].Source.Code != "AFGGOV" {
		t.Errorf("Hamid Karzai in 2005: got %s, want AFGGOV", describe(evs))
	}
}

// FuzzCodeBuiltin codes analysed text (time expressions included) with
// the built-in dictionaries and models: no panic, spans inside the text.
func FuzzCodeBuiltin(f *testing.F) {
	c, err := New(Options{Builtin: builtinForTest})
	if err != nil {
		f.Fatal(err)
	}
	f.Add("In January and March 2012, Japan met North Korea, which lives in Seoul.")
	f.Add("BEIJING -- About 200 supporters of China, which, attacked , Japan Theresa May")
	f.Add("Between 2001 and 2011 Japan voiced its readiness to reopen talks in March 2019 against")
	f.Add("In recent years the Taliban have carried out attacks, mainly on Monday and Friday.")
	f.Add(", which ,")
	f.Fuzz(func(t *testing.T, text string) {
		evs := c.Code(nlp.Analyze(&parley.Story{ID: "f", Text: text, Published: time.Date(2013, 1, 22, 0, 0, 0, 0, time.UTC)}))
		for _, e := range evs {
			if e.Trigger.Start < 0 || e.Trigger.End > len(text) || text[e.Trigger.Start:e.Trigger.End] != e.Trigger.Text {
				t.Fatalf("bad trigger span %+v", e.Trigger)
			}
			if e.Source.End > len(text) || text[e.Source.Start:e.Source.End] != e.Source.Text {
				t.Fatalf("bad source span %+v", e.Source)
			}
		}
	})
}

// TestExampleStory2024 checks two sentences of the repository's example
// story: a reduced passive ("citizens abducted by North Korean agents")
// is the agent's act on the noun, dated by its own clause, and "both
// sides" after an appeal verb are the appeal's targets.
func TestExampleStory2024(t *testing.T) {
	doc, evs := codeFile(t, filepath.Join("..", "examples", "stories", "japan-nk-2024.txt"))
	for _, tc := range []struct {
		sentence string
		want     []contact
	}{
		{"citizens abducted by North Korean agents", []contact{{src: "PRK", tgt: "JPNCVL", root: "18", date: "1970s"}}},
		{"urged both sides to keep talking", []contact{
			{src: "CHN", tgt: "JPN", root: "02", date: "2024-03-11"},
			{src: "CHN", tgt: "PRK", root: "02", date: "2024-03-11"},
			{src: "CHN", tgt: "JPN", root: "11", date: "2024-03-11"},
		}},
	} {
		got := eventsIn(evs, sentenceWith(t, doc, tc.sentence))
		used := make([]bool, len(got))
		for _, w := range tc.want {
			found := false
			for i, e := range got {
				if !used[i] && w.matches(e) {
					used[i], found = true, true
					break
				}
			}
			if !found {
				t.Errorf("%q: no event %+v; got %s", tc.sentence, w, describe(got))
			}
		}
		for i, e := range got {
			if !used[i] {
				t.Errorf("%q: unexpected event %s", tc.sentence, describe([]parley.Event{e}))
			}
		}
	}
	// The abduction decades are that clause's: the next sentence is not
	// dated by them.
	for _, e := range eventsIn(evs, sentenceWith(t, doc, "proposed a joint inquiry")) {
		if e.Date.Precision == parley.PrecisionDecade {
			t.Errorf("joint inquiry dated %s, the abduction clause's decade", e.Date)
		}
	}
}
