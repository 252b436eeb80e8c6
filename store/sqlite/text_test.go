package sqlite

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/store"
)

// TestTextQueryForms checks both plans of a full-text page: a word in most
// sentences is checked row by row in page order (EXISTS), a rare one is
// looked up first (IN), and both give every matching event once, in date
// order, across pages, alone and with a dyad filter.
func TestTextQueryForms(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "text.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := t.Context()
	v, err := s.BeginVersion(ctx, "test")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.CompleteVersion(ctx, v.N); err != nil {
		t.Fatal(err)
	}
	const n = 60
	var batch []store.Coded
	for i := range n {
		text := "Envoys held talks in Ulaanbaatar."
		if i%10 == 3 {
			text = "Envoys met on the border."
		}
		if i%20 == 7 {
			text = "Envoys held rare talks on fisheries."
		}
		text += fmt.Sprintf(" Report %d.", i) // distinct stories
		src, tgt := "JPN", "PRK"
		if i%3 == 0 {
			src, tgt = "USA", "CHN"
		}
		day := time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, (i*37)%n)
		st := &parley.Story{ID: fmt.Sprintf("s%d", i), Published: day, Text: text}
		ev := parley.Event{Sentence: 0, Source: parley.Actor{Code: src + "GOV", Country: src},
			Target: &parley.Actor{Code: tgt + "GOV", Country: tgt}, CAMEO: "036", QuadClass: 1, Goldstein: 4,
			Date: parley.DayDate(day), Trigger: parley.Span{Text: "held", Start: 7, End: 11}}
		batch = append(batch, store.Coded{Doc: &parley.Document{Story: st, Sentences: []parley.Sentence{{Text: text, End: len(text)}}}, Events: []parley.Event{ev}})
	}
	if _, err := s.Put(ctx, v.N, batch); err != nil {
		t.Fatal(err)
	}
	want := func(word, src string) int {
		k := 0
		for _, c := range batch {
			if strings.Contains(strings.ToLower(c.Doc.Story.Text), word) && (src == "" || c.Events[0].Source.Country == src) {
				k++
			}
		}
		return k
	}
	for _, c := range []struct {
		word, src string
		limit     int
		form      string
	}{
		{"talks", "", 1, "EXISTS"}, {"talks", "JPN", 1, "EXISTS"}, {"Talks", "", 2, "EXISTS"},
		{"fisheries", "", 1, "rowid IN"}, {"talks", "", 100, "rowid IN"}, {"border", "JPN", 1, "rowid IN"},
	} {
		t.Run(fmt.Sprintf("%s-%s-%d", c.word, c.src, c.limit), func(t *testing.T) {
			cond, _, err := s.textCond(ctx, c.word, c.limit)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(cond, c.form) {
				t.Errorf("plan %q, want %s", cond, c.form)
			}
			q := store.Query{Text: c.word, Source: c.src, Limit: c.limit}
			seen := map[string]bool{}
			last := ""
			for page := 0; ; page++ {
				if page > n {
					t.Fatal("too many pages")
				}
				p, err := s.Events(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				for _, e := range p.Events {
					if !strings.Contains(strings.ToLower(e.SentenceText), strings.ToLower(c.word)) {
						t.Errorf("event %s: sentence %q lacks %q", e.ID, e.SentenceText, c.word)
					}
					if c.src != "" && e.Source.Country != c.src {
						t.Errorf("event %s: source %s, want %s", e.ID, e.Source.Country, c.src)
					}
					if seen[e.ID] {
						t.Errorf("event %s twice", e.ID)
					}
					seen[e.ID] = true
					d := e.Date.String()
					if d < last {
						t.Errorf("event %s dated %s after %s", e.ID, d, last)
					}
					last = d
				}
				if p.Next == "" {
					break
				}
				q.Cursor = p.Next
			}
			if w := want(strings.ToLower(c.word), c.src); len(seen) != w {
				t.Errorf("got %d events, want %d", len(seen), w)
			}
		})
	}
}
