package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/aggregate"
	"github.com/parley-events/parley/store"
	"github.com/parley-events/parley/store/sqlite"
)

// Store a story with its events, then read a dyad's monthly series.
func Example() {
	dir, _ := os.MkdirTemp("", "parley")
	defer os.RemoveAll(dir)
	ctx := context.Background()
	s, err := sqlite.Open(filepath.Join(dir, "parley.db"), sqlite.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()

	// Ingest codes into the newest complete version; the first is made here.
	v, _ := s.BeginVersion(ctx, "example-coder 1")
	s.CompleteVersion(ctx, v.N)

	text := "Japanese and North Korean envoys met in Ulaanbaatar in November."
	story := &parley.Story{ID: "ub-talks", Text: text, Published: time.Date(2013, 11, 20, 0, 0, 0, 0, time.UTC)}
	doc := &parley.Document{Story: story, Sentences: []parley.Sentence{{Index: 0, End: len(text), Text: text}}}
	ev := parley.Event{
		StoryID: story.ID,
		Source:  parley.Actor{Code: "JPNGOV", Country: "JPN"},
		Target:  &parley.Actor{Code: "PRKGOV", Country: "PRK"},
		CAMEO:   "036", Root: "03", QuadClass: 1, Goldstein: 4, PLOVER: "CONSULT",
		Date: parley.Date{Year: 2013, Month: 11, Precision: parley.PrecisionMonth},
	}
	res, _ := s.Put(ctx, v.N, []store.Coded{{Doc: doc, Events: []parley.Event{ev}}})
	fmt.Println("stored:", res[0].Stored, "events:", res[0].Events)

	// Putting the same story again stores nothing.
	res, _ = s.Put(ctx, v.N, []store.Coded{{Doc: doc, Events: []parley.Event{ev}}})
	fmt.Println("stored again:", res[0].Stored)

	page, _ := s.Events(ctx, store.Query{Source: "JPN", Target: "PRK", Text: "envoys Ulaanbaatar"})
	fmt.Println(len(page.Events), page.Events[0].SentenceText)

	q := store.Query{Source: "JPN", Target: "PRK", Either: true,
		From: time.Date(2013, 10, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2014, 1, 1, 0, 0, 0, 0, time.UTC)}
	pts, _ := aggregate.Series(ctx, s, q, store.Month, aggregate.SeriesOptions{Fill: true})
	for _, p := range pts {
		fmt.Println(p.Period, p.Count, p.Index)
	}
	// Output:
	// stored: true events: 1
	// stored again: false
	// 1 Japanese and North Korean envoys met in Ulaanbaatar in November.
	// 2013-10 0 0
	// 2013-11 1 1
	// 2013-12 0 0
}
