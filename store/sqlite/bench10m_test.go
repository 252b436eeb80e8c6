package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/store"
)

var (
	benchCountries = []string{"JPN", "PRK", "USA", "CHN", "KOR", "RUS", "MNG", "IND", "PAK", "IRN",
		"ISR", "PSE", "SYR", "TUR", "GBR", "FRA", "DEU", "UKR", "VNM", "PHL"}
	benchVerbs = []struct {
		cameo, plover string
		quad          int
		gold          float64
	}{{"036", "CONSULT", 1, 4}, {"042", "CONSULT", 1, 1.9}, {"057", "AGREE", 1, 8}, {"061", "COOPERATE", 2, 6.4},
		{"070", "AID", 2, 7}, {"112", "ACCUSE", 3, -2}, {"130", "THREATEN", 3, -4.4}, {"190", "ASSAULT", 4, -10}}
)

// benchWords is the vocabulary of generated sentences: 400 words, drawn
// with a skew so that some are common and most are rare.
func benchWords() []string {
	base := []string{"talks", "minister", "envoy", "abduction", "missile", "summit", "sanctions", "border", "troops", "aid",
		"agreement", "protest", "election", "ceasefire", "visit", "Ulaanbaatar", "Pyongyang", "Tokyo", "Beijing", "Seoul"}
	var out []string
	for i := range 20 {
		for _, w := range base {
			if i == 0 {
				out = append(out, w)
			} else {
				out = append(out, fmt.Sprintf("%s%d", w, i))
			}
		}
	}
	return out
}

