package forecast

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// Spike probabilities come from a logistic regression, refitted every few
// origins on the outcomes known by then, over features that say how far
// the forecast and the recent values sit from the key's 90th percentile,
// in units of the key's scale, beside the share of the model's past errors
// that would have crossed it and the key's level bucket.

const nSpike = 16

type spikeRow struct {
	x    [nSpike]float32
	y, w float32
}

// spikeFeatures describes key k at an origin for the spike model: y is its
// history, f the forecast, d its scale, thr its 90th percentile, raw the
// share of past errors that would carry f above thr, b its bucket and n
// the length of its history.
func spikeFeatures(y []float64, first int, f, d, thr, raw float64, b, n int) [nSpike]float64 {
	var x [nSpike]float64
	x[0] = 1
	x[1] = logit(raw)
	if n == 0 || d == 0 {
		x[2+min(b, nBuckets-1)] = 1 // bucket indicator only
		x[15] = 1
		return x
	}
	o := len(y) - 1
	L := y[o]
	lo := max(o-scaleWindow+1, first, 0)
	var above, mx3 float64
	mx3 = math.Inf(-1)
	win := make([]float64, 0, scaleWindow)
	for t := lo; t <= o; t++ {
		if y[t] > thr {
			above++
		}
		if t > o-3 {
			mx3 = max(mx3, y[t])
		}
		win = append(win, y[t])
	}
	slices.Sort(win)
	med := win[len(win)/2]
	clip := func(v float64) float64 { return min(max(v, -10), 10) }
	x[9] = clip((f - thr) / d)
	x[10] = clip((L - thr) / d)
	x[11] = clip((mx3 - thr) / d)
	x[12] = above / float64(o-lo+1)
	x[13] = clip((thr - med) / d)
	x[14] = math.Log(float64(n))
	x[2+min(b, nBuckets-1)] = 1
	return x
}

// Spikes of the busiest tenth of the keys (group 0) and of the others
// (group 1) behave differently (a quiet key's spike is mostly one event
// after months of zeros), so each group has its own model.
func spikeGroupOf(b int) int {
	if b >= 2 && b < 2+len(bucketEdges)-2 {
		return 0
	}
	return 1
}

// spikeGroup returns the group of key k's row at origin o and its training
// weight: every row of group 0 and an even tenth of group 1's (weighted 10).
func spikeGroup(k, o, b int) (int, float32) {
	g := spikeGroupOf(b)
	if g == 0 {
		return 0, 1
	}
	if (uint32(k)*2654435761+uint32(o)*40503)>>16%10 == 0 {
		return 1, 10
	}
	return 1, 0
}

type spikeModel struct {
	window  int // origins of rows kept (0: all)
	refit   int // refit every this many new batches
	batches [][]spikeRow
	since   int
	coef    []float64
}

func (s *spikeModel) add(rows []spikeRow) {
	s.batches = append(s.batches, rows)
	if s.window > 0 && len(s.batches) > s.window {
		s.batches = s.batches[1:]
	}
	s.since++
}

// p returns the spike probability for features x.
func (s *spikeModel) p(x *[nSpike]float64) float64 {
	if s.since >= s.refit || (s.coef == nil && s.since > 0) {
		s.fit()
		s.since = 0
	}
	if s.coef == nil {
		return sigmoid(x[1])
	}
	var z float64
	for i, c := range s.coef {
		z += c * x[i]
	}
	return sigmoid(z)
}

func (s *spikeModel) fit() {
	var n, pos float64
	for _, b := range s.batches {
		for _, r := range b {
			n += float64(r.w)
			pos += float64(r.w * r.y)
		}
	}
	if n < 500 || pos < 20 {
		return
	}
	coef := make([]float64, nSpike)
	if s.coef != nil {
		copy(coef, s.coef)
	} else {
		coef[1] = 1
	}
	lam := 1e-3 * n
	for range 6 {
		h := make([]float64, nSpike*nSpike)
		g := make([]float64, nSpike)
		var x [nSpike]float64
		for _, b := range s.batches {
			for _, r := range b {
				var z float64
				for i, v := range r.x {
					x[i] = float64(v)
					z += coef[i] * x[i]
				}
				p := sigmoid(z)
				w := float64(r.w)
				e := w * (p - float64(r.y))
				hw := w * max(p*(1-p), 1e-6)
				for i := range nSpike {
					if x[i] == 0 {
						continue
					}
					g[i] += e * x[i]
					hx := hw * x[i]
					row := h[i*nSpike:]
					for j := i; j < nSpike; j++ {
						row[j] += hx * x[j]
					}
				}
			}
		}
		a := mat.NewSymDense(nSpike, nil)
		for i := range nSpike {
			for j := i; j < nSpike; j++ {
				a.SetSym(i, j, h[i*nSpike+j])
			}
			pen := lam
			if i == 0 {
				pen = 1e-6 * lam
			}
			a.SetSym(i, i, a.At(i, i)+pen)
			g[i] += pen * coef[i]
		}
		var ch mat.Cholesky
		if !ch.Factorize(a) {
			return
		}
		var step mat.VecDense
		if err := ch.SolveVecTo(&step, mat.NewVecDense(nSpike, g)); err != nil {
			return
		}
		var moved float64
		for i := range coef {
			moved = max(moved, math.Abs(step.AtVec(i)))
		}
		// A damped step: Newton's method can overshoot on nearly
		// separable rows.
		scale := 1.0
		if moved > 1 {
			scale = 1 / moved
		}
		for i := range coef {
			coef[i] -= scale * step.AtVec(i)
		}
		if moved < 1e-5 {
			break
		}
	}
	for _, c := range coef {
		if math.IsNaN(c) || math.IsInf(c, 0) {
			return
		}
	}
	s.coef = coef
}
