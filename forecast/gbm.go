package forecast

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
)

// GBMOptions configure the boosted-tree model. Zero fields take defaults.
type GBMOptions struct {
	Trees     int     // boosting rounds (default 100)
	Depth     int     // depth of each tree (default 5)
	MinLeaf   int     // fewest sample rows in a leaf (default 100)
	Bins      int     // quantile bins per feature, at most 255 (default 64)
	Rate      float64 // learning rate (default 0.05)
	Subsample float64 // share of the sample each tree sees (default 0.7)
	ColSample float64 // share of the features each tree may split on (default 0.8)
	L2        float64 // penalty on leaf values, in sample-row weight units (default 10)
	// Sample is the most training rows a fit sees: beyond it rows are drawn
	// with probability proportional to their weight (default 20000).
	Sample int
	// Refit refits the trees at origins that are multiples of it (the
	// ridge under them refits at every origin; default: half a season,
	// at least 6: 6 for months, 26 for weeks).
	Refit int
	// Mode: "resid" (default) boosts the ridge model's residual, "alone"
	// boosts the target itself, "avg" averages the ridge and "alone".
	Mode string
	Seed uint64
	// Bags averages this many tree ensembles, each fitted on its own
	// sample of the rows (default 3: one ensemble's forecasts move by
	// +-0.003 in monthly MAE ratio with the seed of its sample).
	Bags int
	// WeightPower raises the rows' weights (the key's scale, as the
	// ridge weighs them) to this power for the trees (default 0.5: busy keys
	// still count more, but the sample is not a few keys' rows over and
	// over).
	WeightPower float64
	// L1 boosts absolute error (weighted median leaves) instead.
	L1 bool
	// Huber clips each residual to +-Huber when computing gradients (a
	// Huber loss), so that rare huge changes pull less (default 0.5;
	// negative: squared loss).
	Huber float64
	// Ridge configures the pooled ridge model under the trees.
	Ridge PooledOptions
}

func (o *GBMOptions) ensureDefaults() {
	if o.Trees <= 0 {
		o.Trees = 100
	}
	if o.Depth <= 0 {
		o.Depth = 5
	}
	if o.MinLeaf <= 0 {
		o.MinLeaf = 100
	}
	if o.Bins <= 1 || o.Bins > 255 {
		o.Bins = 64
	}
	if o.Rate <= 0 {
		o.Rate = 0.05
	}
	if o.Subsample <= 0 || o.Subsample > 1 {
		o.Subsample = 0.7
	}
	if o.ColSample <= 0 || o.ColSample > 1 {
		o.ColSample = 0.8
	}
	if o.L2 <= 0 {
		o.L2 = 10
	}
	if o.Sample <= 0 {
		o.Sample = 20000
	}
	if o.Bags <= 0 {
		o.Bags = 3
	}
	if o.WeightPower == 0 {
		o.WeightPower = 0.5
	}
	if o.Huber == 0 {
		o.Huber = 0.5
	}
	if o.Mode == "" {
		o.Mode = "resid"
	}
}

// GBM is the pooled model with gradient-boosted regression trees over the
// same features and the same (compressed, scaled) target: by default the
// trees learn what the ridge regression leaves, so that interactions (a
// key whose level jumped while its countries' activity did not, ...)
// shape the forecast. Training rows are those whose target is known at
// the origin, weighted by the key's scale like the ridge's.
type GBM struct {
	opt   GBMOptions
	ridge *Pooled

	horizon int
	x       []float32   // training rows, nGBM per row
	z       []float32   // compressed scaled targets
	w       []float32   // row weights
	trees   []*Ensemble // one per bag
	coefFit []float64   // ridge coefficients the residuals were taken against
	// past[o] holds the ridge's forecasts made at origin o (targets
	// o+horizon), for the features on its own recent errors.
	past [][]float64
}

// nGBM is the number of the trees' features: the pooled model's and the
// ridge's last errors on the key.
const nGBM = nFeat + nErrFeat

