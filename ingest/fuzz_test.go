package ingest

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/parley-events/parley"
)

// addSeeds adds the testdata files with the given extensions to a fuzz
// corpus.
func addSeeds(f *testing.F, exts ...string) {
	for _, ext := range exts {
		files, _ := filepath.Glob("testdata/*" + ext)
		for _, p := range files {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
	}
}

// readBytes reads data as one input of the given format and checks what
// every read must give: stories that pass checkStory, rejections that are
// *parley.Error of kind Invalid.
func readBytes(t *testing.T, data []byte, format string) []*parley.Story {
	t.Helper()
	var got []*parley.Story
	opts := Options{Format: format, Stdin: bytes.NewReader(data), OnError: func(err error) {
		if parley.KindOf(err) != parley.Invalid {
			t.Errorf("rejection %v has kind %v, want invalid", err, parley.KindOf(err))
		}
	}}
	st, err := Read(context.Background(), []string{"-"}, opts, func(s *parley.Story) error {
		checkStory(t, s)
		if !utf8.ValidString(s.Text) || !utf8.ValidString(s.Title) {
			t.Errorf("story has invalid UTF-8: %q", s.Text)
		}
		got = append(got, s)
		return nil
	})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if st.Stories+st.Rejected == 0 {
		t.Errorf("input gave neither a story nor a rejection")
	}
	return got
}

func FuzzReadText(f *testing.F) {
	addSeeds(f, ".txt")
	f.Add([]byte("Title\n\nBy A B Source: C Published: 2013-1-22 22:53:06\n\nBody.\n\nPosted in: X"))
	f.Add([]byte("By\nDate:\n\n"))
	f.Add([]byte("\ufeffT\r\n\r\nâ€œqâ€\xef\xbf\xbd"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ReadText("fuzz", bytes.NewReader(data))
		if err != nil {
			if parley.KindOf(err) != parley.Invalid {
				t.Fatalf("error %v has kind %v", err, parley.KindOf(err))
			}
			return
		}
		checkStory(t, s)
		// Reading the body again as a story with the same title and no
		// header gives the same body.
		again, err := ReadText("again", strings.NewReader(s.Text))
		if err == nil && again.Title == "" && again.Text != s.Text {
			t.Errorf("body %q read again is %q", s.Text, again.Text)
		}
	})
}

// contractLine writes a story back as a JSON line in the contract's form.
func contractLine(s *parley.Story) []byte {
	m := map[string]string{"id": s.ID, "text": s.Text}
	if s.Title != "" {
		m["title"] = s.Title
	}
	if s.Source != "" {
		m["source"] = s.Source
	}
	if s.URL != "" {
		m["url"] = s.URL
	}
	if s.Byline != "" {
		m["author"] = s.Byline
	}
	if !s.Published.IsZero() {
		m["date"] = s.Published.Format(time.RFC3339Nano)
	}
	b, _ := json.Marshal(m)
	return append(b, '\n')
}

func FuzzReadJSONL(f *testing.F) {
	addSeeds(f, ".jsonl", ".json")
	f.Add([]byte(`{"id": 1, "date": "2013-01-22", "text": "x"}`))
	f.Add([]byte(`{"doc_id": "a", "full_text": "A\n\nShare this", "published": 1358895186}`))
	f.Add([]byte(`{"text": "â€œqâ€\ufffd", "author": ["A", {"name": "B"}], "source": {"name": "S"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		stories := readBytes(t, data, "jsonl")
		if len(stories) == 0 {
			return
		}
		// Round trip: each story written back as a contract line and read
		// again is the same story.
		var buf bytes.Buffer
		for _, s := range stories {
			buf.Write(contractLine(s))
		}
		again := readBytes(t, buf.Bytes(), "jsonl")
		if len(again) != len(stories) {
			t.Fatalf("round trip: %d stories became %d\n%s", len(stories), len(again), buf.Bytes())
		}
		for i, a := range again {
			s := stories[i]
			if a.ID != s.ID || a.Text != s.Text || a.Title != s.Title || a.Source != s.Source || a.URL != s.URL ||
				a.Byline != s.Byline || a.Hash != s.Hash || !a.Published.Equal(s.Published) {
				t.Errorf("round trip changed story %d:\n was %+v\n now %+v", i, s, a)
			}
		}
	})
}

func FuzzReadCSV(f *testing.F) {
	addSeeds(f, ".csv", ".tsv")
	f.Add([]byte("\"\",date,text,source\n\"1\",2019-04-10,\"a\nb\",S\n"))
	f.Add([]byte("id,text\n1,\"unterminated\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		readBytes(t, data, "csv")
	})
}

func FuzzReadHTML(f *testing.F) {
	addSeeds(f, ".html")
	f.Add([]byte("<html><head><meta property=\"article:published_time\" content=\"x\"></head><body><p>a</p></body></html>"))
	f.Add([]byte("<meta charset=\"windows-1252\"><p>caf\xe9</p>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		readBytes(t, data, "html")
	})
}

func FuzzReadRSS(f *testing.F) {
	addSeeds(f, ".rss", ".atom")
	f.Add([]byte(`<rss><channel><item><title>t</title><pubDate>soon</pubDate></item></channel></rss>`))
	f.Add([]byte(`{"version": "https://jsonfeed.org/version/1", "items": [{"id": "1", "content_text": "x"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		readBytes(t, data, "rss")
	})
}
