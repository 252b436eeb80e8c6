package coding

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-events/parley/ingest"
	"github.com/parley-events/parley/nlp"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestGolden codes testdata/stories/*.txt with the dictionaries in
// testdata/stories/dict and compares the events with the .golden files
// (go test -update rewrites them).
func TestGolden(t *testing.T) {
	dicts, _ := filepath.Glob("testdata/stories/dict/*.txt")
	c, err := New(Options{Dicts: dicts})
	if err != nil {
		t.Fatal(err)
	}
	stories, _ := filepath.Glob("testdata/stories/*.txt")
	if len(stories) == 0 {
		t.Fatal("no golden stories")
	}
	for _, path := range stories {
		t.Run(filepath.Base(path), func(t *testing.T) {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			s, err := ingest.ReadText(path, bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			s.ID = strings.TrimSuffix(filepath.Base(path), ".txt")
			evs := c.Code(nlp.Analyze(s))
			var out bytes.Buffer
			for _, e := range evs {
				e.Published = s.Published
				j, err := json.Marshal(e)
				if err != nil {
					t.Fatal(err)
				}
				out.Write(j)
				out.WriteByte('\n')
				// Spans point into the story text.
				if s.Text[e.Trigger.Start:e.Trigger.End] != e.Trigger.Text || s.Text[e.Source.Start:e.Source.End] != e.Source.Text {
					t.Errorf("event %s: spans do not match the text", e.ID)
				}
			}
			checkGolden(t, strings.TrimSuffix(path, ".txt")+".golden", out.Bytes())
		})
	}
}

// checkGolden compares got with the golden file, or rewrites the file
// under -update.
func checkGolden(t *testing.T, golden string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("events differ from %s (go test -update to accept):\n got:\n%s\nwant:\n%s", golden, got, want)
	}
}
