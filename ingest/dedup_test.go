package ingest

import (
	"context"
	"strings"
	"testing"

	"github.com/parley-events/parley"
)

// Our own story and variants of it for the duplicate tests.
const dupStory = `Negotiators from the two neighbouring republics met in a lakeside hotel on Tuesday for a third round of talks on the disputed water reservoir, the foreign ministry said in a statement.

The delegations discussed a schedule for releasing water during the dry season and agreed to set up a joint commission of engineers. The head of the upstream delegation said his government was ready to share data from its river gauges every week.

The downstream republic had accused its neighbour in the spring of cutting the flow to its farms without warning, and its parliament had called for the talks to be suspended. Farmers' unions staged protests outside the embassy in the capital in early May.

Observers from the regional development bank attended the meeting as guests. The bank has offered to fund the repair of two irrigation canals if the governments sign an agreement before the end of the year.

The next round is planned for September in the upstream capital, officials said.`

func TestDedup(t *testing.T) {
	changed := strings.Replace(dupStory,
		"The head of the upstream delegation said his government was ready to share data from its river gauges every week.",
		"A spokesman for the upstream side added that data from the gauges would be published online each month.", 1)
	if changed == dupStory {
		t.Fatal("test story not changed")
	}
	unrelated := `The coast guards of two island states exchanged information on Friday about a missing fishing boat, officials said. The search covered a wide area of open sea to the north of the archipelago and continued through the night. The defence ministry of the larger state sent two aircraft to help, and the smaller state thanked it for the support. Relations between the two have improved since they signed a treaty on their maritime boundary several years ago, and their leaders are expected to meet at a regional summit in the autumn.`
	files := map[string]string{
		"1-original.txt":   "Reservoir talks make progress\n\nBy Ann Lee Source: River Post Published: 2015-06-02\n\n" + dupStory,
		"2-byline.txt":     "Reservoir talks make progress\n\nBy Bo Chen Source: Valley Wire Published: 2015-06-03\n\n" + dupStory,
		"3-changed.txt":    "Third round of reservoir talks\n\nBy Ann Lee Source: River Post Published: 2015-06-02\n\n" + changed,
		"4-unrelated.txt":  "Search for missing boat\n\n" + unrelated,
		"5-relayout.jsonl": `{"id": "wire-7", "text": ` + jsonString(strings.ToUpper(strings.ReplaceAll(dupStory, "\n\n", " "))) + "}\n",
	}
	dir := writeFiles(t, files)
	var got []*parley.Story
	st, err := Read(context.Background(), []string{dir}, Options{Dedup: true, OnError: func(e error) { t.Error(e) }}, func(s *parley.Story) error {
		got = append(got, s)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 5 {
		t.Fatalf("read %d stories, want 5", len(got))
	}
	orig := got[0].ID
	want := []struct{ of, kind string }{{"", ""}, {orig, "exact"}, {orig, "near"}, {"", ""}, {orig, "exact"}}
	for i, s := range got {
		if s.DuplicateOf != want[i].of || s.Duplicate != want[i].kind {
			t.Errorf("story %d (%s): duplicate of %q (%q), want %q (%q)", i, s.Origin, s.DuplicateOf, s.Duplicate, want[i].of, want[i].kind)
		}
	}
	if st.Duplicates != 2 || st.NearDuplicates != 1 {
		t.Errorf("stats %+v, want 2 exact and 1 near duplicate", st)
	}
	// Without Dedup nothing is marked.
	_, err = Read(context.Background(), []string{dir}, Options{}, func(s *parley.Story) error {
		if s.Duplicate != "" {
			t.Errorf("%s marked without Dedup", s.Origin)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	d := NewDeduper()
	if sim := d.Similarity(dupStory, changed); sim < NearThreshold {
		t.Errorf("similarity of the changed story %.2f, want >= %.2f", sim, NearThreshold)
	}
	if sim := d.Similarity(dupStory, unrelated); sim > 0.2 {
		t.Errorf("similarity of unrelated stories %.2f, want < 0.2", sim)
	}
}

// TestDedupShortTexts: short texts that differ are never near duplicates.
func TestDedupShortTexts(t *testing.T) {
	d := NewDeduper()
	a := &parley.Story{ID: "a", Text: "Japan and China held talks."}
	b := &parley.Story{ID: "b", Text: "Japan and Korea held talks."}
	finish(a, "a")
	finish(b, "b")
	d.Check(a)
	d.Check(b)
	if b.Duplicate != "" {
		t.Errorf("short different texts marked %q", b.Duplicate)
	}
}

func jsonString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
