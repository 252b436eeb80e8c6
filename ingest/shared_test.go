package ingest

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/parley-events/parley"
)

// shared is the project's read-only data folder beside the repository.
const shared = "../../shared"

func sharedFile(t *testing.T, rel string) string {
	t.Helper()
	if _, err := os.Stat(shared); err != nil {
		t.Skip("../shared is not present")
	}
	p := shared + "/" + rel
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("../shared exists but %s does not: %v", rel, err)
	}
	return p
}

func TestSharedJapanNK(t *testing.T) {
	p := sharedFile(t, "examples/japan-nk-2013.txt")
	res, _ := readAll(t, []string{p}, Options{})
	if len(res.Stories) != 1 || len(res.Rejected) != 0 {
		t.Fatalf("got %d stories, rejections %v", len(res.Stories), res.Rejected)
	}
	s := res.Stories[0]
	checkStory(t, s)
	if s.Title != "Breakthrough on horizon for Japan-NK ties" {
		t.Errorf("title %q", s.Title)
	}
	if y, m, d := s.Published.Date(); y != 2013 || m != time.January || d != 22 || s.DateFrom != "text" {
		t.Errorf("published %v (%s), want 2013-01-22 from the text", s.Published, s.DateFrom)
	}
	if s.Source != "Global Times" || s.Byline != "Zhang Liangui" {
		t.Errorf("source %q byline %q", s.Source, s.Byline)
	}
	for _, furniture := range []string{"Posted in", "Disqus", "The author is", "opinion@"} {
		if strings.Contains(s.Text, furniture) {
			t.Errorf("text still holds %q", furniture)
		}
	}
	if !strings.HasPrefix(s.Text, "It has been reported that in December 2012") || !strings.HasSuffix(s.Text, "some time in 2013.") {
		t.Errorf("text starts %q and ends %q", firstWords(s.Text, 8), s.Text[max(0, len(s.Text)-40):])
	}
	if s.Meta["section"] != "Viewpoint" || !strings.HasPrefix(s.Meta["author_note"], "The author is") {
		t.Errorf("meta %v", s.Meta)
	}
}

func TestSharedCorpora(t *testing.T) {
	tests := []struct {
		file    string
		stories int
	}{
		{"data/corpora/IndiaPoliceEvents_metadata_fulltext.jsonl", 1257},
		{"data/corpora/NGEC_Guardian_SDF_sample.csv", 249},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			p := sharedFile(t, tt.file)
			var errs []error
			ids := make(map[string]bool)
			dated := 0
			st, err := Read(context.Background(), []string{p}, Options{OnError: func(e error) { errs = append(errs, e) }}, func(s *parley.Story) error {
				checkStory(t, s)
				if ids[s.ID] {
					t.Errorf("id %s repeats", s.ID)
				}
				ids[s.ID] = true
				if !s.Published.IsZero() {
					dated++
				}
				if strings.Contains(s.Text, "â€") {
					t.Errorf("%s: mojibake left in the text", s.Origin)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if st.Stories != tt.stories || len(errs) != 0 || st.Rejected != 0 {
				t.Errorf("read %d stories (want %d), rejections %v", st.Stories, tt.stories, errs[:min(3, len(errs))])
			}
			if dated != st.Stories {
				t.Errorf("%d of %d stories have a publication date", dated, st.Stories)
			}
		})
	}
}
