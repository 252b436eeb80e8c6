package sqlite_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"syscall"
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
// random countries (JPN-PRK about one event in twenty) over 2000-2019:
// published on random days (chrono false: the worst case for the date
// indexes) or a story every ten minutes from 2000 on, in order, as a feed
// or an archive read in order is (chrono true).
func benchBatch(r *rand.Rand, first, n, k int, chrono bool) []store.Coded {
	out := make([]store.Coded, n)
	for i := range n {
		id := fmt.Sprintf("bench-%d", first+i)
		text := fmt.Sprintf("Story %d. Japan and North Korea held talks on the abduction issue in Ulaanbaatar.", first+i)
		pub := time.Date(2000+r.IntN(20), time.Month(1+r.IntN(12)), 1+r.IntN(28), 12, 0, 0, 0, time.UTC)
		if chrono {
			pub = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(first+i) * 10 * time.Minute)
		}
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
// events each, one transaction per batch (as ingest does), into an empty
// store and into one that already holds a million events (an insert costs
// more as the indexes grow), with stories in random date order (the
// worst case) and in publication order. It reports events/min of wall time and
// events/cpu-min (CPU time of the whole process, which a loaded machine
// disturbs less).
func BenchmarkPut(b *testing.B) {
	for _, c := range []struct {
		name   string
		stored int
		chrono bool
	}{{"empty-random", 0, false}, {"stored-1M-random", 1_000_000, false}, {"empty-chrono", 0, true}, {"stored-1M-chrono", 1_000_000, true}} {
		b.Run(c.name, func(b *testing.B) { benchPut(b, c.stored, c.chrono) })
	}
}

func benchPut(b *testing.B, stored int, chrono bool) {
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
	for n*perStory < stored {
		if _, err := s.Put(ctx, v.N, benchBatch(r, n, stories, perStory, chrono)); err != nil {
			b.Fatal(err)
		}
		n += stories
	}
	first := n
	var elapsed, cpu time.Duration
	for b.Loop() {
		batch := benchBatch(r, n, stories, perStory, chrono)
		start, cpu0 := time.Now(), cpuTime()
		if _, err := s.Put(ctx, v.N, batch); err != nil {
			b.Fatal(err)
		}
		elapsed += time.Since(start)
		cpu += cpuTime() - cpu0
		n += stories
	}
	events := float64((n - first) * perStory)
	b.ReportMetric(events/elapsed.Minutes(), "events/min")
	b.ReportMetric(events/cpu.Minutes(), "events/cpu-min")
}

// cpuTime is the user and system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
