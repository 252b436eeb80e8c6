package forecast

import (
	"math"
	"runtime"
	"slices"
	"sync"

	"gonum.org/v1/gonum/mat"
)

// PooledOptions configure the pooled model. Zero fields take defaults.
type PooledOptions struct {
	// Lambda is the ridge penalty, relative to the total row weight
	// (default 1e-3).
	Lambda float64
	// WeightPower weights each training row by its key's scale to this
	// power (default 1: rows count by the size of their errors, as the
	// mean absolute error counts them).
	WeightPower float64
	// Clip bounds the scaled target (the change from the origin in units
	// of the key's scale) when training (default 10).
	Clip float64
	// Asinh compresses the scaled target z for training into
	// asinh(a*z)/a, so that rare huge changes do not pull the fit (the
	// forecast maps back with sinh); it acts like a robust loss. Default
	// 0.35; negative: no compression.
	Asinh float64
	// Decay multiplies the weight of older training periods by this
	// factor per period (default 1: no decay).
	Decay float64
	// Workers bounds the goroutines computing features (default GOMAXPROCS).
	Workers int
}

func (o *PooledOptions) ensureDefaults() {
	if o.Lambda <= 0 {
		o.Lambda = 1e-3
	}
	if o.WeightPower == 0 {
		o.WeightPower = 1
	}
	if o.Clip <= 0 {
		o.Clip = 10
	}
	if o.Asinh == 0 {
		o.Asinh = 0.35
	}
	if o.Decay <= 0 || o.Decay > 1 {
		o.Decay = 1
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
}

// Pooled is one model for all keys. It forecasts the change from the
// origin in units of the key's scale (its typical one-period change), from
// features that mean the same for a busy pair as for a quiet one: recent
// lags, rolling means and medians, the same period a season ago, level and
// volatility, calendar length, the activity of each of the key's entities
// with everyone else, and global activity. A weighted ridge regression,
// refitted at every origin on all rows whose target is known by then,
// learns the weights across keys, so a quiet key borrows strength from
// busy ones.
type Pooled struct {
	opt PooledOptions

	horizon int
	next    int // first period whose training row is not yet added
	xtx     []float64
	xty     []float64
	wsum    float64
	rows    int
	coef    []float64

	// Activity by period, grown as origins advance.
	act  [][]float64 // act[e][t]: sum of |value| over keys with entity e
	glob []float64   // sum of |value| over all keys

	cache map[int][]featRow // features by period, for the periods still needed

	// rowHook, if set, sees each period's training rows as they are
	// added (the GBM keeps them); t+horizon <= origin.
	rowHook func(h *History, t int, rows []featRow)
}

type featRow struct {
	x     [nFeat]float64
	level float64
	scale float64
	ok    bool
}

// NewPooled returns a pooled model.
func NewPooled(opt PooledOptions) *Pooled {
	opt.ensureDefaults()
	return &Pooled{opt: opt}
}

func (*Pooled) Name() string { return "pooled" }

const nFeat = 34

// minRows is the fewest training rows before the model is fitted; until
// then it forecasts like SES.
const minRows = 20 * nFeat

// nChunks splits keys into a fixed number of chunks so that sums do not
// depend on the number of workers (results are reproducible bit for bit).
const nChunks = 32

func (m *Pooled) Forecast(h *History, horizon int, out []float64) {
	if horizon != m.horizon || h.Origin+1 < m.next {
		// A new horizon, or an origin before the rows already learnt from:
		// start over so nothing after the origin is used.
		*m = Pooled{opt: m.opt, horizon: horizon, rowHook: m.rowHook}
	}
	m.growActivity(h)
	// Training rows: every period t whose target t+horizon is known.
	for ; m.next+horizon <= h.Origin; m.next++ {
		m.addRows(h, m.next)
	}
	if m.rows >= minRows {
		m.fit()
	}
	rows := m.featuresAt(h, h.Origin)
	for k := range out {
		r := &rows[k]
		y := h.Y[k]
		switch {
		case !r.ok:
			out[k] = y[len(y)-1]
		case m.coef == nil:
			out[k] = sesLevel(y[max(h.First[k], 0):], 0)
		default:
			var z float64
			for i, c := range m.coef {
				z += c * r.x[i]
			}
			if a := m.opt.Asinh; a > 0 {
				z = math.Sinh(z*a) / a
			}
			z = min(max(z, -m.opt.Clip), m.opt.Clip)
			out[k] = r.level + r.scale*z
		}
	}
}

func (m *Pooled) growActivity(h *History) {
	if len(m.act) != h.NumEntities {
		m.act = make([][]float64, h.NumEntities)
		m.glob = nil
	}
	for t := len(m.glob); t <= h.Origin; t++ {
		for e := range m.act {
			m.act[e] = append(m.act[e], 0)
		}
		var g float64
		for k, y := range h.Y {
			v := math.Abs(y[t])
			if v == 0 {
				continue
			}
			g += v
			ents := h.Entities[k]
			for i, e := range ents {
				if !slices.Contains(ents[:i], e) {
					m.act[e][t] += v
				}
			}
		}
		m.glob = append(m.glob, g)
	}
}

// featuresAt computes every key's features at period t (t <= origin), each
// from the key's values up to t only.
func (m *Pooled) featuresAt(h *History, t int) []featRow {
	if rows, ok := m.cache[t]; ok && len(rows) == len(h.Y) {
		return rows
	}
	if m.cache == nil {
		m.cache = map[int][]featRow{}
	}
	// Drop periods no longer needed, reusing their memory.
	var rows []featRow
	for u, r := range m.cache {
		if u < m.next {
			delete(m.cache, u)
			if len(r) == len(h.Y) {
				rows = r
			}
		}
	}
	if rows == nil {
		rows = make([]featRow, len(h.Y))
	}
	m.parallel(len(h.Y), func(_, lo, hi int) {
		for k := lo; k < hi; k++ {
			rows[k] = m.features(h, k, t)
		}
	})
	m.cache[t] = rows
	return rows
}

func (m *Pooled) parallel(n int, f func(chunk, lo, hi int)) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, m.opt.Workers)
	for c := range nChunks {
		lo, hi := c*n/nChunks, (c+1)*n/nChunks
		if lo == hi {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			f(c, lo, hi)
		}()
	}
	wg.Wait()
}

