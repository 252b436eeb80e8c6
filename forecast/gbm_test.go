package forecast

import (
	"math"
	"math/rand/v2"
	"testing"
)

// stepRows returns n rows of two features: the first (0, 0.1, ..., 0.9)
// decides a step (y = 3 where x0 > 0.5, else -1), the second is noise.
func stepRows(n int, seed uint64) (x []float32, y []float64, w []float32) {
	r := rand.New(rand.NewPCG(seed, 2))
	for range n {
		a, b := float32(r.IntN(10))/10, r.Float32()
		x = append(x, a, b)
		v := -1.0
		if a > 0.5 {
			v = 3
		}
		y = append(y, v)
		w = append(w, 1)
	}
	return
}

func TestTreesFitAStep(t *testing.T) {
	x, y, w := stepRows(2000, 1)
	// One tree of depth 1 at full rate finds the step.
	e := FitTrees(x, 2, y, w, TreeOptions{Trees: 1, Depth: 1, MinLeaf: 5, Bins: 64, Rate: 1, Subsample: 1, ColSample: 1, L2: 1e-9}, nil)
	if e.Len() != 1 {
		t.Fatalf("%d trees, want 1", e.Len())
	}
	for i := range y {
		if got := e.Predict(x[2*i : 2*i+2]); math.Abs(got-y[i]) > 1e-6 {
			t.Fatalf("row %d (x0=%.3f): got %.6f, want %g", i, x[2*i], got, y[i])
		}
	}
	// Off the training rows too.
	if got := e.Predict([]float32{0.95, 0.1}); math.Abs(got-3) > 1e-6 {
		t.Errorf("x0=0.9: %g, want 3", got)
	}
	if got := e.Predict([]float32{0.1, 0.9}); math.Abs(got+1) > 1e-6 {
		t.Errorf("x0=0.1: %g, want -1", got)
	}
}

func TestTreesRespectMinLeaf(t *testing.T) {
	// One outlier row would make its own leaf without the limit.
	x, y, w := stepRows(500, 3)
	y[7] = 1000
	const minLeaf = 60
	e := FitTrees(x, 2, y, w, TreeOptions{Trees: 20, Depth: 6, MinLeaf: minLeaf, Bins: 64, Rate: 0.5, Subsample: 1, ColSample: 1, L2: 1}, nil)
	if small := smallestLeaf(e, x, len(y)); small < minLeaf {
		t.Fatalf("a leaf holds %d rows, fewer than %d", small, minLeaf)
	}
	// Without the limit the outlier gets a leaf of its own (the check
	// above can fail).
	opt1 := TreeOptions{Trees: 20, Depth: 6, MinLeaf: 1, Bins: 64, Rate: 0.5, Subsample: 1, ColSample: 1, L2: 1}
	if small := smallestLeaf(FitTrees(x, 2, y, w, opt1, nil), x, len(y)); small >= minLeaf {
		t.Errorf("with MinLeaf 1 the smallest leaf holds %d rows", small)
	}
}

// smallestLeaf returns the fewest rows of x in any leaf of e.
func smallestLeaf(e *Ensemble, x []float32, n int) int {
	small := n
	for _, tree := range e.trees {
		counts := make([]int, len(tree))
		for i := range n {
			j := 0
			for tree[j].feat >= 0 {
				if x[2*i+int(tree[j].feat)] <= tree[j].thr {
					j = int(tree[j].left)
				} else {
					j = int(tree[j].right)
				}
			}
			counts[j]++
		}
		for j, nd := range tree {
			if nd.feat < 0 {
				small = min(small, counts[j])
			}
		}
	}
	return small
}

func TestTreesDeterministic(t *testing.T) {
	x, y, w := stepRows(1000, 5)
	for i := range y {
		y[i] += float64(x[2*i+1]) // something for the sampled features to find
	}
	opt := TreeOptions{Trees: 30, Depth: 4, MinLeaf: 10, Bins: 32, Rate: 0.1, Subsample: 0.6, ColSample: 0.5, L2: 1, Seed: 42}
	a, b := FitTrees(x, 2, y, w, opt, nil), FitTrees(x, 2, y, w, opt, nil)
	opt.Seed = 43
	c := FitTrees(x, 2, y, w, opt, nil)
	differ := false
	for i := range y {
		p := x[2*i : 2*i+2]
		if a.Predict(p) != b.Predict(p) {
			t.Fatalf("row %d: same seed, %g and %g", i, a.Predict(p), b.Predict(p))
		}
		differ = differ || a.Predict(p) != c.Predict(p)
	}
	if !differ {
		t.Error("another seed gave the same trees (subsampling not seeded?)")
	}
}

func TestGBMBeatsNaiveOnSynthetic(t *testing.T) {
	p := synthetic(60, 72, 11, func(int) float64 { return 1 })
	opt := Options{Horizon: 1, From: 36}
	var gbmErr, naiveErr float64
	models := []Model{NewGBM(GBMOptions{Trees: 30, Sample: 2000, Ridge: PooledOptions{Workers: 2}}), Naive{}}
	err := Backtest(t.Context(), p, models, opt, func(r *Result) error {
		for k := range r.Bands[0] {
			y := p.Values[k][r.Target]
			gbmErr += math.Abs(r.Bands[0][k].Point - y)
			naiveErr += math.Abs(r.Bands[1][k].Point - y)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if gbmErr >= naiveErr {
		t.Errorf("gbm MAE %.3f not below naive %.3f", gbmErr, naiveErr)
	}
}

func TestTreesL1FitsAStepThroughOutliers(t *testing.T) {
	x, y, w := stepRows(1000, 9)
	// A few huge values: the mean would move, the median does not.
	for i := 0; i < len(y); i += 50 {
		y[i] += 1e4
	}
	e := FitTrees(x, 2, y, w, TreeOptions{Trees: 1, Depth: 1, MinLeaf: 5, Bins: 64, Rate: 1, Subsample: 1, ColSample: 1, L2: 1e-9, L1: true, NoIntercept: true}, nil)
	for _, c := range []struct {
		x0   float32
		want float64
	}{{0.9, 3}, {0.1, -1}} {
		if got := e.Predict([]float32{c.x0, 0.5}); math.Abs(got-c.want) > 1e-6 {
			t.Errorf("x0=%g: %g, want %g", c.x0, got, c.want)
		}
	}
}
