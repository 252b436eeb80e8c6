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
		// Bad flag values are usage errors (exit status 2); see dbflags_test.go.
		if k := parley.KindOf(err); k != parley.Invalid && k != parley.NotFound && exitCode(err) != exitUsage {
			t.Errorf("parley %v: got %v, want a usage, Invalid or NotFound error", args, err)
		}
	}
}

func TestIngestIDCollisionAndPanic(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"a", "b"} {
		os.MkdirAll(filepath.Join(root, d), 0o755)
	}
	os.WriteFile(filepath.Join(root, "a", "x.txt"), []byte("2013-01-02\nJapan met China in January."), 0o644)
	os.WriteFile(filepath.Join(root, "b", "x.txt"), []byte("2013-02-03\nChina met Mongolia in February."), 0o644)
	os.WriteFile(filepath.Join(root, "b", "y.txt"), []byte("2013-02-03\nPANIC Japan met China."), 0o644)
	db := filepath.Join(t.TempDir(), "p.db")
	c := &fakeCoder{version: "fake-1"}
	m, _, errb := testMain(c)
	m.stages.newCoder = func([]string, bool) (coder, error) { return panicky{c}, nil }
	err := m.Run(t.Context(), []string{"ingest", "--db", db, root})
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != exitRejected {
		t.Fatalf("ingest with a panicking coder: got %v, want exit status %d\n%s", err, exitRejected, errb)
	}
	if !strings.Contains(errb.String(), "y.txt") || !strings.Contains(errb.String(), "coding failed") {
		t.Errorf("stderr does not report the story the coder failed on:\n%s", errb)
	}
	evs := decodeEvents(t, mustRun(t, c, "events", "--db", db, "--format", "jsonl"))
	ids := map[string]bool{}
	for _, e := range evs {
		ids[e.StoryID] = true
	}
	if len(evs) != 2 || !ids["x"] || len(ids) != 2 {
		t.Errorf("two stories with the id x: got events of %v, want x and x#HASH", ids)
	}
	// With the coder fixed, the failed story is stored on the next run.
	_, errs, err := run(t, c, "ingest", "--db", db, root)
	if err != nil || !strings.Contains(errs, "1 stories stored") {
		t.Errorf("re-run with a working coder: %v\n%s", err, errs)
	}
}

// panicky panics on stories containing PANIC.
type panicky struct{ *fakeCoder }

func (p panicky) Code(doc *parley.Document) []parley.Event {
	if strings.Contains(doc.Story.Text, "PANIC") {
		var m map[string]int
		m["x"]++
	}
	return p.fakeCoder.Code(doc)
}

func TestIngestProgress(t *testing.T) {
	dir := writeStories(t, testStories)
	m, _, errb := testMain(&fakeCoder{version: "fake-1"})
	m.IsTerminal = true
	if err := m.Run(t.Context(), []string{"ingest", "--db", filepath.Join(t.TempDir(), "p.db"), dir}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errb.String(), "stories/s") || !strings.Contains(errb.String(), "events") || !strings.Contains(errb.String(), "4/4") {
		t.Errorf("no progress bar on a terminal:\n%q", errb)
	}
}

// TestIngestRealPipeline runs ingest with the real readers, analyser and
// coder on the repository's example stories, from a folder and from
// standard input.
func TestIngestRealPipeline(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	m := &Main{Stdin: strings.NewReader(""), Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}, Getenv: func(string) string { return "" }}
	if err := m.Run(t.Context(), []string{"ingest", "--db", db, "--quiet", "../../examples/stories"}); err != nil {
		t.Fatalf("ingest examples: %v\n%s", err, m.Stderr)
	}
	jsonl, err := os.ReadFile("../../examples/stories.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	m2 := &Main{Stdin: bytes.NewReader(jsonl), Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}, Getenv: func(string) string { return "" }}
	if err := m2.Run(t.Context(), []string{"ingest", "--db", db, "--quiet", "--input", "jsonl", "-"}); err != nil {
		t.Fatalf("ingest -: %v\n%s", err, m2.Stderr)
	}
	s, err := sqliteOpenRead(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	files, _ := os.ReadDir("../../examples/stories")
	want := len(files) + bytes.Count(bytes.TrimSpace(jsonl), []byte("\n")) + 1
	page, err := s.Stories(t.Context(), storeStoryQuery())
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Stories) != want {
		t.Errorf("stored %d stories, want %d (%d files and the JSON lines)", len(page.Stories), want, len(files))
	}
	evs := decodeEvents(t, mustRun(t, &fakeCoder{}, "events", "--db", db, "--limit", "0", "--format", "jsonl"))
	if len(evs) == 0 {
		t.Fatalf("the coder found no events in the examples")
	}
	for _, e := range evs {
		if e.SentenceText == "" || e.Version != 1 {
			t.Errorf("event %s: sentence %q, version %d", e.ID, e.SentenceText, e.Version)
			break
		}
	}
}