// addRows adds the training rows of period t (features at t, target at
// t+horizon, both <= origin).
func (m *Pooled) addRows(h *History, t int) {
	rows := m.featuresAt(h, t)
	if m.xtx == nil {
		m.xtx = make([]float64, nFeat*nFeat)
		m.xty = make([]float64, nFeat)
	}
	if m.opt.Decay != 1 {
		for i := range m.xtx {
			m.xtx[i] *= m.opt.Decay
		}
		for i := range m.xty {
			m.xty[i] *= m.opt.Decay
		}
		m.wsum *= m.opt.Decay
	}
	type part struct {
		xtx  [nFeat * nFeat]float64
		xty  [nFeat]float64
		wsum float64
		n    int
	}
	parts := make([]part, nChunks)
	m.parallel(len(rows), func(c, lo, hi int) {
		p := &parts[c]
		for k := lo; k < hi; k++ {
			r := &rows[k]
			if !r.ok || t < 2 {
				continue
			}
			z := (h.Y[k][t+m.horizon] - r.level) / r.scale
			z = min(max(z, -m.opt.Clip), m.opt.Clip)
			if a := m.opt.Asinh; a > 0 {
				z = math.Asinh(z*a) / a
			}
			w := math.Pow(r.scale, m.opt.WeightPower)
			for i := range nFeat {
				wx := w * r.x[i]
				p.xty[i] += wx * z
				row := p.xtx[i*nFeat:]
				for j := i; j < nFeat; j++ {
					row[j] += wx * r.x[j]
				}
			}
			p.wsum += w
			p.n++
		}
	})
	for c := range parts {
		p := &parts[c]
		for i := range m.xtx {
			m.xtx[i] += p.xtx[i]
		}
		for i := range m.xty {
			m.xty[i] += p.xty[i]
		}
		m.wsum += p.wsum
		m.rows += p.n
	}
	if m.rowHook != nil && t >= 2 {
		m.rowHook(h, t, rows)
	}
}

func (m *Pooled) fit() {
	if coef := solveRidge(m.xtx, m.xty, m.opt.Lambda*m.wsum); coef != nil {
		m.coef = coef
	}
}

// solveRidge solves (X'WX + lam*I) b = X'Wy, where xtx holds the upper
// triangle of X'WX; the intercept (column 0) is not penalised.
func solveRidge(xtx, xty []float64, lam float64) []float64 {
	a := mat.NewSymDense(nFeat, nil)
	for i := range nFeat {
		for j := i; j < nFeat; j++ {
			a.SetSym(i, j, xtx[i*nFeat+j])
		}
	}
	for i := 1; i < nFeat; i++ {
		a.SetSym(i, i, a.At(i, i)+lam)
	}
	a.SetSym(0, 0, a.At(0, 0)+1e-6*lam)
	var ch mat.Cholesky
	if !ch.Factorize(a) {
		return nil
	}
	var b mat.VecDense
	if err := ch.SolveVecTo(&b, mat.NewVecDense(nFeat, slices.Clone(xty))); err != nil {
		return nil
	}
	return slices.Clone(b.RawVector().Data)
}

