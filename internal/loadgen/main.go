// Command loadgen measures the latency of parley's events API under load
// from a second process: N concurrent clients send a mix of event queries
// to a running "parley serve" on loopback for a bounded time or count, and
// loadgen prints p50, p95 and p99 latencies overall and per query.
//
//	parley serve --db big.db --addr 127.0.0.1:8091 --read-only &
//	go run ./internal/loadgen -url http://127.0.0.1:8091 -c 16 -d 30s
//
// Each client follows next_cursor to the second page for one request in
// four, as a user paging a table does. Non-2xx answers count as errors.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"slices"
	"strings"
	"sync"
	"text/tabwriter"
	"time"
)

// defaultQueries is the mix: dyads one way and either way, an actor prefix
// over a period, a QuadClass in one month, words in the sentence.
var defaultQueries = []string{
	"dyad=JPN-PRK&limit=100",
	"dyad=JPN-PRK&either=true&order=desc&limit=50",
	"actor=USA&from=2010&to=2011&limit=100",
	"dyad=CHN-USA&from=2015-01&to=2015-06&limit=100",
	"quad=4&from=2012-03&to=2012-03&limit=100",
	"source=RUS&cameo=19&limit=100",
	"q=abduction&dyad=JPN-PRK&limit=20",
}

type sample struct {
	query string
	d     time.Duration
	err   bool
}

func main() {
	base := flag.String("url", "http://127.0.0.1:8080", "base URL of parley serve")
	conc := flag.Int("c", 8, "concurrent clients")
	dur := flag.Duration("d", 20*time.Second, "how long to send requests")
	total := flag.Int("n", 0, "stop after this many requests (0: run for -d)")
	warm := flag.Int("warmup", 50, "requests sent first and not measured")
	var queries multi
	flag.Var(&queries, "q", "query string for /api/v1/events (repeatable; default: a built-in mix)")
	flag.Parse()
	if len(queries) == 0 {
		queries = defaultQueries
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: *conc * 2}}
	do := func(ctx context.Context, q string) (time.Duration, string, error) {
		start := time.Now()
		req, err := http.NewRequestWithContext(ctx, "GET", *base+"/api/v1/events?"+q, nil)
		if err != nil {
			return 0, "", err
		}
		res, err := client.Do(req)
		if err != nil {
			return 0, "", err
		}
		var page struct {
			Next string `json:"next_cursor"`
		}
		b, err := io.ReadAll(res.Body)
		res.Body.Close()
		d := time.Since(start)
		if err != nil {
			return d, "", err
		}
		if res.StatusCode/100 != 2 {
			return d, "", fmt.Errorf("%s: %s: %.200s", q, res.Status, b)
		}
		json.Unmarshal(b, &page)
		return d, page.Next, nil
	}

	for i := 0; i < *warm; i++ {
		if _, _, err := do(ctx, queries[i%len(queries)]); err != nil {
			fmt.Fprintln(os.Stderr, "loadgen: warm-up:", err)
			os.Exit(1)
		}
	}

	rctx, cancel := context.WithTimeout(ctx, *dur)
	defer cancel()
	var mu sync.Mutex
	var samples []sample
	var firstErr error
	var sent int
	var wg sync.WaitGroup
	begin := time.Now()
	for w := 0; w < *conc; w++ {
		wg.Add(1)
		go func(seed uint64) {
			defer wg.Done()
			r := rand.New(rand.NewPCG(seed, 7))
			for rctx.Err() == nil {
				mu.Lock()
				if *total > 0 && sent >= *total {
					mu.Unlock()
					return
				}
				sent++
				mu.Unlock()
				q := queries[r.IntN(len(queries))]
				d, next, err := do(rctx, q)
				if rctx.Err() != nil {
					return
				}
				s := []sample{{q, d, err != nil}}
				if err == nil && next != "" && r.IntN(4) == 0 {
					d2, _, err2 := do(rctx, q+"&cursor="+url.QueryEscape(next))
					if rctx.Err() != nil {
						return
					}
					s = append(s, sample{q + " (page 2)", d2, err2 != nil})
					if err2 != nil {
						err = err2
					}
				}
				mu.Lock()
				samples = append(samples, s...)
				if err != nil && firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
			}
		}(uint64(w))
	}
	wg.Wait()
	elapsed := time.Since(begin)

	var all []time.Duration
	byQuery := map[string][]time.Duration{}
	errs := 0
	for _, s := range samples {
		if s.err {
			errs++
			continue
		}
		all = append(all, s.d)
		byQuery[s.query] = append(byQuery[s.query], s.d)
	}
	fmt.Printf("events query latency through the API: %d requests, %d clients, %s, %.0f req/s, %d errors\n",
		len(samples), *conc, elapsed.Round(time.Millisecond), float64(len(samples))/elapsed.Seconds(), errs)
	if firstErr != nil {
		fmt.Printf("first error: %v\n", firstErr)
	}
	if len(all) == 0 {
		os.Exit(1)
	}
	p50, p95, p99, mx := pct(all)
	fmt.Printf("p50 %s  p95 %s  p99 %s  max %s\n\n", ms(p50), ms(p95), ms(p99), ms(mx))
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "n\tp50\tp95\tp99\t query")
	keys := make([]string, 0, len(byQuery))
	for k := range byQuery {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		a, b, c, _ := pct(byQuery[k])
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t %s\n", len(byQuery[k]), ms(a), ms(b), ms(c), k)
	}
	tw.Flush()
	if errs > 0 {
		os.Exit(1)
	}
}

// pct returns the 50th, 95th and 99th percentiles (nearest rank) and the
// maximum of ds.
func pct(ds []time.Duration) (p50, p95, p99, top time.Duration) {
	s := slices.Clone(ds)
	slices.Sort(s)
	at := func(p float64) time.Duration {
		i := int(p*float64(len(s))+0.999999) - 1
		return s[min(max(i, 0), len(s)-1)]
	}
	return at(0.50), at(0.95), at(0.99), s[len(s)-1]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000) }

type multi []string

func (m *multi) String() string     { return strings.Join(*m, " ") }
func (m *multi) Set(v string) error { *m = append(*m, v); return nil }