const nErrFeat = 3

// errFeatures writes key k's recent ridge errors at period t (those whose
// targets are t, t-1, t-2, all known at t), in units of scale, to x.
func (g *GBM) errFeatures(h *History, k, t int, scale float64, x []float32) {
	var sum float64
	n := 0
	for j := range 2 {
		x[j] = 0
		o := t - j - g.horizon
		if o < 0 || o >= len(g.past) || g.past[o] == nil {
			continue
		}
		e := (h.Y[k][t-j] - g.past[o][k]) / scale
		e = min(max(e, -10), 10)
		x[j] = float32(e)
		sum += e
		n++
	}
	x[2] = 0
	if o := t - 2 - g.horizon; o >= 0 && o < len(g.past) && g.past[o] != nil {
		e := (h.Y[k][t-2] - g.past[o][k]) / scale
		sum += min(max(e, -10), 10)
		n++
	}
	if n > 0 {
		x[2] = float32(sum / float64(n))
	}
}

// NewGBM returns a boosted-tree model.
func NewGBM(opt GBMOptions) *GBM {
	opt.ensureDefaults()
	g := &GBM{opt: opt, ridge: NewPooled(opt.Ridge)}
	g.ridge.rowHook = g.addRows
	return g
}

func (g *GBM) Name() string { return "gbm" }

// minGBMRows is the fewest training rows before the trees are fitted.
const minGBMRows = 400

func (g *GBM) addRows(h *History, t int, rows []featRow) {
	r := g.ridge
	for k := range rows {
		row := &rows[k]
		if !row.ok {
			continue
		}
		z := (h.Y[k][t+r.horizon] - row.level) / row.scale
		z = min(max(z, -r.opt.Clip), r.opt.Clip)
		if a := r.opt.Asinh; a > 0 {
			z = math.Asinh(z*a) / a
		}
		for _, v := range row.x {
			g.x = append(g.x, float32(v))
		}
		var ex [nErrFeat]float32
		g.errFeatures(h, k, t, row.scale, ex[:])
		g.x = append(g.x, ex[:]...)
		g.z = append(g.z, float32(z))
		g.w = append(g.w, float32(math.Pow(row.scale, r.opt.WeightPower)))
	}
}

func (g *GBM) Forecast(h *History, horizon int, out []float64) {
	r := g.ridge
	if horizon != g.horizon || h.Origin+1 < r.next {
		g.x, g.z, g.w, g.trees, g.coefFit, g.past = g.x[:0], g.z[:0], g.w[:0], nil, nil, nil
		g.horizon = horizon
	}
	r.Forecast(h, horizon, out)
	for len(g.past) <= h.Origin {
		g.past = append(g.past, nil)
	}
	g.past[h.Origin] = slices.Clone(out)
	if r.coef == nil || len(g.z) < minGBMRows {
		return
	}
	refit := g.opt.Refit
	if refit <= 0 {
		refit = max(6, h.Season/2)
	}
	if g.trees == nil || h.Origin%refit == 0 {
		g.trees = make([]*Ensemble, g.opt.Bags)
		var wg sync.WaitGroup
		for b := range g.opt.Bags {
			wg.Go(func() { g.trees[b] = g.fit(h.Origin, b) })
		}
		wg.Wait()
	}
	rows := r.featuresAt(h, h.Origin)
	var x [nGBM]float32
	for k := range out {
		row := &rows[k]
		if !row.ok {
			continue
		}
		var zr float64
		for i, c := range r.coef {
			zr += c * row.x[i]
			x[i] = float32(row.x[i])
		}
		g.errFeatures(h, k, h.Origin, row.scale, x[nFeat:])
		var zg float64
		for _, e := range g.trees {
			zg += e.Predict(x[:])
		}
		zg /= float64(len(g.trees))
		var z float64
		switch g.opt.Mode {
		case "alone":
			z = zg
		case "avg":
			z = (zr + zg) / 2
		default:
			z = zr + zg
		}
		if a := r.opt.Asinh; a > 0 {
			z = math.Sinh(z*a) / a
		}
		z = min(max(z, -r.opt.Clip), r.opt.Clip)
		out[k] = row.level + row.scale*z
	}
}

