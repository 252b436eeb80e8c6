package forecast

import (
	"math"
	"slices"
	"sort"
)

// Band is a forecast with its calibrated uncertainty.
type Band struct {
	Point      float64
	Lo80, Hi80 float64 // central 80% prediction interval
	Lo95, Hi95 float64 // central 95% prediction interval
	// PSpike is the probability that the value exceeds the key's 90th
	// percentile so far (of its values from its first period to the origin).
	PSpike float64
}

// scaleWindow is the number of recent periods behind a key's scale.
const scaleWindow = 12

// keyScale returns the typical size of key k's one-period change over the
// last scaleWindow periods (the mean absolute change, at least 5% of the
// mean absolute level) and that mean absolute level. Both are 0 for a key
// whose recent history is flat or missing.
func keyScale(y []float64, first int) (d, m float64) {
	if first < 0 {
		return 0, 0
	}
	o := len(y) - 1
	lo := max(first, o-scaleWindow+1)
	var sd float64
	nd := 0
	for t := lo; t <= o; t++ {
		m += math.Abs(y[t])
		if t > first {
			sd += math.Abs(y[t] - y[t-1])
			nd++
		}
	}
	m /= float64(o - lo + 1)
	if nd > 0 {
		d = sd / float64(nd)
	}
	return max(d, 0.05*m), m
}

// Conformal calibration: every forecast's error, divided by the key's scale
// at its origin, joins a pool of past out-of-sample errors once the actual
// value is known. Pools are kept per bucket of keys ranked by their level
// (the busiest 1%, the next 2%, ...), since quiet keys err differently
// from busy ones. An interval is the forecast plus the pool's quantiles
// times the key's scale; the raw spike probability is the share of pooled
// errors that would have carried the forecast above the key's 90th
// percentile, then recalibrated by logistic regression on past outcomes.

// bucketEdges are the upper rank fractions of the level buckets.
var bucketEdges = [...]float64{0.005, 0.01, 0.02, 0.04, 0.1, 0.3, 1}

const (
	bucketFlat = 0 // keys with a flat or missing recent history (scale 0)
	bucketAll  = 1 // every active key (fallback for small buckets)
	nBuckets   = 2 + len(bucketEdges)
	minPool    = 100 // fewest errors a bucket needs before it is used
)

type calRec struct {
	f, d, thr float64
	b         int8
	n         int32 // length of the key's history at the origin
	sx        [nSpike]float32
}

type resPool struct {
	batches [][]float64 // per origin, oldest first
	sorted  []float64
}

func (p *resPool) add(batch []float64, window int) {
	slices.Sort(batch)
	p.batches = append(p.batches, batch)
	if window > 0 && len(p.batches) > window {
		p.batches = p.batches[len(p.batches)-window:]
		n := 0
		for _, b := range p.batches {
			n += len(b)
		}
		s := make([]float64, 0, n)
		for _, b := range p.batches {
			s = append(s, b...)
		}
		slices.Sort(s)
		p.sorted = s
		return
	}
	// Merge the sorted batch into the sorted pool.
	s := make([]float64, 0, len(p.sorted)+len(batch))
	i, j := 0, 0
	for i < len(p.sorted) && j < len(batch) {
		if p.sorted[i] <= batch[j] {
			s = append(s, p.sorted[i])
			i++
		} else {
			s = append(s, batch[j])
			j++
		}
	}
	s = append(s, p.sorted[i:]...)
	s = append(s, batch[j:]...)
	p.sorted = s
}

// q returns the empirical q-quantile of the pool (linear interpolation).
func (p *resPool) q(q float64) float64 {
	s := p.sorted
	if len(s) == 0 {
		return 0
	}
	x := q * float64(len(s)-1)
	i := int(x)
	if i >= len(s)-1 {
		return s[len(s)-1]
	}
	return s[i] + (x-float64(i))*(s[i+1]-s[i])
}

// above returns the share of the pool greater than z.
func (p *resPool) above(z float64) float64 {
	s := p.sorted
	i := sort.Search(len(s), func(i int) bool { return s[i] > z })
	// Add-one smoothing keeps probabilities off 0 and 1.
	return (float64(len(s)-i) + 0.5) / (float64(len(s)) + 1)
}

// calibrator turns one model's point forecasts into Bands, using only the
// errors of its own past forecasts whose targets are known at the origin.
type calibrator struct {
	horizon int
	window  int
	ring    [][]calRec // per origin mod horizon+1
	pools   [nBuckets]resPool
	spike   [2]spikeModel // for the busiest tenth of the keys, and for the others
	rank    []int
	levels  []float64
}

