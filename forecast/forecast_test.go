package forecast

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/parley-events/parley/series"
)

// hist builds a one-key history from values.
func hist(y ...float64) *History {
	return &History{Origin: len(y) - 1, Y: [][]float64{y}, First: []int{0}, Entities: [][]int{{0}}, NumEntities: 1, Season: 4}
}

func TestBaselinesTextbook(t *testing.T) {
	for _, tc := range []struct {
		model   Model
		y       []float64
		horizon int
		want    float64
	}{
		{Naive{}, []float64{1, 5, 3}, 1, 3},
		{Naive{}, []float64{1, 5, 3}, 4, 3},
		// Season 4: the target one season back.
		{SeasonalNaive{}, []float64{10, 20, 30, 40, 11}, 1, 20},
		{SeasonalNaive{}, []float64{10, 20, 30, 40, 11}, 3, 40},
		{SeasonalNaive{}, []float64{10, 20, 30, 40, 11}, 5, 20}, // two seasons back
		{SeasonalNaive{}, []float64{10, 20}, 1, 20},             // too short: naive
		{Mean{Window: 2}, []float64{1, 5, 3}, 1, 4},
		{Mean{}, []float64{1, 5, 3}, 1, 3},
		// SES with a = 0.5 from l = 1: 1.5, then 2.25.
		{SES{Alpha: 0.5}, []float64{1, 2, 3}, 1, 2.25},
		{SES{Alpha: 1}, []float64{1, 2, 7}, 2, 7},
		// Holt with a = b = 0.5 from l = 1, b = 1:
		// y=2: f=2, e=0, l=2, b=1; y=4: f=3, e=1, l=3.5, b=0.5*1.5+0.5*1=1.25.
		{Holt{Alpha: 0.5, Beta: 0.5}, []float64{1, 2, 4}, 1, 4.75},
		{Holt{Alpha: 0.5, Beta: 0.5}, []float64{1, 2, 4}, 2, 6},
		// A straight line is forecast exactly by Holt with any weights.
		{Holt{}, []float64{3, 5, 7, 9, 11}, 3, 17},
	} {
		t.Run(fmt.Sprintf("%s/%v/h%d", tc.model.Name(), tc.y, tc.horizon), func(t *testing.T) {
			out := make([]float64, 1)
			tc.model.Forecast(hist(tc.y...), tc.horizon, out)
			if math.Abs(out[0]-tc.want) > 1e-9 {
				t.Errorf("got %v, want %v", out[0], tc.want)
			}
		})
	}
}

func TestSESChoosesWeight(t *testing.T) {
	// A level shift that stays: the best weight is 1 (the last value).
	out := make([]float64, 1)
	SES{}.Forecast(hist(0, 0, 0, 10, 10, 10, 10), 1, out)
	if math.Abs(out[0]-10) > 1e-9 {
		t.Errorf("got %v, want 10", out[0])
	}
	// Noise around a flat mean: a small weight, close to the mean.
	SES{}.Forecast(hist(10, -10, 10, -10, 10, -10, 10, -10, 10), 1, out)
	if math.Abs(out[0]) > 6 {
		t.Errorf("got %v, want close to 0", out[0])
	}
}