// fit draws the training sample and boosts trees on it.
func (g *GBM) fit(origin, bag int) *Ensemble {
	n := len(g.z)
	gw := g.w
	if g.opt.WeightPower != 1 {
		gw = make([]float32, n)
		for i, v := range g.w {
			gw[i] = float32(math.Pow(float64(v), g.opt.WeightPower))
		}
	}
	rng := rand.New(rand.NewPCG(g.opt.Seed+uint64(bag)*0x9e3779b97f4a7c15, uint64(origin)))
	// Systematic sampling proportional to weight: a row drawn c times
	// weighs c.
	idx := make([]int32, 0, min(n, g.opt.Sample))
	wt := make([]float32, 0, cap(idx))
	if n <= g.opt.Sample {
		for i := range n {
			idx = append(idx, int32(i))
			wt = append(wt, gw[i])
		}
	} else {
		var total float64
		for _, v := range gw {
			total += float64(v)
		}
		step := total / float64(g.opt.Sample)
		next := rng.Float64() * step
		var cum float64
		for i, v := range gw {
			cum += float64(v)
			c := 0
			for next < cum {
				c++
				next += step
			}
			if c > 0 {
				idx = append(idx, int32(i))
				wt = append(wt, float32(c))
			}
		}
	}
	m := len(idx)
	x := make([]float32, m*nGBM)
	y := make([]float64, m)
	var coef []float64
	if g.opt.Mode != "alone" && g.opt.Mode != "avg" {
		coef = g.ridge.coef
	}
	for j, i := range idx {
		row := g.x[int(i)*nGBM : int(i+1)*nGBM]
		copy(x[j*nGBM:], row)
		t := float64(g.z[i])
		for f, c := range coef {
			t -= c * float64(row[f])
		}
		y[j] = t
	}
	return FitTrees(x, nGBM, y, wt, TreeOptions{Trees: g.opt.Trees, Depth: g.opt.Depth, MinLeaf: g.opt.MinLeaf,
		Bins: g.opt.Bins, Huber: g.opt.Huber, L1: g.opt.L1, Rate: g.opt.Rate, Subsample: g.opt.Subsample, ColSample: g.opt.ColSample, L2: g.opt.L2,
		Seed: g.opt.Seed ^ uint64(origin)*0x9e3779b97f4a7c15, NoIntercept: coef != nil}, rng)
}

// TreeOptions configure FitTrees (see GBMOptions for the meaning).
type TreeOptions struct {
	Trees, Depth, MinLeaf, Bins int
	Rate, Subsample, ColSample  float64
	L2                          float64
	Huber                       float64
	// L1 fits absolute error: trees split on the residuals' signs and a
	// leaf takes its rows' weighted median residual.
	L1   bool
	Seed uint64
	// NoIntercept starts from 0 rather than the weighted mean.
	NoIntercept bool
}

type treeNode struct {
	feat        int16 // -1 for a leaf
	bin         uint8 // rows with bin <= bin go left
	thr         float32
	left, right int32
	value       float64
}

// Ensemble is a boosted sum of regression trees.
type Ensemble struct {
	base  float64
	trees [][]treeNode
}

// Predict returns the ensemble's value for features x.
func (e *Ensemble) Predict(x []float32) float64 {
	s := e.base
	for _, t := range e.trees {
		i := 0
		for t[i].feat >= 0 {
			if x[t[i].feat] <= t[i].thr {
				i = int(t[i].left)
			} else {
				i = int(t[i].right)
			}
		}
		s += t[i].value
	}
	return s
}

// Len returns the number of trees.
func (e *Ensemble) Len() int { return len(e.trees) }

type histBin struct{ g, w, n float64 }

