package ingest

import (
	"math/bits"
	"unicode"
	"unicode/utf8"

	"github.com/parley-events/parley"
)

// Near-duplicate detection: MinHash over word 3-shingles with
// locality-sensitive hashing. Each story gets numHashes minimum hash
// values; stories that agree on all rows of at least one band are
// candidates, and a candidate is a near duplicate when the share of equal
// values (an estimate of the Jaccard similarity of the two shingle sets)
// is at least NearThreshold.
const (
	numHashes = 64
	bandRows  = 4
	numBands  = numHashes / bandRows
	// NearThreshold is the estimated Jaccard similarity of word 3-shingles
	// above which two stories are near duplicates. A 300-word story with
	// one sentence rewritten scores about 0.85; unrelated stories on the
	// same topic score below 0.1.
	NearThreshold = 0.7
	// minShingles: shorter texts are only checked for exact duplicates.
	minShingles = 8
)

// signature is a story's MinHash signature.
type signature [numHashes]uint64

// Deduper recognises exact and near-duplicate stories among those it has
// seen. The zero value is not ready; use NewDeduper. Not safe for
// concurrent use.
type Deduper struct {
	exact map[string]string // Hash -> id of the first story with it
	ids   []string
	sigs  []signature
	bands [numBands]map[uint64][]int32
	seeds [numHashes]uint64
	mul   [numHashes]uint64
	buf   []uint64
}

// NewDeduper returns an empty Deduper.
func NewDeduper() *Deduper {
	d := &Deduper{exact: make(map[string]string)}
	for i := range d.bands {
		d.bands[i] = make(map[uint64][]int32)
	}
	x := uint64(0x9E3779B97F4A7C15)
	for i := range d.seeds {
		x = splitmix(x + uint64(i)*0x632BE59BD9B4E5F5)
		d.seeds[i] = x
		d.mul[i] = splitmix(x) | 1
	}
	return d
}

// Check compares s with the stories seen before it and sets
// s.DuplicateOf and s.Duplicate ("exact" or "near") when it repeats one.
// A story that is not a duplicate is remembered. s.Hash must be set.
func (d *Deduper) Check(s *parley.Story) {
	if first, ok := d.exact[s.Hash]; ok {
		s.DuplicateOf, s.Duplicate = first, "exact"
		return
	}
	d.exact[s.Hash] = s.ID
	sig, ok := d.signature(s.Text)
	if !ok {
		return
	}
	best, bestSim := -1, 0.0
	var keys [numBands]uint64
	for b := range numBands {
		keys[b] = bandKey(sig[b*bandRows : (b+1)*bandRows])
		for _, j := range d.bands[b][keys[b]] {
			if int(j) == best {
				continue
			}
			if sim := similarity(&sig, &d.sigs[j]); sim >= NearThreshold && (sim > bestSim || sim == bestSim && int(j) < best) {
				best, bestSim = int(j), sim
			}
		}
	}
	if best >= 0 {
		s.DuplicateOf, s.Duplicate = d.ids[best], "near"
		return
	}
	idx := int32(len(d.sigs))
	d.ids = append(d.ids, s.ID)
	d.sigs = append(d.sigs, sig)
	for b := range numBands {
		d.bands[b][keys[b]] = append(d.bands[b][keys[b]], idx)
	}
}

// Similarity estimates the Jaccard similarity of the word 3-shingles of
// two texts (0 when either is too short to compare).
func (d *Deduper) Similarity(a, b string) float64 {
	sa, ok1 := d.signature(a)
	sb, ok2 := d.signature(b)
	if !ok1 || !ok2 {
		return 0
	}
	return similarity(&sa, &sb)
}

func (d *Deduper) signature(text string) (signature, bool) {
	var sig signature
	hs := wordHashes(text, d.buf[:0])
	d.buf = hs
	if len(hs) < minShingles+2 {
		return sig, false
	}
	for i := range sig {
		sig[i] = ^uint64(0)
	}
	for i := 0; i+2 < len(hs); i++ {
		sh := splitmix(hs[i] ^ bits.RotateLeft64(hs[i+1], 21) ^ bits.RotateLeft64(hs[i+2], 42))
		// sh*a+b with odd a is a permutation of 64-bit values: one cheap
		// hash function per signature row.
		for k := range sig {
			if v := sh*d.mul[k] + d.seeds[k]; v < sig[k] {
				sig[k] = v
			}
		}
	}
	return sig, true
}

// wordHashes appends the FNV-1a hash of each word of text (runs of letters
// and digits, lower-cased) to hs.
func wordHashes(text string, hs []uint64) []uint64 {
	const (
		offset = 14695981039346656037
		prime  = 1099511628211
	)
	h, in := uint64(offset), false
	for _, r := range text {
		if r < utf8.RuneSelf {
			c := byte(r)
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
				h = (h ^ uint64(c)) * prime
				in = true
				continue
			}
		} else if unicode.IsLetter(r) || unicode.IsDigit(r) {
			r = unicode.ToLower(r)
			h = (h ^ uint64(r)) * prime
			in = true
			continue
		}
		if in {
			hs = append(hs, h)
			h, in = offset, false
		}
	}
	if in {
		hs = append(hs, h)
	}
	return hs
}

func similarity(a, b *signature) float64 {
	eq := 0
	for i := range a {
		if a[i] == b[i] {
			eq++
		}
	}
	return float64(eq) / numHashes
}

func bandKey(rows []uint64) uint64 {
	k := uint64(0xCBF29CE484222325)
	for _, r := range rows {
		k = splitmix(k ^ r)
	}
	return k
}

// splitmix is the SplitMix64 finaliser: a fast, well-mixed 64-bit hash.
func splitmix(x uint64) uint64 {
	x += 0x9E3779B97F4A7C15
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9
	x = (x ^ (x >> 27)) * 0x94D049BB133111EB
	return x ^ (x >> 31)
}