// synthetic returns a monthly panel of country pairs: levels of different
// sizes, seasonal swings, noise proportional to noise[k], and occasional
// spikes that revert.
func synthetic(keys, periods int, seed uint64, noise func(k int) float64) *series.Panel {
	r := rand.New(rand.NewPCG(seed, 1))
	countries := []string{"AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "GGG"}
	p := &series.Panel{Name: "synthetic", KeyNames: []string{"a", "b"}, ValueName: "score"}
	for t := range periods {
		p.Periods = append(p.Periods, fmt.Sprintf("%04d-%02d", 2000+t/12, t%12+1))
	}
	for k := range keys {
		a, b := countries[k%len(countries)], countries[(k/len(countries)+k+1)%len(countries)]
		p.Keys = append(p.Keys, []string{a, b, fmt.Sprint(k)})
		level := 10 * math.Pow(3, float64(k%4))
		row := make([]float64, periods)
		for t := range row {
			level += r.NormFloat64() * level * 0.02
			v := level*(1+0.2*math.Sin(float64(t)*math.Pi/6)) + r.NormFloat64()*noise(k)*math.Sqrt(level)
			if r.IntN(20) == 0 {
				v += 5 * noise(k) * math.Sqrt(level)
			}
			row[t] = v
		}
		p.Values = append(p.Values, row)
		p.First = append(p.First, 0)
	}
	return p
}

func allModels() []Model {
	return []Model{NewPooled(PooledOptions{Workers: 2}), NewGBM(GBMOptions{Trees: 20, Sample: 3000, Ridge: PooledOptions{Workers: 2}}), Naive{}, SeasonalNaive{}, Mean{Window: 12}, SES{}, Holt{}}
}

// run backtests p and returns every model's bands by origin.
func run(t *testing.T, p *series.Panel, opt Options) map[int][][]Band {
	t.Helper()
	got := map[int][][]Band{}
	err := Backtest(context.Background(), p, allModels(), opt, func(r *Result) error {
		bands := make([][]Band, len(r.Bands))
		for m := range r.Bands {
			bands[m] = append([]Band(nil), r.Bands[m]...)
		}
		if r.Target != r.Origin+opt.Horizon {
			t.Errorf("origin %d target %d, horizon %d", r.Origin, r.Target, opt.Horizon)
		}
		got[r.Origin] = bands
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestBacktestNeverReadsAfterOrigin plants a huge value in one key at one
// period and checks that no forecast made at an earlier origin changes,
// for every model, its intervals and its spike probability, while
// forecasts from that period on do change.
func TestBacktestNeverReadsAfterOrigin(t *testing.T) {
	for _, horizon := range []int{1, 3} {
		p := synthetic(40, 60, 7, func(int) float64 { return 1 })
		opt := Options{Horizon: horizon, From: 12}
		before := run(t, p, opt)
		const plant = 45
		p.Values[3][plant] = 1e9
		p.Values[17][plant+1] = -1e9
		after := run(t, p, opt)
		if len(before) != 60-horizon-12 || len(after) != len(before) {
			t.Fatalf("h=%d: %d and %d origins, want %d", horizon, len(before), len(after), 60-horizon-12)
		}
		changed := 0
		for o, bands := range before {
			for m := range bands {
				for k := range bands[m] {
					same := bands[m][k] == after[o][m][k]
					if o < plant && !same {
						t.Fatalf("h=%d: model %s, key %d, origin %d (before the planted value at %d) changed: %+v -> %+v",
							horizon, allModels()[m].Name(), k, o, plant, bands[m][k], after[o][m][k])
					}
					if o >= plant && !same {
						changed++
					}
				}
			}
		}
		if changed == 0 {
			t.Errorf("h=%d: the planted value changed no forecast at or after its period", horizon)
		}
	}
}

func TestBacktestCalibration(t *testing.T) {
	p := synthetic(120, 96, 3, func(k int) float64 { return 1 })
	scores := make([]Score, 6)
	err := Backtest(context.Background(), p, allModels(), Options{Horizon: 1, From: 36}, func(r *Result) error {
		for k := range p.Keys {
			for m := range scores {
				scores[m].Add(r.Bands[m][k], p.Values[k][r.Target], p.Values[k][r.Origin], r.Hist[k])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for m, s := range scores {
		name := allModels()[m].Name()
		if c := s.Coverage80(); c < 0.72 || c > 0.88 {
			t.Errorf("%s: 80%% coverage %.3f", name, c)
		}
		if c := s.Coverage95(); c < 0.9 || c > 0.99 {
			t.Errorf("%s: 95%% coverage %.3f", name, c)
		}
		if s.RelWidth95() <= s.RelWidth80() {
			t.Errorf("%s: 95%% interval (%.3f) not wider than 80%% (%.3f)", name, s.RelWidth95(), s.RelWidth80())
		}
		if s.BrierSkill() < -0.05 {
			t.Errorf("%s: spike Brier skill %.3f", name, s.BrierSkill())
		}
	}
	// Seasonal swings with little noise: the pooled model beats naive.
	if r := scores[0].MAERatio(); r > 0.95 {
		t.Errorf("pooled MAE ratio %.3f, want below 0.95", r)
	}
}

func TestIntervalsWidenWithNoise(t *testing.T) {
	// Same levels; odd keys have five times the noise.
	p := synthetic(40, 60, 11, func(k int) float64 { return 1 + 4*float64(k%2) })
	width := [2]float64{}
	err := Backtest(context.Background(), p, []Model{NewPooled(PooledOptions{}), Naive{}}, Options{Horizon: 1, From: 24}, func(r *Result) error {
		for m := range r.Bands {
			for k, b := range r.Bands[m] {
				if b.Hi80 < b.Lo80 || b.Hi95 < b.Hi80 || b.Lo95 > b.Lo80 || b.PSpike < 0 || b.PSpike > 1 {
					t.Fatalf("bad band %+v", b)
				}
				if k%4 == 1 || k%4 == 0 { // compare like levels (k%4 sets the level)
					width[k%2] += b.Hi80 - b.Lo80
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if width[1] < 2*width[0] {
		t.Errorf("noisy keys' intervals (%.1f) not clearly wider than quiet keys' (%.1f)", width[1], width[0])
	}
}

func TestBacktestErrors(t *testing.T) {
	p := synthetic(3, 10, 1, func(int) float64 { return 1 })
	if err := Backtest(context.Background(), p, allModels(), Options{Horizon: 1, From: 9}, func(*Result) error { return nil }); err == nil {
		t.Error("no origin left: no error")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Backtest(ctx, p, allModels(), Options{Horizon: 1, From: 2}, func(*Result) error { return nil }); err == nil {
		t.Error("canceled context: no error")
	}
	stop := fmt.Errorf("stop")
	n := 0
	err := Backtest(context.Background(), p, allModels(), Options{Horizon: 1, From: 2}, func(*Result) error { n++; return stop })
	if err != stop || n != 1 {
		t.Errorf("emit error: got %v after %d calls", err, n)
	}
}

func TestMissingKeyHistory(t *testing.T) {
	// A key that starts late forecasts 0 before its first period, and its
	// spike threshold only counts its own history.
	p := synthetic(5, 30, 2, func(int) float64 { return 1 })
	for t := range 20 {
		p.Values[4][t] = 0
	}
	p.First[4] = 20
	err := Backtest(context.Background(), p, allModels(), Options{Horizon: 1, From: 12}, func(r *Result) error {
		if r.Origin < 20 {
			if len(r.Hist[4]) != 0 {
				t.Errorf("origin %d: key 4 has a history of %d before its first period", r.Origin, len(r.Hist[4]))
			}
			for m := range r.Bands {
				if b := r.Bands[m][4]; b.Point != 0 {
					t.Errorf("origin %d: model %d forecasts %v for a key with no history", r.Origin, m, b.Point)
				}
			}
		} else if len(r.Hist[4]) != r.Origin-20+1 {
			t.Errorf("origin %d: history %d, want %d", r.Origin, len(r.Hist[4]), r.Origin-20+1)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestScoreMatchesDefinitions(t *testing.T) {
	var s Score
	hist := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12} // 90th percentile: sorted[int(0.9*11)] = 10
	s.Add(Band{Point: 10, Lo80: 8, Hi80: 12, Lo95: 0, Hi95: 20, PSpike: 0.5}, 11, 12, hist)
	s.Add(Band{Point: 4, Lo80: 5, Hi80: 6, Lo95: 0, Hi95: 20, PSpike: 0}, 2, 4, hist[:5])
	if s.MAERatio() != (1.0+2)/(1+2) || s.Coverage80() != 0.5 || s.Coverage95() != 1 {
		t.Errorf("mae %v cov80 %v cov95 %v", s.MAERatio(), s.Coverage80(), s.Coverage95())
	}
	// One spike line (11 > 10): Brier (0.5-1)^2, climatology (0.1-1)^2.
	if s.NSpike != 1 || math.Abs(s.BrierSkill()-(1-0.25/0.81)) > 1e-12 {
		t.Errorf("spike lines %d, skill %v", s.NSpike, s.BrierSkill())
	}
}

func TestAhead(t *testing.T) {
	p := synthetic(20, 40, 5, func(int) float64 { return 1 })
	T := len(p.Periods)
	bands, hist, err := Ahead(context.Background(), p, func() Model { return Naive{} }, 3, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(bands) != 3 || len(bands[0]) != 20 || len(hist[0]) != T {
		t.Fatalf("%d horizons, %d keys, history %d", len(bands), len(bands[0]), len(hist[0]))
	}
	for h := range bands {
		for k, b := range bands[h] {
			if b.Point != p.Values[k][T-1] {
				t.Errorf("h=%d key %d: naive %v, want the last value %v", h+1, k, b.Point, p.Values[k][T-1])
			}
			if !(b.Lo95 <= b.Lo80 && b.Lo80 <= b.Hi80 && b.Hi80 <= b.Hi95) {
				t.Errorf("h=%d key %d: band out of order %+v", h+1, k, b)
			}
		}
	}
	// Errors grow with the horizon: so do the bands.
	var w1, w3 float64
	for k := range bands[0] {
		w1 += bands[0][k].Hi80 - bands[0][k].Lo80
		w3 += bands[2][k].Hi80 - bands[2][k].Lo80
	}
	if w3 <= w1 {
		t.Errorf("3-period bands (%.1f) not wider than 1-period bands (%.1f)", w3, w1)
	}
	pooled, _, err := Ahead(context.Background(), p, func() Model { return NewPooled(PooledOptions{}) }, 2, Options{})
	if err != nil || len(pooled) != 2 {
		t.Fatalf("pooled: %v", err)
	}
	for _, b := range pooled[1] {
		if math.IsNaN(b.Point) || b.PSpike < 0 || b.PSpike > 1 {
			t.Errorf("pooled band %+v", b)
		}
	}
}

// daysSeen records the calendar a model is given at each origin.
type daysSeen struct {
	Naive
	days map[int][]float64
}

func (m *daysSeen) Forecast(h *History, horizon int, out []float64) {
	m.days[h.Origin] = h.Days
	m.Naive.Forecast(h, horizon, out)
}

func TestAheadSeesTheTargetsCalendar(t *testing.T) {
	p := synthetic(5, 30, 7, func(int) float64 { return 1 })
	T := len(p.Periods) // 2000-01 to 2002-06
	m := &daysSeen{days: map[int][]float64{}}
	if _, _, err := Ahead(context.Background(), p, func() Model { return m }, 2, Options{}); err != nil {
		t.Fatal(err)
	}
	// The last origin of horizon 2 is 2002-06; its target, 2002-08, lies
	// past the panel, and its length is known in advance: 22 weekdays and
	// 9 weekend days.
	d := m.days[T-1]
	if len(d) != T+2 {
		t.Fatalf("calendar of %d periods at the last origin, want %d", len(d), T+2)
	}
	if want := 22 + 9*weekendDay; math.Abs(d[T+1]-want) > 1e-9 {
		t.Errorf("2002-08 counts %v days, want %v", d[T+1], want)
	}
}