// FitTrees boosts regression trees with squared loss on rows of nf
// features (x row-major, weights w): features are cut once into quantile
// bins, each tree is grown depth-first to opt.Depth on a subsample of the
// rows and features, splitting on the bin boundary that most lowers the
// weighted squared error with at least opt.MinLeaf rows on each side.
// rng, if nil, is seeded from opt.Seed; the result depends only on the
// inputs and the seed.
func FitTrees(x []float32, nf int, y []float64, w []float32, opt TreeOptions, rng *rand.Rand) *Ensemble {
	if rng == nil {
		rng = rand.New(rand.NewPCG(opt.Seed, 7))
	}
	n := len(y)
	opt.Bins = min(max(opt.Bins, 2), 255)
	opt.MinLeaf = max(opt.MinLeaf, 1)
	// Quantile bins: edges[f][b] is the largest value of bin b.
	edges := make([][]float32, nf)
	codes := make([]uint8, n*nf)
	col := make([]float32, n)
	for f := range nf {
		for i := range n {
			col[i] = x[i*nf+f]
		}
		s := slices.Clone(col)
		slices.Sort(s)
		var e []float32
		for b := 1; b <= opt.Bins; b++ {
			v := s[min(n-1, b*n/opt.Bins)]
			if b == opt.Bins {
				v = s[n-1]
			}
			if len(e) == 0 || v > e[len(e)-1] {
				e = append(e, v)
			}
		}
		edges[f] = e
		for i, v := range col {
			b, _ := slices.BinarySearch(e, v)
			codes[i*nf+f] = uint8(min(b, len(e)-1))
		}
	}
	ens := &Ensemble{}
	pred := make([]float64, n)
	if !opt.NoIntercept {
		var sy, sw float64
		for i := range n {
			sy += float64(w[i]) * y[i]
			sw += float64(w[i])
		}
		if sw > 0 {
			ens.base = sy / sw
		}
	}
	for i := range pred {
		pred[i] = ens.base
	}
	grad := make([]float64, n)
	rows := make([]int32, 0, n)
	feats := make([]int, 0, nf)
	b := &treeBuilder{nf: nf, bins: opt.Bins, codes: codes, grad: grad, w: w, opt: opt, y: y, pred: pred}
	for range opt.Trees {
		for i := range n {
			r := y[i] - pred[i]
			switch {
			case opt.L1:
				r = math.Copysign(1, r)
				if y[i] == pred[i] {
					r = 0
				}
			case opt.Huber > 0:
				r = min(max(r, -opt.Huber), opt.Huber)
			}
			grad[i] = float64(w[i]) * r
		}
		rows = rows[:0]
		for i := range n {
			if opt.Subsample >= 1 || rng.Float64() < opt.Subsample {
				rows = append(rows, int32(i))
			}
		}
		feats = feats[:0]
		for f := range nf {
			if len(edges[f]) > 1 && (opt.ColSample >= 1 || rng.Float64() < opt.ColSample) {
				feats = append(feats, f)
			}
		}
		if len(rows) < 2*opt.MinLeaf || len(feats) == 0 {
			continue
		}
		b.nodes = nil
		b.feats = feats
		h := b.hist(rows)
		b.grow(rows, h, 0)
		for i := range b.nodes {
			nd := &b.nodes[i]
			if nd.feat >= 0 {
				nd.thr = edges[nd.feat][nd.bin]
			}
		}
		tree := slices.Clone(b.nodes)
		// Update every sample row's prediction through the binned codes.
		for i := range n {
			j := 0
			for tree[j].feat >= 0 {
				if codes[i*nf+int(tree[j].feat)] <= tree[j].bin {
					j = int(tree[j].left)
				} else {
					j = int(tree[j].right)
				}
			}
			pred[i] += tree[j].value
		}
		ens.trees = append(ens.trees, tree)
	}
	return ens
}

type treeBuilder struct {
	nf, bins int
	codes    []uint8
	grad     []float64
	w        []float32
	opt      TreeOptions
	feats    []int
	nodes    []treeNode
	y, pred  []float64
}

