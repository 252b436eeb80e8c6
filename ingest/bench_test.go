package ingest

import (
	"context"
	"os"
	"testing"

	"github.com/parley-events/parley"
)

// BenchmarkReadIndiaPoliceEvents reads the IndiaPoliceEvents corpus (1,257
// stories, 2.8 MB of JSON lines) and reports stories/s and MB/s.
func BenchmarkReadIndiaPoliceEvents(b *testing.B) {
	p := shared + "/data/corpora/IndiaPoliceEvents_metadata_fulltext.jsonl"
	fi, err := os.Stat(p)
	if err != nil {
		b.Skip("../shared corpus not present")
	}
	for _, dedup := range []bool{false, true} {
		name := "plain"
		if dedup {
			name = "dedup"
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(fi.Size())
			n := 0
			for b.Loop() {
				_, err := Read(context.Background(), []string{p}, Options{Dedup: dedup}, func(*parley.Story) error { n++; return nil })
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "stories/s")
		})
	}
}

func BenchmarkReadText(b *testing.B) {
	data, err := os.ReadFile("testdata/oneline-header.txt")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := parseTextStory("x", data); err != nil {
			b.Fatal(err)
		}
	}
}
