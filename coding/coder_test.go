package coding

import (
	"strings"
	"testing"
	"time"

	"github.com/parley-events/parley"
)

func TestTokenize(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
	}{
		{"Japan's envoy didn't go.", "JAPAN|'S|ENVOY|DID|N'T|GO|."},
		{"The U.S. and K.U. won't ask, (really)!", "THE|U.S.|AND|K.U.|WO|N'T|ASK|,|(|REALLY|)|!"},
		{"Dol_Amroth state-run anti- Gondor", "DOL|AMROTH|STATE-RUN|ANTI-|GONDOR"},
		{"nations’ “talks” can't", "NATIONS|'|\"|TALKS|\"|CA|N'T"},
		{"Mr. Abe met Gen. Kim in Seoul.", "MR.|ABE|MET|GEN.|KIM|IN|SEOUL|."},
	} {
		toks := tokenize(nil, c.in, 10)
		var parts []string
		for _, tk := range toks {
			parts = append(parts, tk.up)
			if tk.start < 10 || tk.end > 10+len(c.in) || tk.start >= tk.end {
				t.Errorf("%q: bad span %d-%d", c.in, tk.start, tk.end)
			}
		}
		if got := strings.Join(parts, "|"); got != c.want {
			t.Errorf("tokenize(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestSplitSentences(t *testing.T) {
	text := "Mr. Abe met Kim in Seoul. They talked. \"Fine,\" he said! Next one"
	got := splitSentences(text)
	var parts []string
	for _, s := range got {
		if text[s.Start:s.End] != s.Text {
			t.Errorf("span %d-%d does not match %q", s.Start, s.End, s.Text)
		}
		parts = append(parts, s.Text)
	}
	want := []string{"Mr. Abe met Kim in Seoul.", "They talked.", "\"Fine,\" he said!", "Next one"}
	if strings.Join(parts, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", parts, want)
	}
}

func TestEventDateAndPronoun(t *testing.T) {
	c := testCoder(t, `actors:
JAPAN [JPN]
NORTH_KOREA [PRK]
verbs:
--- MEET [040:040] ---
MEET {MET}
--- ACCUSE [112] ---
ACCUSE
`)
	text := "Japan met North Korea in March. It accused North Korea."
	story := &parley.Story{ID: "s", Text: text, Published: time.Date(2013, 1, 22, 0, 0, 0, 0, time.UTC)}
	i := strings.Index(text, "March")
	doc := &parley.Document{Story: story, Sentences: []parley.Sentence{
		{Index: 0, Start: 0, End: 31, Text: text[:31], Times: []parley.TimeExpr{{Text: "March", Start: i, End: i + 5, Value: parley.Date{Year: 2012, Month: 3, Precision: parley.PrecisionMonth}}}},
		{Index: 1, Start: 32, End: len(text), Text: text[32:]},
	}}
	evs := c.Code(doc)
	if len(evs) != 3 {
		t.Fatalf("got %d events, want 3: %+v", len(evs), evs)
	}
	if evs[0].Date.String() != "2012-03" || evs[0].DateFrom != parley.DateFromExpression || !evs[0].Symmetric {
		t.Errorf("talks: date %s from %s symmetric %v", evs[0].Date, evs[0].DateFrom, evs[0].Symmetric)
	}
	p := evs[2]
	if p.Source.Code != "JPN" || p.Source.Text != "It" || p.Source.Rule != "pronoun" || p.DateFrom != parley.DateFromPublication {
		t.Errorf("pronoun event: %+v", p)
	}
	if p.ID == "" || p.ID == evs[0].ID {
		t.Errorf("ids %q %q", p.ID, evs[0].ID)
	}
	// IDs are stable.
	again := c.Code(doc)
	for k := range evs {
		if again[k].ID != evs[k].ID {
			t.Errorf("event %d: id %s then %s", k, evs[k].ID, again[k].ID)
		}
	}
}

func TestBadDictionaryLinesAreWarnings(t *testing.T) {
	c, err := New(Options{NoBuiltin: true, Dicts: []string{"testdata/bad.actors.txt"}})
	if c == nil {
		t.Fatalf("coder should load the good lines: %v", err)
	}
	if err == nil || !strings.Contains(err.Error(), "bad.actors.txt:3") || parley.KindOf(err) != parley.Invalid {
		t.Errorf("want an Invalid error naming bad.actors.txt:3, got %v", err)
	}
	if a, _, _, _ := c.Stats(); a != 2 {
		t.Errorf("loaded %d actors, want 2", a)
	}
	if _, err := New(Options{NoBuiltin: true, Dicts: []string{"testdata/missing.txt"}}); parley.KindOf(err) != parley.NotFound {
		t.Errorf("missing file: want NotFound, got %v", err)
	}
}

func FuzzCode(f *testing.F) {
	on := true
	c, err := New(Options{NoBuiltin: true, Names: &on, Nominal: &on, Dicts: []string{"testdata/stories/dict/golden.actors.txt", "testdata/stories/dict/golden.agents.txt", "testdata/stories/dict/golden.verbs.txt"}})
	if err != nil {
		f.Fatal(err)
	}
	f.Add("Japan and North Korea held talks in Ulaanbaatar. He accused China's envoy.")
	f.Add("'s 's n't , , Japan")
	f.Add("Japan was accused by")
	f.Add("Ann Lee, Bob Ray of Japan, Carl Fox, a Japanese envoy, Dan Roe, met China.")
	f.Add("Earlier, the envoy, Song Il, had met the US envoy, Kim Jo, the UK does not.")
	f.Add("Song Il, a Japanese envoy of China, and Kim, met. He met them, bilateral talks between the two countries.")
	f.Fuzz(func(t *testing.T, text string) {
		evs := c.Code(&parley.Document{Story: &parley.Story{ID: "f", Text: text}})
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

// TestCodeConcurrent codes the same documents from several goroutines
// (run with -race) and expects the same events as a single run.
func TestCodeConcurrent(t *testing.T) {
	c, err := New(Options{Dicts: []string{"testdata/stories/dict/golden.actors.txt", "testdata/stories/dict/golden.agents.txt", "testdata/stories/dict/golden.verbs.txt"}})
	if err != nil {
		t.Fatal(err)
	}
	text := "Japan and North Korea held talks in Ulaanbaatar. A North Korean envoy accused Japan. Japan protested to Pyongyang."
	doc := &parley.Document{Story: &parley.Story{ID: "c", Text: text, Published: time.Date(2013, 1, 22, 0, 0, 0, 0, time.UTC)}}
	want := c.Code(doc)
	if len(want) == 0 {
		t.Fatal("no events")
	}
	done := make(chan []parley.Event)
	for range 8 {
		go func() { done <- c.Code(doc) }()
	}
	for range 8 {
		got := <-done
		if len(got) != len(want) {
			t.Fatalf("got %d events, want %d", len(got), len(want))
		}
		for i := range got {
			if got[i].ID != want[i].ID || got[i].CAMEO != want[i].CAMEO {
				t.Errorf("event %d differs: %s %s vs %s %s", i, got[i].ID, got[i].CAMEO, want[i].ID, want[i].CAMEO)
			}
		}
	}
}