func newCalibrator(keys, horizon, window int) *calibrator {
	c := &calibrator{horizon: horizon, window: window, ring: make([][]calRec, horizon+1)}
	for i := range c.ring {
		c.ring[i] = make([]calRec, keys)
		for k := range c.ring[i] {
			c.ring[i][k].b = -1
		}
	}
	for i := range c.spike {
		c.spike[i].window = window
		c.spike[i].refit = 3
	}
	return c
}

// calibrate is called once per origin, in order, with the model's point
// forecasts; sortedHist[k] is key k's history (from its first period to the
// origin) in increasing order. It fills bands.
func (c *calibrator) calibrate(h *History, sortedHist [][]float64, point []float64, bands []Band) {
	o := h.Origin
	K := len(h.Y)
	// 1. Errors of the forecasts made horizon periods ago are now known.
	if prev := o - c.horizon; prev >= 0 {
		var batches [nBuckets][]float64
		var rows [2][]spikeRow
		for k, r := range c.ring[prev%(c.horizon+1)] {
			if r.b < 0 {
				continue
			}
			y := h.Y[k][o]
			d := r.d
			if d == 0 {
				d = 1
			}
			e := (y - r.f) / d
			batches[r.b] = append(batches[r.b], e)
			if r.b != bucketFlat {
				batches[bucketAll] = append(batches[bucketAll], e)
			}
			if g, w := spikeGroup(k, prev, int(r.b)); r.n >= 12 && w > 0 {
				sr := spikeRow{x: r.sx, w: w}
				if y > r.thr {
					sr.y = 1
				}
				rows[g] = append(rows[g], sr)
			}
		}
		for b := range batches {
			if len(batches[b]) > 0 {
				c.pools[b].add(batches[b], c.window)
			}
		}
		c.spike[0].add(rows[0])
		c.spike[1].add(rows[1])
	}
	// 2. Buckets of the keys at this origin, by rank of level.
	if len(c.levels) != K {
		c.levels = make([]float64, K)
		c.rank = make([]int, 0, K)
	}
	c.rank = c.rank[:0]
	rec := c.ring[o%(c.horizon+1)]
	for k := range K {
		d, m := keyScale(h.Y[k], h.First[k])
		c.levels[k] = m
		rec[k] = calRec{f: point[k], d: d, b: bucketFlat}
		if d > 0 {
			c.rank = append(c.rank, k)
		}
	}
	slices.SortFunc(c.rank, func(a, b int) int {
		if c.levels[a] != c.levels[b] {
			if c.levels[a] > c.levels[b] {
				return -1
			}
			return 1
		}
		return a - b
	})
	for i, k := range c.rank {
		frac := float64(i+1) / float64(len(c.rank))
		b := 0
		for b < len(bucketEdges)-1 && frac > bucketEdges[b] {
			b++
		}
		rec[k].b = int8(2 + b)
	}
	// 3. Bands.
	var qs [nBuckets][4]float64
	for b := range c.pools {
		p := &c.pools[b]
		qs[b] = [4]float64{p.q(0.025), p.q(0.1), p.q(0.9), p.q(0.975)}
	}
	for k := range K {
		r := &rec[k]
		b := int(r.b)
		if b >= 2 && len(c.pools[b].sorted) < minPool {
			b = bucketAll
		}
		d := r.d
		if d == 0 {
			d = 1
		}
		f := r.f
		q := qs[b]
		hs := sortedHist[k]
		r.n = int32(len(hs))
		thr := 0.0
		if len(hs) > 0 {
			thr = quantileSorted(hs, 0.9)
		}
		r.thr = thr
		raw := 0.1
		if len(c.pools[b].sorted) > 0 {
			raw = c.pools[b].above((thr - f) / d)
		}
		sx := spikeFeatures(h.Y[k], h.First[k], f, r.d, thr, raw, int(r.b), len(hs))
		for i, v := range sx {
			r.sx[i] = float32(v)
		}
		bands[k] = Band{Point: f, Lo95: f + q[0]*d, Lo80: f + q[1]*d, Hi80: f + q[2]*d, Hi95: f + q[3]*d,
			PSpike: c.spike[spikeGroupOf(int(r.b))].p(&sx)}
	}
}

func logit(p float64) float64 {
	p = min(max(p, 1e-4), 1-1e-4)
	return math.Log(p / (1 - p))
}

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
