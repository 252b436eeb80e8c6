package main

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/ingest"
)

// The tests of ingest, recode, events, series and dyads run Main with fake
// stages: a reader of a tiny format (first line the publication date, the
// rest the text; a file containing "REJECT" is bad input) and a coder that
// codes "X met Y" and "X accused Y" between the country names it knows.
// They test the wiring, the store and the output, not the real coder.

var fakeCountries = map[string]string{"Japan": "JPN", "North Korea": "PRK", "China": "CHN", "Mongolia": "MNG", "South Korea": "KOR"}

func fakeRead(ctx context.Context, paths []string, opts ingest.Options, fn func(*parley.Story) error) error {
	var files []string
	for _, p := range paths {
		err := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	sort.Strings(files)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		date, text, _ := strings.Cut(string(b), "\n")
		pub, err := time.Parse("2006-01-02", strings.TrimSpace(date))
		if err != nil || strings.Contains(text, "REJECT") {
			opts.OnError(parley.Errorf(parley.Invalid, f, "bad story"))
			continue
		}
		id := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))
		if err := fn(&parley.Story{ID: id, Title: id, Source: "Test Wire", Published: pub, Text: text, Origin: f}); err != nil {
			return err
		}
	}
	return nil
}

// fakeCoder codes "A met B" (036, QuadClass 1) and "A accused B" (112,
// QuadClass 3) between known countries, dated to the publication month
// unless the sentence names a month ("in March": that month of the
// publication year).
type fakeCoder struct {
	version string
	delay   time.Duration // per story, to make ingest slow enough to kill
	cameo   string        // if set, every event gets this code (a "changed" coder)
}

var months = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

func (c *fakeCoder) Version() string { return c.version }

func (c *fakeCoder) Code(doc *parley.Document) []parley.Event {
	if c.delay > 0 {
		time.Sleep(c.delay)
	}
	var out []parley.Event
	for _, s := range doc.Sentences {
		for _, verb := range []struct {
			word, cameo string
			quad        int
			gold        float64
		}{{" met ", "036", 1, 4}, {" accused ", "112", 3, -2}} {
			i := strings.Index(s.Text, verb.word)
			if i < 0 {
				continue
			}
			src, tgt := country(s.Text[:i]), country(s.Text[i:])
			if src == "" || tgt == "" {
				continue
			}
			pub := doc.Story.Published
			date := parley.Date{Year: pub.Year(), Month: int(pub.Month()), Precision: parley.PrecisionMonth}
			from := parley.DateFromPublication
			for mi, m := range months {
				if strings.Contains(s.Text, "in "+m) {
					date.Month, from = mi+1, parley.DateFromExpression
				}
			}
			e := parley.Event{
				StoryID: doc.Story.ID, Sentence: s.Index,
				Source: parley.Actor{Code: src + "GOV", Country: src, Text: src},
				Target: &parley.Actor{Code: tgt + "GOV", Country: tgt, Text: tgt},
				CAMEO:  verb.cameo, Root: verb.cameo[:2], QuadClass: verb.quad, Goldstein: verb.gold, PLOVER: "CONSULT",
				Date: date, DateFrom: from, Published: pub,
				Trigger: parley.Span{Text: strings.TrimSpace(verb.word), Start: s.Start + i + 1, End: s.Start + i + len(verb.word) - 1},
				Rule:    "fake", Confidence: 0.9,
			}
			if c.cameo != "" {
				e.CAMEO, e.Root = c.cameo, c.cameo[:2]
			}
			out = append(out, e)
		}
	}
	return out
}

// country returns the code of the first country named in s.
func country(s string) string {
	best, at := "", len(s)
	for name, code := range fakeCountries {
		if i := strings.Index(s, name); i >= 0 && (i < at || i == at && len(code) > len(best)) {
			best, at = code, i
		}
	}
	return best
}

func fakeStages(c *fakeCoder) *stages {
	return &stages{
		read:     fakeRead,
		analyze:  analyze,
		newCoder: func([]string, bool) (coder, error) { return c, nil },
	}
}

// testMain returns a Main with fake stages and buffers.
func testMain(c *fakeCoder) (*Main, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }, stages: fakeStages(c)}
	return m, &out, &errb
}

// run runs parley with args and returns its stdout; it fails the test on
// an error other than want.
func run(t *testing.T, c *fakeCoder, args ...string) (string, string, error) {
	t.Helper()
	m, out, errb := testMain(c)
	err := m.Run(t.Context(), args)
	return out.String(), errb.String(), err
}

