package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/parley-events/parley/outlook"
	"github.com/parley-events/parley/store"
)

const forecastUsage = `--dyad JPN-PRK [--either] [--by month] [--periods 6] [--pool 30] [--db FILE] [--format table|jsonl]

Forecasts a stored dyad's series for the next periods: the counts of each
QuadClass (q1 verbal and q2 material cooperation, q3 verbal and q4 material
conflict), cooperation (q1+q2), conflict (q3+q4) and the Goldstein sum, each
with its 80% and 95% band, and the outlook: the probability that cooperation
reaches a new high within those periods. The pooled model learns from the
dyad and the --pool busiest dyads; its bands are calibrated on its own past
errors over the stored history.`

type forecastLine struct {
	Dyad     string  `json:"dyad"`
	Measure  string  `json:"measure"`
	Period   string  `json:"period"`
	Horizon  int     `json:"horizon"`
	Forecast float64 `json:"forecast"`
	Lo80     float64 `json:"lo80"`
	Hi80     float64 `json:"hi80"`
	Lo95     float64 `json:"lo95"`
	Hi95     float64 `json:"hi95"`
	PSpike   float64 `json:"p_spike"`
}

func (m *Main) runForecast(ctx context.Context, args []string) error {
	fs := m.newFlagSet("forecast", forecastUsage)
	db := m.dbFlag(fs)
	dyad := fs.String("dyad", "", "dyad SOURCE-TARGET of actor code prefixes, e.g. JPN-PRK")
	either := fs.Bool("either", false, "count the dyad in both directions")
	by := fs.String("by", "month", "period: day, week (from Monday), month or year")
	periods := fs.Int("periods", 6, "forecast this many `periods` ahead")
	pool := fs.Int("pool", 30, "pool the model over this many of the busiest dyads")
	var of outputFlags
	of.register(fs, "table or jsonl")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	src, tgt, ok := cutDyad(*dyad)
	if !ok || fs.NArg() > 0 {
		fs.Usage()
		return &exitError{code: exitUsage, msg: "forecast: give --dyad SOURCE-TARGET, e.g. --dyad JPN-PRK"}
	}
	interval := store.Interval(*by)
	if !interval.Valid() {
		return &exitError{code: exitUsage, msg: fmt.Sprintf("--by: unknown period %q (want day, week, month or year)", *by)}
	}
	if *periods < 1 || *periods > 120 {
		return &exitError{code: exitUsage, msg: "forecast: --periods must be 1 to 120"}
	}
	format, out, closeOut, err := of.resolve(m, "table", "jsonl")
	if err != nil {
		return err
	}
	s, err := m.openStoreRead(*db)
	if err != nil {
		closeOut()
		return err
	}
	defer s.Close()
	if *pool <= 0 {
		*pool = -1 // none
	}
	f, err := outlook.DyadForecast(ctx, s, src, tgt, outlook.Options{By: interval, Periods: *periods, Pool: *pool, Either: *either})
	if err != nil {
		closeOut()
		return fmt.Errorf("forecast in %s: %w", *db, err)
	}
	var lines []forecastLine
	for _, ser := range f.Series {
		for _, b := range ser.Bands {
			lines = append(lines, forecastLine{Dyad: f.Dyad, Measure: ser.Measure, Period: b.Period, Horizon: b.Horizon,
				Forecast: b.Forecast, Lo80: b.Lo80, Hi80: b.Hi80, Lo95: b.Lo95, Hi95: b.Hi95, PSpike: b.PSpike})
		}
	}
	if err := writeForecast(format, out, lines, f.Outlook); err != nil {
		closeOut()
		return fmt.Errorf("forecast: write: %w", err)
	}
	return closeOut()
}

func writeForecast(format string, w io.Writer, lines []forecastLine, ol outlook.Outlook) error {
	if format == "jsonl" {
		enc := json.NewEncoder(w)
		for _, l := range lines {
			if err := enc.Encode(l); err != nil {
				return err
			}
		}
		return enc.Encode(ol)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "measure\tperiod\tforecast\t80% band\t95% band\tp_spike\t")
	for _, l := range lines {
		fmt.Fprintf(tw, "%s\t%s\t%.1f\t%.1f to %.1f\t%.1f to %.1f\t%.2f\t\n", l.Measure, l.Period, l.Forecast, l.Lo80, l.Hi80, l.Lo95, l.Hi95, l.PSpike)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\noutlook for %s: %s\n", ol.Dyad, strings.TrimSpace(ol.Outlook))
	return err
}
