package coding

import (
	"github.com/parley-events/parley/dict"
)

// maxGap is how many words a pattern lets stand between two of its
// elements joined by a space.
const maxGap = 12

// pmatch is the result of matching one pattern around a verb.
type pmatch struct {
	p        *dict.Pattern
	spec     int
	src, tgt int  // group indexes fixed by $ and +, -1 when the pattern does not place them
	mutual   bool // % before the verb: the compound's members act on each other
	lo, hi   int  // token span the pattern covered
}

// matchPattern matches p around the verb at toks[vs:ve]; groups are the
// sentence's actor groups; the match stays within toks[lo:hi].
func (c *Coder) matchPattern(p *dict.Pattern, toks []tok, vs, ve, lo, hi int, groups []group) (pmatch, bool) {
	m := pmatch{p: p, src: -1, tgt: -1, lo: vs, hi: ve}
	// Before the verb, right to left.
	pos := vs
	for k := len(p.Pre) - 1; k >= 0; k-- {
		e := p.Pre[k]
		switch e.Kind {
		case dict.ElemWord:
			found := -1
			for j := pos - 1; j >= lo && j >= pos-1-maxGap; j-- {
				if toks[j].up == e.Word {
					found = j
					break
				}
				if e.Adjacent {
					break
				}
			}
			if found < 0 {
				return m, false
			}
			pos = found
		case dict.ElemSynset:
			found := -1
			for end := pos; end > lo && end >= pos-maxGap; end-- {
				if n := c.lex.synsetMatchEnd(e.Word, toks[:end], end); n > 0 && end-n >= lo {
					found = end - n
					break
				}
				if e.Adjacent {
					break
				}
			}
			if found < 0 {
				return m, false
			}
			pos = found
		case dict.ElemSource, dict.ElemTarget, dict.ElemCompound:
			gi := -1
			for g := len(groups) - 1; g >= 0; g-- {
				if groups[g].e <= pos && groups[g].s >= lo {
					if e.Adjacent && groups[g].e != pos {
						break
					}
					if pos-groups[g].e > maxGap {
						break
					}
					gi = g
					break
				}
			}
			if gi < 0 {
				return m, false
			}
			switch e.Kind {
			case dict.ElemSource:
				m.src = gi
			case dict.ElemTarget:
				m.tgt = gi
			case dict.ElemCompound:
				m.src = gi
				m.mutual = true
			}
			pos = groups[gi].s
		case dict.ElemSkip:
			np := skipNPLeft(toks, pos, lo, groups)
			if np < 0 {
				return m, false
			}
			pos = np
		}
	}
	m.lo = pos
	// After the verb, left to right.
	pos = ve
	for k := 0; k < len(p.Post); k++ {
		e := p.Post[k]
		switch e.Kind {
		case dict.ElemWord:
			found := -1
			for j := pos; j < hi && j <= pos+maxGap; j++ {
				if toks[j].up == e.Word {
					found = j
					break
				}
				if e.Adjacent {
					break
				}
			}
			if found < 0 {
				return m, false
			}
			pos = found + 1
		case dict.ElemSynset:
			found, n := -1, 0
			for j := pos; j < hi && j <= pos+maxGap; j++ {
				if n = c.lex.synsetMatch(e.Word, toks[:hi], j, 0); n > 0 {
					found = j
					break
				}
				if e.Adjacent {
					break
				}
			}
			if found < 0 {
				return m, false
			}
			pos = found + n
		case dict.ElemSource, dict.ElemTarget, dict.ElemCompound:
			gi := -1
			for g := range groups {
				if groups[g].s >= pos && groups[g].e <= hi {
					if e.Adjacent && groups[g].s-pos > 1 {
						break
					}
					if groups[g].s-pos > maxGap {
						break
					}
					gi = g
					break
				}
			}
			if gi < 0 {
				return m, false
			}
			switch e.Kind {
			case dict.ElemSource:
				m.src = gi
			default:
				m.tgt = gi
			}
			pos = groups[gi].e
		case dict.ElemSkip:
			np := skipNPRight(toks, pos, hi, groups)
			if np < 0 {
				return m, false
			}
			pos = np
		}
	}
	m.hi = pos
	return m, true
}

// skipNPRight skips the noun phrase starting at toks[pos]: an actor group
// (with its determiners) or words up to the next preposition, punctuation
// or conjunction. It returns the position after it, or -1.
func skipNPRight(toks []tok, pos, hi int, groups []group) int {
	k := pos
	for k < hi && determiners[toks[k].up] {
		k++
	}
	for _, g := range groups {
		if g.s == k {
			return g.e
		}
	}
	start := k
	for k < hi {
		t := toks[k]
		if t.punct || prepositions[t.up] || conjunctions[t.up] {
			break
		}
		k++
	}
	if k == start {
		return -1
	}
	return k
}

// skipNPLeft skips the noun phrase ending at toks[pos-1], leftwards.
func skipNPLeft(toks []tok, pos, lo int, groups []group) int {
	for _, g := range groups {
		if g.e == pos {
			k := g.s
			for k > lo && determiners[toks[k-1].up] {
				k--
			}
			return k
		}
	}
	k := pos
	for k > lo {
		t := toks[k-1]
		if t.punct || prepositions[t.up] || conjunctions[t.up] {
			break
		}
		k--
	}
	if k == pos {
		return -1
	}
	return k
}