// leaf sets node id's value for rows (L1: the weighted median residual).
func (b *treeBuilder) leaf(id int32, rows []int32) int32 {
	if !b.opt.L1 || len(rows) == 0 {
		return id
	}
	type rw struct{ r, w float64 }
	rs := make([]rw, len(rows))
	var tw float64
	for j, i := range rows {
		rs[j] = rw{b.y[i] - b.pred[i], float64(b.w[i])}
		tw += rs[j].w
	}
	slices.SortFunc(rs, func(a, c rw) int { return cmp.Compare(a.r, c.r) })
	var cw float64
	med := rs[len(rs)-1].r
	for _, v := range rs {
		cw += v.w
		if cw >= tw/2 {
			med = v.r
			break
		}
	}
	b.nodes[id].value = b.opt.Rate * med
	return id
}

// hist sums gradients, weights and counts of rows by feature and bin.
func (b *treeBuilder) hist(rows []int32) []histBin {
	h := make([]histBin, b.nf*b.bins)
	for _, i := range rows {
		g, w := b.grad[i], float64(b.w[i])
		c := b.codes[int(i)*b.nf : int(i+1)*b.nf]
		for _, f := range b.feats {
			hb := &h[f*b.bins+int(c[f])]
			hb.g += g
			hb.w += w
			hb.n++
		}
	}
	return h
}

// grow adds the node for rows (whose histogram is h) and its subtree, and
// returns its index.
func (b *treeBuilder) grow(rows []int32, h []histBin, depth int) int32 {
	id := int32(len(b.nodes))
	b.nodes = append(b.nodes, treeNode{feat: -1})
	var G, W float64
	for _, hb := range h[b.feats[0]*b.bins : (b.feats[0]+1)*b.bins] {
		G += hb.g
		W += hb.w
	}
	lam := b.opt.L2
	b.nodes[id].value = b.opt.Rate * G / (W + lam)
	if depth >= b.opt.Depth || len(rows) < 2*b.opt.MinLeaf {
		return b.leaf(id, rows)
	}
	parent := G * G / (W + lam)
	best, bestF, bestB := 1e-12, -1, 0
	minLeaf := float64(b.opt.MinLeaf)
	N := float64(len(rows))
	for _, f := range b.feats {
		var gl, wl, nl float64
		hf := h[f*b.bins : (f+1)*b.bins]
		for bin := 0; bin < b.bins-1; bin++ {
			gl += hf[bin].g
			wl += hf[bin].w
			nl += hf[bin].n
			if nl < minLeaf {
				continue
			}
			if N-nl < minLeaf {
				break
			}
			gr, wr := G-gl, W-wl
			gain := gl*gl/(wl+lam) + gr*gr/(wr+lam) - parent
			if gain > best {
				best, bestF, bestB = gain, f, bin
			}
		}
	}
	if bestF < 0 {
		return b.leaf(id, rows)
	}
	// Partition rows: left (bin <= bestB) first.
	i, j := 0, len(rows)-1
	for i <= j {
		if b.codes[int(rows[i])*b.nf+bestF] <= uint8(bestB) {
			i++
		} else {
			rows[i], rows[j] = rows[j], rows[i]
			j--
		}
	}
	left, right := rows[:i], rows[i:]
	// Histogram of the smaller side; the larger one's is the difference.
	small, large := left, right
	if len(left) > len(right) {
		small, large = right, left
	}
	hs := b.hist(small)
	for k := range h {
		h[k].g -= hs[k].g
		h[k].w -= hs[k].w
		h[k].n -= hs[k].n
	}
	hl, hr := hs, h
	if len(left) > len(right) {
		hl, hr = h, hs
	}
	_ = large
	b.nodes[id].feat = int16(bestF)
	b.nodes[id].bin = uint8(bestB)
	l := b.grow(left, hl, depth+1)
	r := b.grow(right, hr, depth+1)
	b.nodes[id].left, b.nodes[id].right = l, r
	return id
}
