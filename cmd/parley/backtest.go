package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/forecast"
	"github.com/parley-events/parley/series"
)

const backtestUsage = `--series FILE.csv [--key a,b] [--value score] [--horizon 1] [--from 2020-01] [--model gbm] [--format jsonl|table|none]

Rolling-origin backtest of a series file (../shared/eval/CONTRACT.md, "Forecasts").
For every key and every origin from --from to the last period minus the horizon,
forecasts the value --horizon periods later from the rows up to the origin only,
and prints one JSON line: key, origin, period, forecast, lo80, hi80, lo95, hi95,
p_spike. A period missing for a key means 0. A summary against the baselines
(MAE ratio to naive, interval coverage and width, spike Brier skill) goes to stderr.`

func (m *Main) runBacktest(ctx context.Context, args []string) error {
	fs := m.newFlagSet("backtest", backtestUsage)
	var (
		file      = fs.String("series", "", "series `FILE` (CSV: period, key columns, value columns)")
		keyCols   = fs.String("key", "", "comma-separated key `columns` (default: all but the period and value)")
		valueCol  = fs.String("value", "", "value `column` (default: the last column)")
		horizon   = fs.Int("horizon", 1, "forecast this many `periods` ahead")
		fromFlag  = fs.String("from", "", "first origin `period` (default: one season after the first period)")
		modelName = fs.String("model", "gbm", "model: "+forecast.Spec)
		baseNames = fs.String("baselines", "naive,snaive,ses,holt", "baselines to summarise beside the model (comma-separated, or none)")
		format    = fs.String("format", "jsonl", "output: jsonl, table or none (summary only)")
		by        = fs.String("by", "", "aggregate the file's periods first: week (Monday starts) or month")
		season    = fs.Int("season", 0, "seasonal cycle in `periods` (default: 12 for months, 52 for weeks, 7 for days)")
		top       = fs.Int("top", 0, "summarise only the `N` keys with the largest total absolute value (0: all)")
		window    = fs.Int("calibration-window", 0, "origins of past errors that calibrate intervals and spike probabilities (0: all)")
		writeTo   = fs.String("write-series", "", "also write the (aggregated) series to `FILE`")
		quiet     = fs.Bool("quiet", false, "no progress or summary on stderr")
	)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *file == "" && fs.NArg() == 1 {
		*file = fs.Arg(0)
	} else if fs.NArg() > 0 {
		fs.Usage()
		return &exitError{code: exitUsage, msg: "backtest: unexpected arguments " + strings.Join(fs.Args(), " ")}
	}
	if *file == "" {
		fs.Usage()
		return &exitError{code: exitUsage, msg: "backtest: --series FILE is required"}
	}
	if *horizon < 1 {
		return &exitError{code: exitUsage, msg: "backtest: --horizon must be at least 1"}
	}
	switch *format {
	case "jsonl", "table", "none":
	default:
		return &exitError{code: exitUsage, msg: fmt.Sprintf("backtest: unknown --format %q: want jsonl, table or none", *format)}
	}
	model, err := forecast.New(*modelName)
	if err != nil {
		return &exitError{code: exitUsage, msg: "backtest: " + err.Error()}
	}
	models := []forecast.Model{model}
	if *baseNames != "none" && *baseNames != "" {
		for _, n := range strings.Split(*baseNames, ",") {
			n = strings.TrimSpace(n)
			if n == "" || n == model.Name() {
				continue
			}
			b, err := forecast.New(n)
			if err != nil {
				return &exitError{code: exitUsage, msg: "backtest: --baselines: " + err.Error()}
			}
			models = append(models, b)
		}
	}
	var keys []string
	if *keyCols != "" {
		keys = strings.Split(*keyCols, ",")
	}

	start := time.Now()
	p, err := series.ReadFile(*file, series.ReadOptions{Key: keys, Value: *valueCol})
	if err != nil {
		return err
	}
	if *by != "" {
		g, err := series.ParseGranularity(*by)
		if err != nil {
			return &exitError{code: exitUsage, msg: "backtest: --by: " + err.Error()}
		}
		if p, err = p.Aggregate(g); err != nil {
			return err
		}
	}
	if *writeTo != "" {
		if err := writeSeriesFile(*writeTo, p); err != nil {
			return err
		}
	}
	opt := forecast.Options{Horizon: *horizon, Season: *season, CalibrationWindow: *window}
	if opt.Season <= 0 {
		opt.Season = p.Granularity().Season()
	}
	opt.From = opt.Season
	if *fromFlag != "" {
		if _, err := series.ParsePeriod(*fromFlag); err != nil {
			return &exitError{code: exitUsage, msg: "backtest: --from: " + err.Error()}
		}
		opt.From, _ = slices.BinarySearch(p.Periods, *fromFlag)
	}
	if last := len(p.Periods) - 1 - *horizon; opt.From > last {
		return parley.Errorf(parley.Invalid, "backtest", "%s: no origin from %s with horizon %d (periods %s to %s)",
			*file, *fromFlag, *horizon, p.Periods[0], p.Periods[len(p.Periods)-1])
	}

	keep := topKeys(p, *top)
	scores := make([]forecast.Score, len(models))
	stderrTerm := false
	if f, ok := m.Stderr.(*os.File); ok {
		stderrTerm = isTerminal(f)
	}
	total := len(p.Periods) - *horizon - opt.From
	if !*quiet {
		fmt.Fprintf(m.Stderr, "backtest: %s: %d keys, %d periods (%s to %s), %d origins from %s, horizon %d, models %s\n",
			*file, len(p.Keys), len(p.Periods), p.Periods[0], p.Periods[len(p.Periods)-1], total, p.Periods[opt.From], *horizon, modelNames(models))
		if stderrTerm {
			bar := progressbar.NewOptions(total, progressbar.OptionSetWriter(m.Stderr), progressbar.OptionSetDescription("origins"),
				progressbar.OptionShowCount(), progressbar.OptionSetPredictTime(true), progressbar.OptionClearOnFinish())
			opt.Progress = func(done, _ int) { bar.Set(done) }
		} else {
			step := max(total/10, 1)
			opt.Progress = func(done, total int) {
				if done%step == 0 || done == total {
					fmt.Fprintf(m.Stderr, "backtest: %d/%d origins, %.1fs\n", done, total, time.Since(start).Seconds())
				}
			}
		}
	}

	out := bufio.NewWriterSize(m.Stdout, 1<<20)
	keyJSON := make([][]byte, len(p.Keys))
	for k, key := range p.Keys {
		keyJSON[k], _ = json.Marshal(key)
	}
	var tw *tabwriter.Writer
	if *format == "table" {
		tw = tabwriter.NewWriter(out, 0, 4, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "key\torigin\tperiod\tforecast\tlo80\thi80\tlo95\thi95\tp_spike\tactual\t")
	}
	var line []byte
	err = forecast.Backtest(ctx, p, models, opt, func(r *forecast.Result) error {
		for k := range p.Keys {
			y := p.Values[k][r.Target]
			if keep == nil || keep[k] {
				for mi := range models {
					scores[mi].Add(r.Bands[mi][k], y, p.Values[k][r.Origin], r.Hist[k])
				}
			}
			b := r.Bands[0][k]
			switch *format {
			case "jsonl":
				line = appendBacktestLine(line[:0], keyJSON[k], p.Periods[r.Origin], p.Periods[r.Target], b)
				if _, err := out.Write(line); err != nil {
					return err
				}
			case "table":
				fmt.Fprintf(tw, "%s\t%s\t%s\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.3f\t%.1f\t\n", strings.Join(p.Keys[k], "-"),
					p.Periods[r.Origin], p.Periods[r.Target], b.Point, b.Lo80, b.Hi80, b.Lo95, b.Hi95, b.PSpike, y)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if tw != nil {
		tw.Flush()
	}
	if err := out.Flush(); err != nil {
		return err
	}
	if !*quiet {
		writeBacktestSummary(m.Stderr, models, scores, *top, time.Since(start))
	}
	return nil
}

func modelNames(models []forecast.Model) string {
	names := make([]string, len(models))
	for i, m := range models {
		names[i] = m.Name()
	}
	return strings.Join(names, ",")
}

// topKeys marks the n keys with the largest total absolute value (nil: all).
func topKeys(p *series.Panel, n int) []bool {
	if n <= 0 || n >= len(p.Keys) {
		return nil
	}
	tot := make([]float64, len(p.Keys))
	idx := make([]int, len(p.Keys))
	for k, row := range p.Values {
		idx[k] = k
		for _, v := range row {
			tot[k] += math.Abs(v)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case tot[a] > tot[b]:
			return -1
		case tot[a] < tot[b]:
			return 1
		}
		return 0
	})
	keep := make([]bool, len(p.Keys))
	for _, k := range idx[:n] {
		keep[k] = true
	}
	return keep
}

func appendBacktestLine(b, key []byte, origin, period string, f forecast.Band) []byte {
	b = append(b, `{"key":`...)
	b = append(b, key...)
	b = append(b, `,"origin":"`...)
	b = append(b, origin...)
	b = append(b, `","period":"`...)
	b = append(b, period...)
	b = append(b, '"')
	for _, kv := range [...]struct {
		k string
		v float64
	}{{"forecast", f.Point}, {"lo80", f.Lo80}, {"hi80", f.Hi80}, {"lo95", f.Lo95}, {"hi95", f.Hi95}, {"p_spike", f.PSpike}} {
		b = append(b, `,"`...)
		b = append(b, kv.k...)
		b = append(b, `":`...)
		b = appendNumber(b, kv.v)
	}
	return append(b, "}\n"...)
}

// appendNumber writes v rounded to 4 decimals (JSON has no NaN: null).
func appendNumber(b []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(b, "null"...)
	}
	return strconv.AppendFloat(b, math.Round(v*1e4)/1e4, 'f', -1, 64)
}

func writeBacktestSummary(w io.Writer, models []forecast.Model, scores []forecast.Score, top int, took time.Duration) {
	scope := "all keys"
	if top > 0 {
		scope = fmt.Sprintf("top %d keys by total absolute value", top)
	}
	fmt.Fprintf(w, "backtest summary (%s, %d forecasts each, %.1fs):\n", scope, scores[0].N, took.Seconds())
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "model\tmae_ratio\tcoverage80\twidth80\tcoverage95\twidth95\tbrier_skill\tspikes\t")
	for i, m := range models {
		s := scores[i]
		if s.N == 0 {
			continue
		}
		fmt.Fprintf(tw, "%s\t%.4f\t%.4f\t%.3f\t%.4f\t%.3f\t%.4f\t%d/%d\t\n", m.Name(), s.MAERatio(), s.Coverage80(), s.RelWidth80(),
			s.Coverage95(), s.RelWidth95(), s.BrierSkill(), s.Spikes, s.NSpike)
	}
	tw.Flush()
}

func writeSeriesFile(path string, p *series.Panel) error {
	f, err := os.Create(path)
	if err != nil {
		return &parley.Error{Op: "backtest --write-series", Kind: parley.Invalid, Err: err}
	}
	if err := series.Write(f, p); err != nil {
		f.Close()
		return &parley.Error{Op: "backtest --write-series " + path, Kind: parley.Internal, Err: err}
	}
	return f.Close()
}
