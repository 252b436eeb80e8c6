// Command train trains parley's event-type model (package classify) and
// measures it.
//
//	go run ./internal/train -shared ../shared -out classify/model.bin.gz
//	go run ./internal/train -shared ../shared -eval-only
//
// It trains only on data marked "train" in ../shared/data/MANIFEST.md: the
// synthetic PLOVER stories (training/gpt_synthetic_events_*.csv) and
// headlines (training/synthetic_headlines.csv), the PLOVER structured
// codebook and the CAMEO code names, plus sentences generated from parley's
// own verb dictionary (package verbs). The evaluation sets (gold/PLV_train.tsv,
// gold/cameo_class_train.tsv, gold/PLOVER_GSR_CAMEO.json) are read only by
// -eval to report accuracy, never for training.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"github.com/parley-events/parley/classify"
)

func main() {
	shared := flag.String("shared", "../shared", "the shared data folder")
	out := flag.String("out", "classify/model.bin.gz", "where to write the model")
	bits := flag.Uint("bits", 18, "log2 of the number of feature hash buckets")
	epochs := flag.Int("epochs", 4, "training epochs")
	lr := flag.Float64("lr", 0.2, "AdaGrad learning rate")
	seed := flag.Uint64("seed", 1, "random seed")
	ensemble := flag.Int("ensemble", 5, "number of training runs averaged")
	evalOnly := flag.Bool("eval-only", false, "only evaluate the model at -out")
	verbose := flag.Bool("v", false, "print per-class figures")
	flag.Float64Var(&ownWeight, "own-weight", 2, "weight of sentences generated from parley's verb dictionary")
	flag.Float64Var(&cameoWeight, "cameo-weight", 0.3, "weight of sentences generated from CAMEO.2.0.txt (a train file); 0 leaves it out")
	flag.Float64Var(&weakWeight, "weak-weight", 1, "weight multiplier of story sentences labelled by the dictionary")
	flag.Float64Var(&l2, "l2", 1e-4, "L2 penalty on active weights")
	flag.Float64Var(&balance, "balance", 1, "class weight = frequency^-balance (0 none, 1 full)")
	combineDir := flag.String("combine", "", "with -eval-only: simulate the coder plus the model fallback on this run-dev.sh EVAL_OUT folder")
	minP := flag.Float64("min-p", 0, "with -combine: the least probability of a fallback event")
	dropSt := flag.Bool("drop-statements", true, "with -combine: drop statements from sentences with other events")
	flag.Parse()

	if *evalOnly {
		f, err := os.Open(*out)
		if err != nil {
			fatal(err)
		}
		m, err := classify.Read(f)
		f.Close()
		if err != nil {
			fatal(err)
		}
		if *combineDir != "" {
			if err := combine(m, *combineDir, []string{"PLV_train", "PLOVER_GSR_CAMEO", "cameo_class_train"}, *minP, *dropSt); err != nil {
				fatal(err)
			}
			return
		}
		evaluate(m, *shared, *verbose)
		return
	}
	rng := rand.New(rand.NewPCG(*seed, 7))
	start := time.Now()
	ex, err := buildExamples(*shared, uint(*bits), rng)
	if err != nil {
		fatal(err)
	}
	fmt.Fprintf(os.Stderr, "train: %d examples (%s)\n", len(ex), time.Since(start).Round(time.Millisecond))
	counts := make([]float64, len(classes))
	for _, e := range ex {
		counts[e.y] += float64(e.w)
	}
	for i, c := range classes {
		fmt.Fprintf(os.Stderr, "  %-10s %-3s %8.1f\n", c.PLOVER, c.Root, counts[i])
	}
	rng.Shuffle(len(ex), func(i, j int) { ex[i], ex[j] = ex[j], ex[i] })
	nHeld := len(ex) / 10
	held, trainSet := ex[:nHeld], ex[nHeld:]
	// An ensemble of runs with different orders, averaged: the averaged
	// weights vary less with the seed than one run's.
	var w, b []float32
	for r := range *ensemble {
		wr, br := train(trainSet, uint(*bits), *epochs, *lr, rng)
		if r == 0 {
			w, b = wr, br
			continue
		}
		for i := range w {
			w[i] += wr[i]
		}
		for i := range b {
			b[i] += br[i]
		}
	}
	for i := range w {
		w[i] /= float32(*ensemble)
	}
	for i := range b {
		b[i] /= float32(*ensemble)
	}
	t := temperature(held, w, b, len(classes))
	fmt.Fprintf(os.Stderr, "train: temperature %.2f (held-out NLL)\n", t)
	for i := range w {
		w[i] /= float32(t)
	}
	for i := range b {
		b[i] /= float32(t)
	}
	var buf bytes.Buffer
	if err := classify.Write(&buf, classes, uint(*bits), b, w); err != nil {
		fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(*out), 0o755); err != nil {
		fatal(err)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		fatal(err)
	}
	fmt.Fprintf(os.Stderr, "train: wrote %s (%d bytes) in %s\n", *out, buf.Len(), time.Since(start).Round(time.Millisecond))
	m, err := classify.Read(bytes.NewReader(buf.Bytes()))
	if err != nil {
		fatal(err)
	}
	heldAcc(m, held)
	evaluate(m, *shared, *verbose)
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "train:", err)
	os.Exit(1)
}

