package sqlite_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/store"
	"github.com/parley-events/parley/store/sqlite"
)

var benchCountries = []string{"JPN", "PRK", "USA", "CHN", "KOR", "RUS", "MNG", "IND", "PAK", "IRN",
	"ISR", "PSE", "SYR", "TUR", "GBR", "FRA", "DEU", "UKR", "VNM", "PHL"}

var benchVerbs = []struct {
	cameo, plover string
	quad          int
	gold          float64
}{{"036", "CONSULT", 1, 4}, {"042", "CONSULT", 1, 1.9}, {"057", "AGREE", 1, 8}, {"061", "COOPERATE", 2, 6.4},
	{"070", "AID", 2, 7}, {"112", "ACCUSE", 3, -2}, {"130", "THREATEN", 3, -4.4}, {"190", "ASSAULT", 4, -10}}

// benchBatch returns stories first..first+n-1, each with k events between
// random countries (JPN-PRK about one event in twenty) over 2000-2019.
func benchBatch(r *rand.Rand, first, n, k int) []store.Coded {
	out := make([]store.Coded, n)
	for i := range n {
		id := fmt.Sprintf("bench-%d", first+i)
		text := fmt.Sprintf("Story %d. Japan and North Korea held talks on the abduction issue in Ulaanbaatar.", first+i)
		pub := time.Date(2000+r.IntN(20), time.Month(1+r.IntN(12)), 1+r.IntN(28), 12, 0, 0, 0, time.UTC)
		st := &parley.Story{ID: id, Title: id, Source: "Bench Wire", Published: pub, Text: text}
		sents := []parley.Sentence{{Index: 0, Start: 0, End: 10, Text: text[:10]}, {Index: 1, Start: 11, End: len(text), Text: text[11:]}}
		evs := make([]parley.Event, k)
		for j := range evs {
			src, tgt := benchCountries[r.IntN(len(benchCountries))], benchCountries[r.IntN(len(benchCountries))]
			if r.IntN(20) == 0 {
				src, tgt = "JPN", "PRK"
			}
			v := benchVerbs[r.IntN(len(benchVerbs))]
			d := pub.AddDate(0, 0, -r.IntN(60))
			evs[j] = parley.Event{
				StoryID: id, Sentence: 1,
				Source: parley.Actor{Code: src + "GOV", Country: src, Text: "Japan", Start: 11, End: 16},
				Target: &parley.Actor{Code: tgt + "GOV", Country: tgt, Text: "North Korea", Start: 21, End: 32},
				CAMEO:  v.cameo, Root: v.cameo[:2], QuadClass: v.quad, Goldstein: v.gold, PLOVER: v.plover,
				Date: parley.DayDate(d), DateFrom: parley.DateFromExpression, Published: pub,
				Trigger: parley.Span{Text: "held talks", Start: 33, End: 43}, Rule: "bench", Confidence: 0.8,
			}
		}
		out[i] = store.Coded{Doc: &parley.Document{Story: st, Sentences: sents}, Events: evs}
	}
	return out
}

// BenchmarkPut measures the insert rate: batches of 500 stories with 10
// events each, one transaction per batch (as ingest does).
func BenchmarkPut(b *testing.B) {
	s, err := sqlite.Open(filepath.Join(b.TempDir(), "bench.db"), sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	v, _ := s.BeginVersion(ctx, "bench")
	s.CompleteVersion(ctx, v.N)
	r := rand.New(rand.NewPCG(1, 2))
	const stories, perStory = 500, 10
	n := 0
	var elapsed time.Duration
	for b.Loop() {
		batch := benchBatch(r, n, stories, perStory)
		start := time.Now()
		if _, err := s.Put(ctx, v.N, batch); err != nil {
			b.Fatal(err)
		}
		elapsed += time.Since(start)
		n += stories
	}
	b.ReportMetric(float64(n*perStory)/elapsed.Minutes(), "events/min")
}
