package coding

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/actors"
	"github.com/parley-events/parley/ingest"
	"github.com/parley-events/parley/nlp"
	"github.com/parley-events/parley/verbs"
)

const shared = "../../shared/data"

// builtinForTest returns parley's built-in dictionary files, as cmd/parley
// wires them.
func builtinForTest() ([]BuiltinFile, error) {
	var out []BuiltinFile
	for _, fsys := range []fs.FS{verbs.Files(), actors.Files()} {
		names, err := fs.Glob(fsys, "*.txt")
		if err != nil {
			return nil, err
		}
		for _, n := range names {
			b, err := fs.ReadFile(fsys, n)
			if err != nil {
				return nil, err
			}
			out = append(out, BuiltinFile{Name: n, Content: b})
		}
	}
	return out, nil
}

func loadCorpus(tb testing.TB, name string, opts ingest.Options) []*parley.Document {
	tb.Helper()
	path := filepath.Join(shared, "corpora", name)
	if _, err := os.Stat(path); err != nil {
		tb.Skipf("%s not available", path)
	}
	var docs []*parley.Document
	_, err := ingest.Read(context.Background(), []string{path}, opts, func(s *parley.Story) error {
		docs = append(docs, nlp.Analyze(s))
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return docs
}

// BenchmarkCode codes the IndiaPoliceEvents and NGEC Guardian corpora with
// the built-in dictionaries, from analysed documents to events, on one
// core, and reports sentences/s and allocations per sentence.
func BenchmarkCode(b *testing.B) {
	for _, corpus := range []struct {
		name string
		opts ingest.Options
	}{
		{"IndiaPoliceEvents_metadata_fulltext.jsonl", ingest.Options{IDField: "doc_id", TextField: "full_text"}},
		{"NGEC_Guardian_SDF_sample.csv", ingest.Options{}},
	} {
		b.Run(corpus.name, func(b *testing.B) {
			docs := loadCorpus(b, corpus.name, corpus.opts)
			c, err := New(Options{Builtin: builtinForTest})
			if c == nil {
				b.Fatal(err)
			}
			sents := 0
			for _, d := range docs {
				sents += len(d.Sentences)
			}
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
			var ms0, ms1 runtime.MemStats
			runtime.ReadMemStats(&ms0)
			start := time.Now()
			n := 0
			events := 0
			for b.Loop() {
				for _, d := range docs {
					events += len(c.Code(d))
				}
				n++
			}
			el := time.Since(start)
			runtime.ReadMemStats(&ms1)
			b.ReportMetric(float64(sents*n)/el.Seconds(), "sentences/s")
			b.ReportMetric(float64(ms1.Mallocs-ms0.Mallocs)/float64(sents*n), "allocs/sentence")
			b.ReportMetric(float64(events)/float64(sents*n), "events/sentence")
		})
	}
}

// BenchmarkLoadPhoenix loads the Phoenix actor, agent and verb dictionaries
// a PETRARCH user brings (about 60,000 actors).
func BenchmarkLoadPhoenix(b *testing.B) {
	dicts, _ := filepath.Glob(filepath.Join(shared, "dictionaries", "Phoenix.*.actors.txt"))
	if len(dicts) == 0 {
		b.Skip("Phoenix dictionaries not available")
	}
	dicts = append(dicts, filepath.Join(shared, "dictionaries", "Phoenix.agents.txt"), filepath.Join(shared, "dictionaries", "CAMEO.2.0.txt"))
	for b.Loop() {
		c, _ := New(Options{NoBuiltin: true, Dicts: dicts})
		if c == nil {
			b.Fatal("no coder")
		}
	}
}