// features of key k at period t. ok is false for keys with a flat or
// missing recent history, which are forecast by their last value.
func (m *Pooled) features(h *History, k, t int) featRow {
	y := h.Y[k][:t+1]
	first := h.First[k]
	if first > t {
		first = -1
	}
	d, m12 := keyScale(y, first)
	var r featRow
	if d == 0 {
		return r
	}
	r.ok, r.scale = true, d
	L := y[t]
	r.level = L
	at := func(i int) float64 {
		if i < 0 {
			return 0
		}
		return y[i]
	}
	mean := func(w int) float64 {
		lo := max(0, t-w+1)
		var s float64
		for _, v := range y[lo : t+1] {
			s += v
		}
		return s / float64(w)
	}
	var buf [scaleWindow]float64
	lo := max(0, t-scaleWindow+1)
	win := append(buf[:0], y[lo:t+1]...)
	slices.Sort(win)
	median := win[len(win)/2]
	if len(win)%2 == 0 {
		median = (win[len(win)/2-1] + win[len(win)/2]) / 2
	}
	ew := func(a float64) float64 {
		f := max(first, 0)
		l := y[f]
		for _, v := range y[f+1 : t+1] {
			l += a * (v - l)
		}
		return l
	}
	s := h.Season
	if s < 2 {
		s = 12
	}
	x := &r.x
	x[0] = 1
	for j := 1; j <= 6; j++ {
		x[j] = (at(t-j) - L) / d
	}
	back := s * ((m.horizon + s - 1) / s)
	x[7] = (at(t+m.horizon-back) - L) / d
	x[8] = (at(t+m.horizon-back-s) - L) / d
	m3, m6, m12v, m24 := mean(3), mean(6), mean(12), mean(24)
	x[9] = (m3 - L) / d
	x[10] = (m6 - L) / d
	x[11] = (m12v - L) / d
	x[12] = (median - L) / d
	x[13] = (m24 - L) / d
	x[14] = (ew(0.5) - L) / d
	x[15] = (ew(0.2) - L) / d
	x[16] = L / d
	x[17] = m12 / d
	x[18] = math.Log1p(m12)
	var dayRatio float64
	if h.Days != nil && t+m.horizon < len(h.Days) && h.Days[t] > 0 {
		dayRatio = h.Days[t+m.horizon]/h.Days[t] - 1
	}
	x[19] = L / d * dayRatio
	x[20] = m12v / d * dayRatio
	shock := func(a []float64) (long, short float64) {
		lo := max(0, t-12)
		var s float64
		for _, v := range a[lo:t] {
			s += v
		}
		n := t - lo
		if n == 0 {
			return 0, 0
		}
		long = math.Log((a[t] + 1) / (s/float64(n) + 1))
		short = math.Log((a[t] + 1) / (a[t-1] + 1))
		return
	}
	ents := h.Entities[k]
	gA, sA := shock(m.act[ents[0]])
	gB, sB := gA, sA
	if len(ents) > 1 {
		gB, sB = shock(m.act[ents[1]])
	}
	gG, sG := shock(m.glob)
	x[21] = gA + gB
	x[22] = sA + sB
	x[23] = gG
	x[24] = L / d * (gA + gB)
	x[25] = L / d * (sA + sB)
	x[26] = L / d * gG
	x[27] = L / d * sG
	// The same transition in past seasons: how this key moved from the
	// origin's season position to the target's, a year (two, three) ago.
	var tr [3]float64
	var lv float64
	ntr := 0
	for j := 1; j <= 3; j++ {
		a, b := t-j*s, t+m.horizon-j*s
		if a < max(first, 0) {
			break
		}
		tr[ntr] = y[b] - y[a]
		lv += y[b]
		ntr++
	}
	if ntr > 0 {
		var sum float64
		for _, v := range tr[:ntr] {
			sum += v
		}
		x[28] = sum / float64(ntr) / d
		med := tr[:ntr]
		slices.Sort(med)
		x[29] = med[ntr/2] / d
		if ntr == 2 {
			x[29] = (med[0] + med[1]) / 2 / d
		}
		x[30] = (lv/float64(ntr) - L) / d
	}
	// How this key's changes have followed each other (the lag-1
	// autocorrelation of its changes over two seasons): near -1 for a
	// key whose spikes revert, near 0 for a random walk.
	{
		lo := max(first+1, t-2*s+1, 2)
		var num, den float64
		for j := lo; j <= t; j++ {
			a, b := y[j]-y[j-1], y[j-1]-y[j-2]
			num += a * b
			den += a * a
		}
		rho := 0.0
		if den > 0 {
			rho = num / den
		}
		x[31] = rho * (L - at(t-1)) / d
		x[32] = rho * (m6 - L) / d
	}
	x[33] = (sesLevel(y[max(first, 0):], 0) - L) / d
	for i := 1; i < nFeat; i++ {
		x[i] = min(max(x[i], -50), 50)
	}
	return r
}
