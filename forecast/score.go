package forecast

import "math"

// Score accumulates the backtest metrics of ../shared/eval/score_forecast.py
// for one model: the mean absolute error against the naive forecast's,
// interval coverage and width, and the Brier skill of the spike
// probabilities against the climatological 0.1.
type Score struct {
	N                   int
	AbsErr, NaiveAbsErr float64
	Cover80, Cover95    int
	Width80, Width95    float64
	Brier, BrierClim    float64
	NSpike, Spikes      int
}

// Add scores one forecast b of actual y made at an origin whose value was
// naive; hist is the key's sorted history at the origin.
func (s *Score) Add(b Band, y, naive float64, hist []float64) {
	s.N++
	s.AbsErr += math.Abs(b.Point - y)
	s.NaiveAbsErr += math.Abs(naive - y)
	if b.Lo80 <= y && y <= b.Hi80 {
		s.Cover80++
	}
	if b.Lo95 <= y && y <= b.Hi95 {
		s.Cover95++
	}
	s.Width80 += b.Hi80 - b.Lo80
	s.Width95 += b.Hi95 - b.Lo95
	if len(hist) >= 12 {
		thr := quantileSorted(hist, 0.9)
		o := 0.0
		if y > thr {
			o = 1
			s.Spikes++
		}
		p := min(max(b.PSpike, 0), 1)
		s.Brier += (p - o) * (p - o)
		s.BrierClim += (0.1 - o) * (0.1 - o)
		s.NSpike++
	}
}

// Merge adds t's counts to s.
func (s *Score) Merge(t Score) {
	s.N += t.N
	s.AbsErr += t.AbsErr
	s.NaiveAbsErr += t.NaiveAbsErr
	s.Cover80 += t.Cover80
	s.Cover95 += t.Cover95
	s.Width80 += t.Width80
	s.Width95 += t.Width95
	s.Brier += t.Brier
	s.BrierClim += t.BrierClim
	s.NSpike += t.NSpike
	s.Spikes += t.Spikes
}

// MAERatio is the model's mean absolute error over the naive forecast's.
func (s Score) MAERatio() float64 { return s.AbsErr / s.NaiveAbsErr }

// Coverage80 is the share of actual values inside the 80% interval.
func (s Score) Coverage80() float64 { return float64(s.Cover80) / float64(s.N) }

// Coverage95 is the share of actual values inside the 95% interval.
func (s Score) Coverage95() float64 { return float64(s.Cover95) / float64(s.N) }

// RelWidth80 is the mean 80% interval width over the naive mean absolute error.
func (s Score) RelWidth80() float64 { return s.Width80 / s.NaiveAbsErr }

// RelWidth95 is the mean 95% interval width over the naive mean absolute error.
func (s Score) RelWidth95() float64 { return s.Width95 / s.NaiveAbsErr }

// BrierSkill is 1 - Brier/Brier_clim of the spike probabilities.
func (s Score) BrierSkill() float64 { return 1 - s.Brier/s.BrierClim }
