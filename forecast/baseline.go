package forecast

// Baselines: textbook one-series models applied to every key on its own.

// Naive forecasts the value at the origin carried forward.
type Naive struct{}

func (Naive) Name() string { return "naive" }

func (Naive) Forecast(h *History, horizon int, out []float64) {
	for k, y := range h.Y {
		out[k] = y[len(y)-1]
	}
}

// SeasonalNaive forecasts the value one season before the target period
// (for monthly data and horizon 1: the same month last year), falling back
// to the naive forecast when the history is shorter than a season.
type SeasonalNaive struct {
	Season int // 0: the history's season
}

func (SeasonalNaive) Name() string { return "snaive" }

func (m SeasonalNaive) Forecast(h *History, horizon int, out []float64) {
	s := m.Season
	if s <= 0 {
		s = h.Season
	}
	if s <= 0 {
		s = 1
	}
	back := s * ((horizon + s - 1) / s) // whole seasons covering the horizon
	for k, y := range h.Y {
		o := len(y) - 1
		if i := o + horizon - back; i >= 0 && i <= o {
			out[k] = y[i]
		} else {
			out[k] = y[o]
		}
	}
}

// Mean forecasts the mean of the last Window values (all if 0).
type Mean struct{ Window int }

func (Mean) Name() string { return "mean" }

func (m Mean) Forecast(h *History, horizon int, out []float64) {
	for k, y := range h.Y {
		lo := 0
		if m.Window > 0 {
			lo = max(0, len(y)-m.Window)
		}
		if f := h.First[k]; f > lo {
			lo = f
		}
		var s float64
		for _, v := range y[lo:] {
			s += v
		}
		out[k] = s / float64(len(y)-lo)
	}
}

// alphaGrid is the smoothing weights SES and Holt choose from.
var alphaGrid = [...]float64{0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1}

// SES is simple exponential smoothing: the level l_t = a*y_t + (1-a)*l_{t-1},
// starting from the first value of the key's history, forecast flat. With
// Alpha 0 each key gets the weight from alphaGrid with the smallest
// in-sample one-step squared error.
type SES struct{ Alpha float64 }

func (SES) Name() string { return "ses" }

func (m SES) Forecast(h *History, horizon int, out []float64) {
	for k, y := range h.Y {
		f := max(h.First[k], 0)
		out[k] = sesLevel(y[f:], m.Alpha)
	}
}

// sesLevel returns the final level of SES over y with weight a, or with
// the best weight of alphaGrid if a is 0.
func sesLevel(y []float64, a float64) float64 {
	if len(y) == 0 {
		return 0
	}
	if a > 0 {
		l := y[0]
		for _, v := range y[1:] {
			l = a*v + (1-a)*l
		}
		return l
	}
	var lev, sse [len(alphaGrid)]float64
	for i := range lev {
		lev[i] = y[0]
	}
	for _, v := range y[1:] {
		for i, a := range alphaGrid {
			e := v - lev[i]
			sse[i] += e * e
			lev[i] += a * e
		}
	}
	best := len(alphaGrid) - 1
	for i := range sse {
		if sse[i] < sse[best] {
			best = i
		}
	}
	return lev[best]
}

// Holt is Holt's linear trend method: level l_t = a*y_t + (1-a)*(l_{t-1}+b_{t-1}),
// trend b_t = b*(l_t-l_{t-1}) + (1-b)*b_{t-1}, starting from l = y_0 and
// b = y_1-y_0, forecast l + h*b*Damp-sum. With Alpha 0 each key gets the
// (alpha, beta) pair of a small grid with the smallest one-step squared
// error. Damp (0 < Damp <= 1, default 1: undamped) damps the trend.
type Holt struct {
	Alpha, Beta float64
	Damp        float64
}

func (Holt) Name() string { return "holt" }

var holtAlphas = [...]float64{0.1, 0.3, 0.5, 0.8}
var holtBetas = [...]float64{0.05, 0.2}

func (m Holt) Forecast(h *History, horizon int, out []float64) {
	phi := m.Damp
	if phi <= 0 || phi > 1 {
		phi = 1
	}
	for k, y := range h.Y {
		y = y[max(h.First[k], 0):]
		if len(y) < 2 {
			out[k] = y[len(y)-1]
			continue
		}
		if m.Alpha > 0 {
			l, b, _ := holtRun(y, m.Alpha, m.Beta, phi)
			out[k] = l + b*dampSum(phi, horizon)
			continue
		}
		bestSSE, bestF := 0.0, 0.0
		first := true
		for _, a := range holtAlphas {
			for _, bb := range holtBetas {
				l, b, sse := holtRun(y, a, bb, phi)
				if first || sse < bestSSE {
					bestSSE, bestF, first = sse, l+b*dampSum(phi, horizon), false
				}
			}
		}
		out[k] = bestF
	}
}

func dampSum(phi float64, h int) float64 {
	s, p := 0.0, 1.0
	for range h {
		p *= phi
		s += p
	}
	return s
}

func holtRun(y []float64, a, b, phi float64) (level, trend, sse float64) {
	l, tr := y[0], y[1]-y[0]
	for _, v := range y[1:] {
		f := l + phi*tr
		e := v - f
		sse += e * e
		nl := f + a*e
		tr = b*(nl-l) + (1-b)*phi*tr
		l = nl
	}
	return l, tr, sse
}
