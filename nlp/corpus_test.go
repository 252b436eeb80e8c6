package nlp_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/ingest"
	"github.com/parley-events/parley/nlp"
)

// shared returns the path of a file under ../shared, skipping the test
// when the shared folder is not beside the repository (it is in CI).
func shared(tb testing.TB, rel string) string {
	tb.Helper()
	dir := filepath.Join("..", "..", "shared")
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		tb.Skipf("%s not present", dir)
	}
	p := filepath.Join(dir, rel)
	if _, err := os.Stat(p); err != nil {
		tb.Fatalf("shared folder present but %v", err)
	}
	return p
}

// TestJapanExample checks the resolutions the foundation issue asks for on
// ../shared/examples/japan-nk-2013.txt (published 2013-1-22).
func TestJapanExample(t *testing.T) {
	p := shared(t, "examples/japan-nk-2013.txt")
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := ingest.ReadText(p, f)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Published.Format("2006-01-02"); got != "2013-01-22" {
		t.Fatalf("published %s, want 2013-01-22", got)
	}
	doc := nlp.Analyze(s)
	found := map[string][]string{}
	for _, sent := range doc.Sentences {
		if s.Text[sent.Start:sent.End] != sent.Text {
			t.Errorf("sentence %d: offsets do not match its text", sent.Index)
		}
		for _, e := range sent.Times {
			if s.Text[e.Start:e.End] != e.Text {
				t.Errorf("expression %q: offsets do not match its text", e.Text)
			}
			v := e.Value.String()
			if e.Value.Part != "" {
				v += "/" + e.Value.Part
			}
			found[e.Text] = append(found[e.Text], v)
		}
	}
	want := map[string]string{
		"December 2012":  "2012-12",
		"January":        "2012-01",
		"March 2012":     "2012-03",
		"April":          "2012-04",
		"early August":   "2012-08/early",
		"November":       "2012-11",
		"early December": "2012-12/early",
		"late December":  "2012-12/late",
		"September 2002": "2002-09",
		"early 1990s":    "1990s/early",
		"February 2013":  "2013-02",
		"2013":           "2013",
	}
	for text, v := range want {
		vs := found[text]
		if len(vs) == 0 {
			t.Errorf("%q not found (found %v)", text, found)
			continue
		}
		for _, got := range vs {
			if got != v {
				t.Errorf("%q resolved to %s, want %s", text, got, v)
			}
		}
	}
}

// BenchmarkReadSplitDates reads the IndiaPoliceEvents corpus with ingest,
// then splits every story into sentences and resolves its time
// expressions. It reports sentences per second of wall-clock time and per
// second of CPU time (the second is what a busy machine does not distort),
// and allocations per sentence; run it on one core:
//
//	GOMAXPROCS=1 go test -run x -bench ReadSplitDates -benchmem ./nlp/
func BenchmarkReadSplitDates(b *testing.B) {
	p := shared(b, "data/corpora/IndiaPoliceEvents_metadata_fulltext.jsonl")
	ctx := context.Background()
	var a nlp.Analyzer
	sentences, times, bytes := 0, 0, 0
	b.ReportAllocs()
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	cpu0 := cpuTime()
	for b.Loop() {
		sentences, times, bytes = 0, 0, 0
		_, err := ingest.Read(ctx, []string{p}, ingest.DefaultOptions(), func(s *parley.Story) error {
			doc := a.Analyze(s)
			sentences += len(doc.Sentences)
			for _, sent := range doc.Sentences {
				times += len(sent.Times)
			}
			bytes += len(s.Text)
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	cpu := cpuTime() - cpu0
	runtime.ReadMemStats(&ms1)
	if sentences == 0 {
		b.Fatal("no sentences")
	}
	report(b, sentences, cpu, ms1.Mallocs-ms0.Mallocs)
	b.SetBytes(int64(bytes))
	b.ReportMetric(float64(times), "times/op")
}

// report adds the throughput metrics of a corpus benchmark.
func report(b *testing.B, sentences int, cpu time.Duration, mallocs uint64) {
	n := float64(b.N)
	b.ReportMetric(float64(sentences)*n/b.Elapsed().Seconds(), "sentences/s")
	if cpu > 0 {
		b.ReportMetric(float64(sentences)*n/cpu.Seconds(), "sentences/cpu-s")
	}
	b.ReportMetric(float64(mallocs)/(float64(sentences)*n), "allocs/sentence")
	b.ReportMetric(float64(sentences), "sentences/op")
}

// BenchmarkAnalyze measures nlp alone on the same corpus, read once.
func BenchmarkAnalyze(b *testing.B) {
	p := shared(b, "data/corpora/IndiaPoliceEvents_metadata_fulltext.jsonl")
	var stories []*parley.Story
	if _, err := ingest.Read(context.Background(), []string{p}, ingest.DefaultOptions(), func(s *parley.Story) error {
		stories = append(stories, s)
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	var a nlp.Analyzer
	sentences := 0
	b.ReportAllocs()
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	cpu0 := cpuTime()
	for b.Loop() {
		sentences = 0
		for _, s := range stories {
			sentences += len(a.Analyze(s).Sentences)
		}
	}
	cpu := cpuTime() - cpu0
	runtime.ReadMemStats(&ms1)
	report(b, sentences, cpu, ms1.Mallocs-ms0.Mallocs)
}