func mustRun(t *testing.T, c *fakeCoder, args ...string) string {
	t.Helper()
	out, errs, err := run(t, c, args...)
	if err != nil {
		t.Fatalf("parley %s: %v\nstderr: %s", strings.Join(args, " "), err, errs)
	}
	return out
}

// writeStories writes stories as files in a new folder.
func writeStories(t *testing.T, stories map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range stories {
		if err := os.WriteFile(filepath.Join(dir, name+".txt"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Stories written for these tests.
var testStories = map[string]string{
	"talks": "2013-11-20\nJapan met North Korea in Ulaanbaatar in November for talks on the abduction issue. " +
		"Officials said Japan met North Korea in March as well. North Korea accused Japan of delaying the meeting.",
	"redcross": "2012-08-10\nThe Red Cross societies of Japan and North Korea resumed contact. " +
		"Japan met North Korea in August to discuss the remains of Japanese soldiers.",
	"china": "2012-05-02\nChina met Mongolia in May to discuss trade. South Korea accused North Korea of a missile test.",
	"none":  "2012-01-15\nNo countries are named in this story at all.",
}

func countLines(s string) int { return strings.Count(s, "\n") }

func TestIngestIdempotent(t *testing.T) {
	dir := writeStories(t, testStories)
	db := filepath.Join(t.TempDir(), "p.db")
	c := &fakeCoder{version: "fake-1"}
	mustRun(t, c, "ingest", "--db", db, dir)
	first := mustRun(t, c, "events", "--db", db, "--limit", "0", "--format", "jsonl")
	if n := countLines(first); n != 6 {
		t.Fatalf("after the first ingest: %d events, want 6:\n%s", n, first)
	}
	_, errs, err := run(t, c, "ingest", "--db", db, dir)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errs, "0 stories stored") || !strings.Contains(errs, "4 already stored") {
		t.Errorf("second ingest summary: %s", errs)
	}
	if again := mustRun(t, c, "events", "--db", db, "--limit", "0", "--format", "jsonl"); again != first {
		t.Errorf("events changed after a second ingest:\n%s\nwant\n%s", again, first)
	}
}

func TestIngestRejected(t *testing.T) {
	stories := map[string]string{"good": testStories["talks"], "bad": "2013-01-01\nREJECT me", "baddate": "yesterday\nJapan met China."}
	dir := writeStories(t, stories)
	db := filepath.Join(t.TempDir(), "p.db")
	_, errs, err := run(t, &fakeCoder{version: "fake-1"}, "ingest", "--db", db, dir)
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != exitRejected {
		t.Fatalf("ingest with bad input: got %v, want exit status %d", err, exitRejected)
	}
	if !strings.Contains(errs, "bad.txt") || !strings.Contains(errs, "baddate.txt") {
		t.Errorf("stderr does not name the bad inputs: %s", errs)
	}
	out := mustRun(t, &fakeCoder{version: "fake-1"}, "events", "--db", db, "--format", "jsonl")
	if n := countLines(out); n != 3 {
		t.Errorf("good story beside bad ones: %d events stored, want 3", n)
	}
}

func TestIngestUsage(t *testing.T) {
	for _, args := range [][]string{
		{"ingest"},
		{"ingest", "--workers", "0", "x"},
		{"events", "--format", "xml"},
		{"series", "--by", "fortnight"},
		{"events", "stray"},
	} {
		_, _, err := run(t, &fakeCoder{version: "v"}, args...)
		var ee *exitError
		if !errors.As(err, &ee) || ee.code != exitUsage {
			t.Errorf("parley %v: got %v, want a usage error", args, err)
		}
	}
	db := filepath.Join(t.TempDir(), "missing.db")
	_, _, err := run(t, &fakeCoder{version: "v"}, "events", "--db", db)
	if parley.KindOf(err) != parley.NotFound {
		t.Errorf("events on a missing database: got %v, want NotFound", err)
	}
	if _, err := os.Stat(db); err == nil {
		t.Errorf("events created the missing database")
	}
	dir := writeStories(t, testStories)
	db = filepath.Join(t.TempDir(), "p.db")
	mustRun(t, &fakeCoder{version: "v"}, "ingest", "--db", db, dir)
	for _, args := range [][]string{
		{"events", "--db", db, "--dyad", "JPN"},
		{"events", "--db", db, "--from", "2012-13"},
		{"events", "--db", db, "--quad", "9"},
		{"series", "--db", db, "--dyad", "JPN-PRK", "--version", "7"},
	} {
		_, _, err := run(t, &fakeCoder{version: "v"}, args...)
		if k := parley.KindOf(err); k != parley.Invalid && k != parley.NotFound {
			t.Errorf("parley %v: got %v, want an Invalid or NotFound error", args, err)
		}
	}
}
