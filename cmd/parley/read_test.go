package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/parley-events/parley"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// runMain runs parley with args and buffers; it returns stdout, stderr and
// the error of Run.
func runMain(t *testing.T, terminal bool, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	m := &Main{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut, IsTerminal: terminal, Getenv: func(string) string { return "" }}
	err := m.Run(context.Background(), args)
	return out.String(), errOut.String(), err
}

func exitCode(err error) int {
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	if err != nil {
		return 1
	}
	return 0
}

func TestReadGolden(t *testing.T) {
	in := filepath.Join("testdata", "read", "envoys.txt")
	golden := filepath.Join("testdata", "read", "envoys.golden")
	out, errOut, err := runMain(t, false, "", "read", "--format", "jsonl", in)
	if err != nil || errOut != "" {
		t.Fatalf("read: %v, stderr %q", err, errOut)
	}
	if *update {
		if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), out); diff != "" {
		t.Errorf("read --format jsonl %s mismatch (-want +got):\n%s", in, diff)
	}

	// The line is a parley.Document whose offsets hold.
	var doc parley.Document
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("output is not one Document: %v", err)
	}
	if doc.Story == nil || doc.Story.Title != "Envoys revive stalled river talks" || doc.Story.Published.Format("2006-01-02") != "2019-03-12" {
		t.Fatalf("story metadata: %+v", doc.Story)
	}
	found := map[string]string{}
	for _, s := range doc.Sentences {
		if doc.Story.Text[s.Start:s.End] != s.Text {
			t.Errorf("sentence %d: text does not match its offsets", s.Index)
		}
		for _, e := range s.Times {
			if doc.Story.Text[e.Start:e.End] != e.Text {
				t.Errorf("%q: text does not match its offsets", e.Text)
			}
			found[e.Text] = e.Value.String() + "/" + e.Value.Part
		}
	}
	for text, v := range map[string]string{
		"Monday": "2019-03-11/", "late 2017": "2017/late", "2018": "2018/", "January": "2018-01/",
		"April 2018": "2018-04/", "June": "2018-06/", "mid-July": "2018-07/mid", "next month": "2019-04/",
	} {
		if found[text] != v {
			t.Errorf("%q = %q, want %q (all: %v)", text, found[text], v, found)
		}
	}
}

func TestReadTable(t *testing.T) {
	in := filepath.Join("testdata", "read", "envoys.txt")
	for _, args := range [][]string{{"read", in}, {"read", "--format", "table", in}} {
		terminal := len(args) == 2
		out, _, err := runMain(t, terminal, "", args...)
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		for _, want := range []string{
			"== Envoys revive stalled river talks",
			"byline     Tomas Verel",
			"published  2019-03-12T08:30:00Z (from text)",
			`time "mid-July" = 2018-07 month mid`,
			`time "late 2017" = 2017 year late`,
			"context 2018-07 (context)",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("%v: output lacks %q:\n%s", args, want, out)
			}
		}
		if strings.HasPrefix(out, "{") {
			t.Errorf("%v: table expected, got JSON", args)
		}
	}
}

func TestReadRejected(t *testing.T) {
	in := filepath.Join("testdata", "read", "mixed.jsonl")
	out, errOut, err := runMain(t, false, "", "read", in)
	if exitCode(err) != exitRejected {
		t.Fatalf("read %s: error %v, want exit status %d", in, err, exitRejected)
	}
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	if len(lines) != 1 || !strings.Contains(lines[0], "mixed.jsonl:2") {
		t.Errorf("stderr %q, want one line naming mixed.jsonl:2", errOut)
	}
	var ids []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var doc parley.Document
		if err := json.Unmarshal([]byte(line), &doc); err != nil {
			t.Fatalf("bad output line %q: %v", line, err)
		}
		ids = append(ids, doc.Story.ID)
		if doc.Story.ID == "a1" {
			if len(doc.Sentences) != 2 || len(doc.Sentences[0].Times) != 1 || doc.Sentences[0].Times[0].Value.String() != "2020-05-03" {
				t.Errorf("a1 sentences: %+v", doc.Sentences)
			}
			if got := doc.Sentences[1].Times; len(got) != 1 || got[0].Value.String() != "2020-03" || got[0].Value.Part != "early" {
				t.Errorf("a1 second sentence times: %+v", got)
			}
		}
	}
	if diff := cmp.Diff([]string{"a1", "a3"}, ids); diff != "" {
		t.Errorf("stories printed (-want +got):\n%s", diff)
	}
}

func TestReadStdinAndFields(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "read", "fields.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	out, errOut, err := runMain(t, false, string(data), "read", "-", "--input-format", "jsonl",
		"--id-field", "ref", "--text-field", "copy", "--date-field", "when", "--source-field", "paper",
		"--title-field", "head2", "--url-field", "where")
	if err != nil {
		t.Fatalf("read: %v (stderr %q)", err, errOut)
	}
	var doc parley.Document
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	s := doc.Story
	if s.ID != "f1" || s.Source != "Parley Gazette" || s.Title != "Withdrawal" || s.URL != "https://example.org/f1" || s.Published.Format("2006-01-02") != "2021-11-30" {
		t.Errorf("story %+v", s)
	}
	if len(doc.Sentences) != 1 || len(doc.Sentences[0].Times) != 1 || doc.Sentences[0].Times[0].Value.String() != "2021-11-23" {
		t.Errorf("sentences %+v", doc.Sentences)
	}
}

func TestReadDedup(t *testing.T) {
	line := `{"id": "%s", "date": "2020-01-02", "text": "The two ministers met in Ankara on Monday and agreed to reopen the consulates."}` + "\n"
	stdin := strings.Replace(line, "%s", "d1", 1) + strings.Replace(line, "%s", "d2", 1)
	out, _, err := runMain(t, false, stdin, "read", "--dedup", "--input-format", "jsonl", "-")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d lines, want 2", len(lines))
	}
	var doc parley.Document
	if err := json.Unmarshal([]byte(lines[1]), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Story.DuplicateOf != "d1" || doc.Story.Duplicate != "exact" {
		t.Errorf("second story: duplicate_of %q (%q), want d1 (exact)", doc.Story.DuplicateOf, doc.Story.Duplicate)
	}
}

func TestReadUsage(t *testing.T) {
	for _, args := range [][]string{{"read"}, {"read", "--format", "xml", "x.txt"}, {"read", "--bogus", "x.txt"}} {
		_, _, err := runMain(t, false, "", args...)
		if exitCode(err) != exitUsage {
			t.Errorf("%v: error %v, want exit status %d", args, err, exitUsage)
		}
	}
	_, _, err := runMain(t, false, "", "read", "--input-format", "xml", "x.txt")
	if err == nil {
		t.Errorf("unknown --input-format accepted")
	}
	_, errOut, err := runMain(t, false, "", "read", filepath.Join("testdata", "read", "missing.txt"))
	if exitCode(err) != exitRejected || !strings.Contains(errOut, "missing.txt") {
		t.Errorf("missing file: error %v, stderr %q", err, errOut)
	}
}
