package classify

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"sync"

	"github.com/parley-events/parley"
)

// Score is the model's probability for one event type.
type Score struct {
	PLOVER string  // PLOVER 2021 type; "" for a statement or no event
	Root   string  // CAMEO root "01".."20"; "" for no event
	P      float64 // probability, summing to 1 over all types
}

// Event reports whether the score is an event type (not "no event").
func (s Score) Event() bool { return s.Root != "" }

// Model is a trained event-type model. It is read-only after loading and
// safe for concurrent use.
type Model struct {
	classes []Score // PLOVER and Root of each class
	bits    uint
	bias    []float32
	scale   []float32
	w       []int8 // bucket-major: w[b*K+k]
	pool    sync.Pool
}

//go:embed model.bin.gz
var embedded []byte

var (
	defaultOnce  sync.Once
	defaultModel *Model
)

// Default returns the model embedded in the binary, loaded on first use.
// It panics only if the embedded file is corrupt, which the package tests
// rule out.
func Default() *Model {
	defaultOnce.Do(func() {
		m, err := Read(bytes.NewReader(embedded))
		if err != nil {
			panic("classify: embedded model: " + err.Error())
		}
		defaultModel = m
	})
	return defaultModel
}

const magic = "PLYCLS1\n"

// Read reads a model in the format of the package documentation (gzip
// compressed). Errors are of kind Invalid.
func Read(r io.Reader) (*Model, error) {
	bad := func(format string, args ...any) (*Model, error) {
		return nil, parley.Errorf(parley.Invalid, "classify: read model", format, args...)
	}
	zr, err := gzip.NewReader(r)
	if err != nil {
		return bad("%v", err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return bad("%v", err)
	}
	if len(b) < len(magic)+8 || string(b[:len(magic)]) != magic {
		return bad("not a parley classifier model")
	}
	b = b[len(magic):]
	k := int(binary.LittleEndian.Uint32(b))
	bits := uint(binary.LittleEndian.Uint32(b[4:]))
	b = b[8:]
	if k < 1 || k > 256 || bits < 4 || bits > 24 {
		return bad("bad header: %d classes, %d bits", k, bits)
	}
	m := &Model{bits: bits, classes: make([]Score, k), bias: make([]float32, k), scale: make([]float32, k)}
	str := func() (string, bool) {
		if len(b) < 1 || len(b) < 1+int(b[0]) {
			return "", false
		}
		s := string(b[1 : 1+int(b[0])])
		b = b[1+int(b[0]):]
		return s, true
	}
	for i := range k {
		p, ok1 := str()
		r, ok2 := str()
		if !ok1 || !ok2 || len(b) < 8 {
			return bad("truncated class table")
		}
		m.classes[i] = Score{PLOVER: p, Root: r}
		m.bias[i] = math.Float32frombits(binary.LittleEndian.Uint32(b))
		m.scale[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4:]))
		b = b[8:]
	}
	n := (1 << bits) * k
	if len(b) != n {
		return bad("weights: %d bytes, want %d", len(b), n)
	}
	m.w = make([]int8, n)
	for i, c := range b {
		m.w[i] = int8(c)
	}
	return m, nil
}

// Write writes a model built from float weights (bucket-major, 2^bits*K)
// and biases, quantising each class's weights to int8.
func Write(w io.Writer, classes []Score, bits uint, bias []float32, weights []float32) error {
	k := len(classes)
	if len(bias) != k || len(weights) != (1<<bits)*k {
		return parley.Errorf(parley.Invalid, "classify: write model", "%d classes, %d biases, %d weights for %d bits", k, len(bias), len(weights), bits)
	}
	scale := make([]float32, k)
	for i, x := range weights {
		c := i % k
		if a := float32(math.Abs(float64(x))); a > scale[c] {
			scale[c] = a
		}
	}
	for c := range scale {
		scale[c] /= 127
		if scale[c] == 0 {
			scale[c] = 1
		}
	}
	var buf bytes.Buffer
	buf.WriteString(magic)
	var u [4]byte
	put := func(x uint32) { binary.LittleEndian.PutUint32(u[:], x); buf.Write(u[:]) }
	put(uint32(k))
	put(uint32(bits))
	for i, c := range classes {
		for _, s := range []string{c.PLOVER, c.Root} {
			buf.WriteByte(byte(len(s)))
			buf.WriteString(s)
		}
		put(math.Float32bits(bias[i]))
		put(math.Float32bits(scale[i]))
	}
	for i, x := range weights {
		q := math.Round(float64(x / scale[i%k]))
		q = math.Max(-127, math.Min(127, q))
		buf.WriteByte(byte(int8(q)))
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(buf.Bytes()); err != nil {
		return err
	}
	return zw.Close()
}

// Classes returns the model's event types, in its internal order.
func (m *Model) Classes() []Score {
	out := make([]Score, len(m.classes))
	copy(out, m.classes)
	return out
}

type scratch struct {
	feats []uint32
	acc   []int32
	z     []float64
}

// Predict returns a probability for every event type the model knows
// (including the statement and no-event types), sorted by P descending.
// words are the sentence's tokens (any case; punctuation as tokens).
func (m *Model) Predict(words []string) []Score {
	out := make([]Score, len(m.classes))
	m.PredictInto(out, words)
	return out
}

// PredictInto is Predict writing into dst, which must have len(Classes())
// elements; it allocates nothing once warm.
func (m *Model) PredictInto(dst []Score, words []string) {
	k := len(m.classes)
	if len(dst) != k {
		panic(fmt.Sprintf("classify: PredictInto: dst has %d elements, want %d", len(dst), k))
	}
	s, _ := m.pool.Get().(*scratch)
	if s == nil {
		s = &scratch{z: make([]float64, k), acc: make([]int32, k)}
	}
	s.feats = AppendFeatures(s.feats[:0], words, m.bits)
	acc := s.acc
	clear(acc)
	for _, f := range s.feats {
		row := m.w[int(f)*k : int(f)*k+k]
		for c, x := range row {
			acc[c] += int32(x)
		}
	}
	z := s.z
	max := math.Inf(-1)
	for c := range k {
		z[c] = float64(m.bias[c]) + float64(acc[c])*float64(m.scale[c])
		if z[c] > max {
			max = z[c]
		}
	}
	sum := 0.0
	for c := range k {
		z[c] = math.Exp(z[c] - max)
		sum += z[c]
	}
	for c := range k {
		dst[c] = m.classes[c]
		dst[c].P = z[c] / sum
	}
	m.pool.Put(s)
	// Insertion sort: a few dozen classes, no allocation.
	for i := 1; i < len(dst); i++ {
		for j := i; j > 0 && dst[j].P > dst[j-1].P; j-- {
			dst[j], dst[j-1] = dst[j-1], dst[j]
		}
	}
}
