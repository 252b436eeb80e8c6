package server

import (
	"sort"

	"github.com/parley-events/parley/aggregate"
	"github.com/parley-events/parley/store"
)

// undirected folds directed dyad counts into one edge per pair of
// different countries, most events first, at most limit of them.
func undirected(ds []store.DyadCount, min, limit int) []aggregate.Dyad {
	type key struct{ a, b string }
	m := map[key]*store.DyadCount{}
	for _, d := range ds {
		if d.Source == d.Target || d.Source == "" || d.Target == "" {
			continue
		}
		k := key{d.Source, d.Target}
		if k.b < k.a {
			k.a, k.b = k.b, k.a
		}
		e := m[k]
		if e == nil {
			e = &store.DyadCount{Source: k.a, Target: k.b}
			m[k] = e
		}
		for i := range e.Quad {
			e.Quad[i] += d.Quad[i]
		}
		e.Goldstein += d.Goldstein
	}
	out := make([]aggregate.Dyad, 0, len(m))
	for _, e := range m {
		if e.Count() < min {
			continue
		}
		d := aggregate.Dyad{Source: e.Source, Target: e.Target, Count: e.Count(), Q1: e.Quad[1], Q2: e.Quad[2], Q3: e.Quad[3], Q4: e.Quad[4], Goldstein: e.Goldstein}
		if d.Count > 0 {
			d.Mean = d.Goldstein / float64(d.Count)
		}
		d.Index = d.Q1 + d.Q2 - d.Q3 - d.Q4
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		if out[i].Source != out[j].Source {
			return out[i].Source < out[j].Source
		}
		return out[i].Target < out[j].Target
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}
