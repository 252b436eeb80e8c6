package forecast

import (
	"context"
	"sync"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/series"
)

// Options configure a backtest.
type Options struct {
	Horizon int // periods ahead (default 1)
	// From is the first origin reported (an index into the panel's
	// periods). Models and their calibration also run on the origins
	// before it, so that the first reported forecast has past errors to
	// calibrate on; nothing after an origin is ever seen at that origin.
	From int
	// Season is the seasonal cycle in periods (default: from the panel's
	// granularity, 12 for months, 52 for weeks).
	Season int
	// CalibrationWindow is how many past origins of errors calibrate the
	// intervals and spike probabilities (default 0: all).
	CalibrationWindow int
	// Ahead also runs the origins whose target lies beyond the panel (up
	// to the last period), for forecasts of the periods to come; their
	// Result.Target is past the last period.
	Ahead bool
	// Progress, if set, is called after each origin with the number of
	// origins done and the total.
	Progress func(done, total int)
}

// Result is every model's forecasts at one origin.
type Result struct {
	Origin int // index of the origin period
	Target int // index of the forecast period (Origin + Horizon)
	// Bands[m][k] is model m's forecast of key k.
	Bands [][]Band
	// Hist[k] is key k's history at the origin, sorted (for thresholds).
	Hist [][]float64
}

// weekendDay is the weight of a Saturday or Sunday in a period's length
// (History.Days): on the GDELT monthly pairs, 0.3 lowers the pooled
// model's horizon-1 MAE ratio by 0.002 against calendar days.
const weekendDay = 0.3

// Backtest runs a rolling-origin backtest of models over p: at every origin
// from 0 to the last period minus the horizon, each model forecasts every
// key from the history up to that origin, and its forecasts are calibrated
// on its own past errors. emit is called in order of origin for origins
// from opt.From on; the Result is reused after emit returns. Models run
// concurrently with each other (each in its own goroutine).
func Backtest(ctx context.Context, p *series.Panel, models []Model, opt Options, emit func(*Result) error) error {
	if opt.Horizon <= 0 {
		opt.Horizon = 1
	}
	if opt.Season <= 0 {
		opt.Season = p.Granularity().Season()
	}
	opt.CalibrationWindow = max(opt.CalibrationWindow, 0)
	T, K := len(p.Periods), len(p.Keys)
	last := T - 1 - opt.Horizon
	if opt.Ahead {
		last = T - 1
	}
	if last < 0 || opt.From > last {
		return parley.Errorf(parley.Invalid, "forecast.Backtest", "%s: %d period(s) leave no origin from %s with horizon %d", p.Name, T, periodName(p, opt.From), opt.Horizon)
	}
	from := max(opt.From, 0)
	ents, nEnt := Entities(p)
	// The calendar is known in advance: forecasts beyond the last period
	// (opt.Ahead) see their target's length too.
	days := p.WeekdayDays(weekendDay, opt.Horizon)

	type step struct {
		hist   *History
		sorted [][]float64
		bands  [][]Band // per model
		wg     sync.WaitGroup
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// One goroutine per model walks the origins in order; the emitter
	// waits for all models at each origin. Histories are built ahead by
	// the producer, with sorted histories for spike thresholds.
	steps := make(chan *step, 2)
	perModel := make([]chan *step, len(models))
	for m := range models {
		perModel[m] = make(chan *step, 2)
	}
	go func() {
		defer close(steps)
		defer func() {
			for _, c := range perModel {
				close(c)
			}
		}()
		sorted := make([][]float64, K)
		for o := 0; o <= last; o++ {
			for k := range K {
				if p.First[k] >= 0 && p.First[k] <= o {
					sorted[k] = insertSorted(sorted[k], p.Values[k][o])
				}
			}
			s := &step{hist: NewHistory(p, o, opt.Horizon, ents, nEnt, days, opt.Season), bands: make([][]Band, len(models))}
			s.sorted = make([][]float64, K)
			copy(s.sorted, sorted)
			// Each key's slice is appended to (and may be reallocated) later;
			// cap the copies so later inserts never show through.
			for k, h := range s.sorted {
				s.sorted[k] = h[:len(h):len(h)]
				sorted[k] = h[:len(h):len(h)]
			}
			s.wg.Add(len(models))
			select {
			case steps <- s:
			case <-ctx.Done():
				return
			}
			// The emitter waits for every model on s: deliver it to all of
			// them (they skip the work once ctx is done).
			for _, c := range perModel {
				c <- s
			}
		}
	}()
	for m, model := range models {
		go func() {
			cal := newCalibrator(K, opt.Horizon, opt.CalibrationWindow)
			point := make([]float64, K)
			for s := range perModel[m] {
				if ctx.Err() == nil {
					model.Forecast(s.hist, opt.Horizon, point)
					bands := make([]Band, K)
					cal.calibrate(s.hist, s.sorted, point, bands)
					s.bands[m] = bands
				}
				s.wg.Done()
			}
		}()
	}
	total := last - from + 1
	res := &Result{}
	for s := range steps {
		s.wg.Wait()
		if err := ctx.Err(); err != nil {
			return err
		}
		o := s.hist.Origin
		if o < from {
			continue
		}
		res.Origin, res.Target, res.Bands, res.Hist = o, o+opt.Horizon, s.bands, s.sorted
		if err := emit(res); err != nil {
			return err
		}
		if opt.Progress != nil {
			opt.Progress(o-from+1, total)
		}
	}
	return ctx.Err()
}

func periodName(p *series.Panel, i int) string {
	if i >= 0 && i < len(p.Periods) {
		return p.Periods[i]
	}
	return "the first period"
}

// Ahead forecasts the n periods after the last one of p: for each horizon
// h from 1 to n, a fresh model from newModel runs through p's history (so
// that its forecasts are calibrated on its own past errors at that
// horizon) and forecasts from the last period. bands[h-1][k] is key k's
// forecast h periods ahead; hist[k] is key k's sorted history.
func Ahead(ctx context.Context, p *series.Panel, newModel func() Model, n int, opt Options) (bands [][]Band, hist [][]float64, err error) {
	T := len(p.Periods)
	for h := 1; h <= n; h++ {
		o := opt
		o.Horizon, o.Ahead, o.From, o.Progress = h, true, T-1, nil
		err := Backtest(ctx, p, []Model{newModel()}, o, func(r *Result) error {
			bands = append(bands, append([]Band(nil), r.Bands[0]...))
			hist = r.Hist
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	return bands, hist, nil
}