// fill generates events into s up to total, quickly: one SQL insert per
// event in large transactions, with the columns and indexes Put fills
// (varied sentences in the full-text index, one JSON template). The
// queries measured read the same columns and indexes as on a store that
// ingest filled.
func fill(b *testing.B, s *Store, total int) {
	ctx := context.Background()
	var have int
	s.rd.QueryRow("SELECT count(*) FROM events").Scan(&have)
	if have >= total {
		return
	}
	vs, _ := s.Versions(ctx)
	vn := 0
	if len(vs) == 0 {
		v, err := s.BeginVersion(ctx, "bench")
		if err != nil {
			b.Fatal(err)
		}
		s.CompleteVersion(ctx, v.N)
		vn = v.N
	} else {
		vn = vs[len(vs)-1].N
	}
	tmpl, _ := json.Marshal(parley.Event{ID: "template", StoryID: "bench", Source: parley.Actor{Code: "JPNGOV", Country: "JPN"},
		Target: &parley.Actor{Code: "PRKGOV", Country: "PRK"}, CAMEO: "036", Root: "03", QuadClass: 1, Goldstein: 4, PLOVER: "CONSULT",
		Date: parley.Date{Year: 2012, Month: 8, Precision: parley.PrecisionMonth}, Trigger: parley.Span{Text: "talks", Start: 10, End: 15}, Rule: "bench"})
	words := benchWords()
	r := rand.New(rand.NewPCG(uint64(have), 7))
	start := time.Now()
	const perTx = 50000
	epoch := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for n := have; n < total; {
		tx, err := s.wr.Begin()
		if err != nil {
			b.Fatal(err)
		}
		insStory, _ := tx.Prepare("INSERT INTO stories (id, hash, published, source, text, doc, added) VALUES (?, ?, ?, '', ?, '{}', '')")
		insEv, _ := tx.Prepare(`INSERT INTO events (version, story_seq, story_id, sentence, source_code, source_country,
			target_code, target_country, event_date, precision, published, cameo, root, quad, goldstein, plover,
			location, sentence_text, json) VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?, 4, ?, ?, ?, ?, ?, ?, '', ?, ?)`)
		insFTS, _ := tx.Prepare("INSERT INTO events_fts (rowid, sentence_text) VALUES (?, ?)")
		var ws []string
		for end := min(total, n+perTx); n < end; n += 10 {
			id := fmt.Sprintf("bench-%d", n/10)
			pub := epoch.AddDate(0, 0, r.IntN(20*365))
			res, err := insStory.Exec(id, id, fmtTime(pub), id)
			if err != nil {
				b.Fatal(err)
			}
			seq, _ := res.LastInsertId()
			for range 10 {
				src, tgt := benchCountries[r.IntN(len(benchCountries))], benchCountries[r.IntN(len(benchCountries))]
				if r.IntN(20) == 0 {
					src, tgt = "JPN", "PRK"
				}
				v := benchVerbs[r.IntN(len(benchVerbs))]
				ws = ws[:0]
				for range 10 {
					ws = append(ws, words[int(float64(len(words))*r.Float64()*r.Float64())])
				}
				text := strings.Join(ws, " ")
				res, err := insEv.Exec(vn, seq, id, src+"GOV", src, tgt+"GOV", tgt, fmtDay(pub.AddDate(0, 0, -r.IntN(60))),
					fmtTime(pub), v.cameo, v.cameo[:2], v.quad, v.gold, v.plover, text, string(tmpl))
				if err != nil {
					b.Fatal(err)
				}
				rowid, _ := res.LastInsertId()
				if _, err := insFTS.Exec(rowid, text); err != nil {
					b.Fatal(err)
				}
			}
			if _, err := tx.Exec("INSERT INTO coded (version, story_seq, events) VALUES (?, ?, 10)", vn, seq); err != nil {
				b.Fatal(err)
			}
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	el := time.Since(start)
	b.Logf("generated %d events in %s (%.0f events/min)", total-have, el.Round(time.Second), float64(total-have)/el.Minutes())
}

// BenchmarkQueries10M measures queries over a store of ten million events:
// a dyad-month series (target < 1 s), the same either way, the first page
// of a dyad's events, an actor's events in a year, full-text pages (rare
// words; a common word alone, in a year and with a dyad; a word in one
// sentence in twenty with a dyad) and the top dyads of a year; it reports
// p50, p95 and max latencies. The
// store is generated once into $PARLEY_BENCH_DB (default:
// parley-bench-10m.db in the temp folder; about 6 GB, many minutes on two
// cores) and reused; PARLEY_BENCH_EVENTS sets another size. Run it with
//
//	go test ./store/sqlite -run '^$' -bench Queries10M -benchtime 10x -timeout 2h
func BenchmarkQueries10M(b *testing.B) {
	path := os.Getenv("PARLEY_BENCH_DB")
	if path == "" {
		path = filepath.Join(os.TempDir(), "parley-bench-10m.db")
	}
	total := 10_000_000
	if v := os.Getenv("PARLEY_BENCH_EVENTS"); v != "" {
		fmt.Sscan(v, &total)
	}
	ctx := context.Background()
	w, err := Open(path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	fill(b, w, total)
	w.Close() // PRAGMA optimize: the planner gets statistics
	s, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	dyad := store.Query{Source: "JPN", Target: "PRK"}
	either := store.Query{Source: "JPN", Target: "PRK", Either: true}
	all, _ := s.Count(ctx, store.Query{})
	n, _ := s.Count(ctx, dyad)
	b.Logf("store: %d events; JPN-PRK: %d events", all, n)
	y2010 := store.Query{From: time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2011, 1, 1, 0, 0, 0, 0, time.UTC)}
	cases := []struct {
		name string
		fn   func() (int, error)
	}{
		{"series-dyad-month", func() (int, error) { bs, err := s.Series(ctx, dyad, store.Month); return len(bs), err }},
		{"series-either-month", func() (int, error) { bs, err := s.Series(ctx, either, store.Month); return len(bs), err }},
		{"events-dyad-either-page", func() (int, error) {
			q := either
			q.Limit, q.Desc = 100, true
			p, err := s.Events(ctx, q)
			return len(p.Events), err
		}},
		{"events-actor-2010-page", func() (int, error) {
			q := y2010
			q.Actor, q.Limit = "PRKGOV", 100
			p, err := s.Events(ctx, q)
			return len(p.Events), err
		}},
		{"events-text-rare-page", func() (int, error) {
			p, err := s.Events(ctx, store.Query{Text: "abduction19 summit18", Limit: 100})
			return len(p.Events), err
		}},
		{"events-text-common-page", func() (int, error) {
			p, err := s.Events(ctx, store.Query{Text: "abduction", Limit: 100})
			return len(p.Events), err
		}},
		{"events-text-common-2010-page", func() (int, error) {
			q := y2010
			q.Text, q.Limit = "talks", 100
			p, err := s.Events(ctx, q)
			return len(p.Events), err
		}},
		{"events-text-mid-dyad-page", func() (int, error) {
			p, err := s.Events(ctx, store.Query{Text: "envoy2", Source: "JPN", Target: "PRK", Limit: 100})
			return len(p.Events), err
		}},
		{"events-text-common-dyad-page", func() (int, error) {
			p, err := s.Events(ctx, store.Query{Text: "abduction", Source: "JPN", Target: "PRK", Limit: 100})
			return len(p.Events), err
		}},
		{"dyads-2010", func() (int, error) { ds, err := s.Dyads(ctx, y2010); return len(ds), err }},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			var lat []time.Duration
			rows := 0
			for b.Loop() {
				start := time.Now()
				k, err := c.fn()
				if err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
				rows = k
			}
			slices.Sort(lat)
			b.ReportMetric(float64(rows), "rows")
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(lat[(len(lat)*95)/100].Microseconds())/1000, "p95-ms")
			b.ReportMetric(float64(lat[len(lat)-1].Microseconds())/1000, "max-ms")
		})
	}
}
