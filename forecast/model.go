package forecast

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/parley-events/parley/series"
)

// History is everything a model may see at a forecast origin: every key's
// values up to and including the origin, and facts known in advance (the
// calendar). Y[k] has length Origin+1 and no spare capacity, so a model
// cannot read past the origin.
type History struct {
	Origin int
	Y      [][]float64
	// First[k] is the first period of key k's history (its first row in
	// the file), or -1 if it has none up to the origin. Periods before it
	// are 0 in Y.
	First []int
	// Entities[k] holds the ids of key k's key values (for a country pair,
	// its two countries), so that models can see each entity's activity
	// with everyone else. Ids run from 0 to NumEntities-1.
	Entities    [][]int
	NumEntities int
	// Days[t] is the length of period t in days, a weekend day counting
	// less than a weekday, for every period up to Origin plus the horizon
	// (nil when unknown). Sums over longer months, and months with fewer
	// weekends, are larger; the calendar is known in advance.
	Days []float64
	// Season is the number of periods in a seasonal cycle (12 for months).
	Season int
}

// Model forecasts every key's value h periods after the history's origin.
//
// Forecast writes key k's point forecast to out[k] (len(out) == len(h.Y)).
// Backtests call it with origins in increasing order, and a model may keep
// state between calls (a pooled model keeps its training rows), but it must
// give the same answer for an origin however it got there: it may only use
// the history it is given. Forecast is not safe for concurrent use.
type Model interface {
	Name() string
	Forecast(h *History, horizon int, out []float64)
}

// Spec names the models that New builds.
const Spec = "gbm[:trees=N,depth=N,rate=X,leaf=N,bags=N,sample=N,refit=N,wpow=X,huber=X,l1=1,mode=resid|alone|avg,...], pooled, naive, snaive, mean, ses, holt"

// New returns the model with the given name; see Spec.
func New(name string) (Model, error) {
	if base, params, ok := strings.Cut(name, ":"); ok || strings.EqualFold(base, "gbm") {
		if !strings.EqualFold(base, "gbm") {
			return nil, fmt.Errorf("unknown model %q: want one of %s", name, Spec)
		}
		opt, err := parseGBM(params)
		if err != nil {
			return nil, fmt.Errorf("model %q: %v", name, err)
		}
		return NewGBM(opt), nil
	}
	switch strings.ToLower(name) {
	case "pooled", "":
		return NewPooled(PooledOptions{}), nil
	case "naive":
		return Naive{}, nil
	case "snaive", "seasonal-naive":
		return SeasonalNaive{}, nil
	case "mean":
		return Mean{Window: 12}, nil
	case "ses":
		return SES{}, nil
	case "holt":
		return Holt{}, nil
	}
	return nil, fmt.Errorf("unknown model %q: want one of %s", name, Spec)
}

// NewHistory builds the history of panel p at origin o, for forecasts up to
// maxHorizon periods ahead. ents and nEnt come from Entities.
func NewHistory(p *series.Panel, o, maxHorizon int, ents [][]int, nEnt int, days []float64, season int) *History {
	h := &History{Origin: o, Y: make([][]float64, len(p.Values)), First: make([]int, len(p.Values)),
		Entities: ents, NumEntities: nEnt, Season: season}
	for k, row := range p.Values {
		h.Y[k] = row[: o+1 : o+1]
		h.First[k] = p.First[k]
		if h.First[k] > o {
			h.First[k] = -1
		}
	}
	if days != nil {
		n := min(len(days), o+1+maxHorizon)
		h.Days = days[:n:n]
	}
	return h
}

// Entities numbers the distinct values of p's key columns: for keys (a, b)
// every country gets one id, whichever column it appears in.
func Entities(p *series.Panel) ([][]int, int) {
	ids := map[string]int{}
	out := make([][]int, len(p.Keys))
	for k, key := range p.Keys {
		out[k] = make([]int, len(key))
		for j, v := range key {
			id, ok := ids[v]
			if !ok {
				id = len(ids)
				ids[v] = id
			}
			out[k][j] = id
		}
	}
	return out, len(ids)
}

// quantileSorted is the scorer's percentile of sorted values:
// s[int(q*(len(s)-1))].
func quantileSorted(s []float64, q float64) float64 {
	if len(s) == 0 {
		return math.NaN()
	}
	return s[int(q*float64(len(s)-1))]
}

// insertSorted inserts v into the sorted slice s.
func insertSorted(s []float64, v float64) []float64 {
	i, _ := slices.BinarySearch(s, v)
	s = append(s, 0)
	copy(s[i+1:], s[i:])
	s[i] = v
	return s
}

// parseGBM reads "trees=200,depth=5,..." into GBMOptions.
func parseGBM(params string) (GBMOptions, error) {
	var o GBMOptions
	if params == "" {
		return o, nil
	}
	for _, kv := range strings.Split(params, ",") {
		k, v, _ := strings.Cut(kv, "=")
		var err error
		var n int
		var f float64
		switch k {
		case "trees", "depth", "leaf", "sample", "refit", "bins", "seed", "bags":
			n, err = strconv.Atoi(v)
		case "rate", "subsample", "colsample", "l2", "huber", "wpow":
			f, err = strconv.ParseFloat(v, 64)
		case "l1":
			o.L1 = v == "1" || v == "true"
		case "mode":
			if v != "resid" && v != "alone" && v != "avg" {
				err = fmt.Errorf("want resid, alone or avg")
			}
		default:
			return o, fmt.Errorf("unknown parameter %q", k)
		}
		if err != nil {
			return o, fmt.Errorf("parameter %s=%q: %v", k, v, err)
		}
		switch k {
		case "trees":
			o.Trees = n
		case "depth":
			o.Depth = n
		case "leaf":
			o.MinLeaf = n
		case "sample":
			o.Sample = n
		case "refit":
			o.Refit = n
		case "bins":
			o.Bins = n
		case "seed":
			o.Seed = uint64(n)
		case "bags":
			o.Bags = n
		case "rate":
			o.Rate = f
		case "subsample":
			o.Subsample = f
		case "colsample":
			o.ColSample = f
		case "l2":
			o.L2 = f
		case "huber":
			o.Huber = f
		case "wpow":
			o.WeightPower = f
		case "mode":
			o.Mode = v
		}
	}
	return o, nil
}