var l2, balance float64

// example is one training sentence: its feature buckets, class and weight.
type example struct {
	f     []uint32
	y     int
	w     float32
	words []string
}

// train fits a multinomial logistic regression with AdaGrad.
func train(ex []example, bits uint, epochs int, lr float64, rng *rand.Rand) ([]float32, []float32) {
	k := len(classes)
	n := 1 << bits
	w := make([]float32, n*k)
	g := make([]float32, n*k)
	b := make([]float32, k)
	gb := make([]float32, k)
	z := make([]float64, k)
	// Class weights: inverse square root of frequency, mean 1.
	freq := make([]float64, k)
	for _, e := range ex {
		freq[e.y] += float64(e.w)
	}
	cw := make([]float64, k)
	sum := 0.0
	for c := range k {
		if freq[c] > 0 {
			cw[c] = math.Pow(freq[c], -balance)
			sum += cw[c] * freq[c]
		}
	}
	tot := 0.0
	for _, f := range freq {
		tot += f
	}
	for c := range k {
		cw[c] *= tot / sum
	}
	for ep := range epochs {
		rng.Shuffle(len(ex), func(i, j int) { ex[i], ex[j] = ex[j], ex[i] })
		loss := 0.0
		for _, e := range ex {
			for c := range k {
				z[c] = float64(b[c])
			}
			for _, f := range e.f {
				row := w[int(f)*k : int(f)*k+k]
				for c := range k {
					z[c] += float64(row[c])
				}
			}
			softmax(z)
			loss -= float64(e.w) * math.Log(math.Max(z[e.y], 1e-12))
			scale := float64(e.w) * cw[e.y]
			for c := range k {
				grad := z[c]
				if c == e.y {
					grad--
				}
				grad *= scale
				z[c] = grad
				gb[c] += float32(grad * grad)
				b[c] -= float32(lr * grad / math.Sqrt(float64(gb[c])+1e-8))
			}
			for _, f := range e.f {
				off := int(f) * k
				for c := range k {
					gr := z[c] + l2*float64(w[off+c])
					if gr == 0 {
						continue
					}
					g[off+c] += float32(gr * gr)
					w[off+c] -= float32(lr * gr / math.Sqrt(float64(g[off+c])+1e-8))
				}
			}
		}
		fmt.Fprintf(os.Stderr, "train: epoch %d loss %.4f\n", ep+1, loss/float64(len(ex)))
	}
	return w, b
}

func softmax(z []float64) {
	max := math.Inf(-1)
	for _, x := range z {
		max = math.Max(max, x)
	}
	s := 0.0
	for i, x := range z {
		z[i] = math.Exp(x - max)
		s += z[i]
	}
	for i := range z {
		z[i] /= s
	}
}

// temperature picks the softmax temperature that minimises the negative
// log-likelihood of held-out examples.
func temperature(held []example, w, b []float32, k int) float64 {
	best, bestT := math.Inf(1), 1.0
	z := make([]float64, k)
	for t := 0.5; t <= 4.0; t += 0.1 {
		nll := 0.0
		for _, e := range held {
			for c := range k {
				z[c] = float64(b[c])
			}
			for _, f := range e.f {
				for c := range k {
					z[c] += float64(w[int(f)*k+c])
				}
			}
			for c := range k {
				z[c] /= t
			}
			softmax(z)
			nll -= math.Log(math.Max(z[e.y], 1e-12))
		}
		if nll < best {
			best, bestT = nll, t
		}
	}
	return bestT
}
