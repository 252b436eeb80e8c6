package coding

import (
	"hash/fnv"
	"sort"
	"strings"

	"github.com/parley-events/parley/dict"
)

// lexicon is the compiled form of a set of dictionaries: a trie of actor
// and agent names, an index of verb forms, the verb patterns and the
// discard phrases.
type lexicon struct {
	root       *node
	actors     []dict.Actor
	agents     []dict.Agent
	synsets    map[string][][]string
	blocks     []*vblock
	verbs      map[string][]vform // first word of a form -> forms starting with it
	discards   *node              // trie of discard phrases
	hash       uint64             // of everything loaded, for Version
	counts     [4]int             // actors, agents, verb blocks, discards
	actorNames int                // names and synonyms of the actors
}

// node is a trie node over upper-case words.
type node struct {
	next map[string]*node
	refs []ref // entries ending here
}

type refKind uint8

const (
	refActor refKind = iota
	refAgent
	refDiscard
	refDiscardStory
)

type ref struct {
	kind refKind
	idx  int
}

func (n *node) insert(words []string, r ref) {
	for _, w := range words {
		if n.next == nil {
			n.next = map[string]*node{}
		}
		c := n.next[w]
		if c == nil {
			c = &node{}
			n.next[w] = c
		}
		n = c
	}
	for _, x := range n.refs {
		if x == r {
			return
		}
	}
	n.refs = append(n.refs, r)
}

// longest returns the refs and length of the longest entry that starts at
// toks[i].
func (n *node) longest(toks []tok, i int) ([]ref, int) {
	var best []ref
	bestLen := 0
	cur := n
	for k := i; k < len(toks); k++ {
		c := cur.next[toks[k].up]
		if c == nil {
			// "U.S" written without the final period, "Dol_Amroth" etc.
			break
		}
		cur = c
		if len(cur.refs) > 0 {
			best, bestLen = cur.refs, k-i+1
		}
	}
	return best, bestLen
}

// vblock is a compiled verb block.
type vblock struct {
	name     string
	code     string
	patterns []dict.Pattern
	order    []int // patterns sorted by specificity
	spec     []int
}

// vform is one surface form of a verb: its words, the block and the verb's
// own code.
type vform struct {
	words []string
	block *vblock
	code  string // the verb's own code, or the block's
	base  bool   // the form is the verb as written (not an inflection)
}

func newLexicon() *lexicon {
	return &lexicon{root: &node{}, discards: &node{}, synsets: map[string][][]string{}, verbs: map[string][]vform{}}
}

func (l *lexicon) addFile(f *dict.File, content []byte) {
	h := fnv.New64a()
	h.Write([]byte(f.Kind.String()))
	h.Write(content)
	l.hash = l.hash*1099511628211 ^ h.Sum64()
	switch f.Kind {
	case dict.KindActors:
		for _, a := range f.Actors {
			idx := len(l.actors)
			l.actors = append(l.actors, a)
			for _, name := range a.Names {
				l.root.insert(name, ref{kind: refActor, idx: idx})
			}
			l.actorNames += len(a.Names)
		}
		l.counts[0] += len(f.Actors)
	case dict.KindAgents:
		for _, a := range f.Agents {
			idx := len(l.agents)
			l.agents = append(l.agents, a)
			for _, name := range a.Names {
				l.root.insert(name, ref{kind: refAgent, idx: idx})
			}
		}
		l.counts[1] += len(f.Agents)
	case dict.KindDiscards:
		for _, d := range f.Discards {
			k := refDiscard
			if d.Story {
				k = refDiscardStory
			}
			l.discards.insert(d.Words, ref{kind: k})
		}
		l.counts[3] += len(f.Discards)
	case dict.KindVerbs:
		for name, m := range f.Verbs.Synsets {
			l.synsets[name] = append(l.synsets[name], m...)
		}
		for _, b := range f.Verbs.Blocks {
			vb := &vblock{name: b.Name, code: b.Code, patterns: b.Patterns}
			vb.order = make([]int, len(b.Patterns))
			vb.spec = make([]int, len(b.Patterns))
			for i, p := range b.Patterns {
				vb.order[i] = i
				vb.spec[i] = specificity(p)
			}
			sort.SliceStable(vb.order, func(a, c int) bool { return vb.spec[vb.order[a]] > vb.spec[vb.order[c]] })
			l.blocks = append(l.blocks, vb)
			for _, v := range b.Verbs {
				code := v.Code
				if code == "" {
					code = b.Code
				}
				l.addVerb(v, vb, code)
			}
		}
		l.counts[2] += len(f.Verbs.Blocks)
	}
}

// specificity ranks patterns: more literal elements first, then more
// adjacency constraints.
func specificity(p dict.Pattern) int {
	s := 0
	for _, e := range append(append([]dict.Elem(nil), p.Pre...), p.Post...) {
		switch e.Kind {
		case dict.ElemWord, dict.ElemSynset:
			s += 10
		case dict.ElemSkip:
			s += 2
		default:
			s++
		}
		if e.Adjacent {
			s++
		}
	}
	return s
}

func (l *lexicon) addVerb(v dict.Verb, b *vblock, code string) {
	seen := map[string]bool{}
	add := func(words []string, base bool) {
		k := strings.Join(words, " ")
		if seen[k] {
			return
		}
		seen[k] = true
		l.verbs[words[0]] = append(l.verbs[words[0]], vform{words: words, block: b, code: code, base: base})
	}
	add(v.Words, true)
	for _, f := range dict.VerbForms(v.Words[v.Head]) {
		w := append([]string(nil), v.Words...)
		w[v.Head] = f
		add(w, false)
	}
	for _, f := range v.Forms {
		add(f, false)
	}
}

// verbAt returns the verb forms that match at toks[i], longest first.
func (l *lexicon) verbAt(toks []tok, i int) []vform {
	cands := l.verbs[toks[i].up]
	if len(cands) == 0 {
		return nil
	}
	var out []vform
	best := 0
	for _, f := range cands {
		if i+len(f.words) > len(toks) {
			continue
		}
		ok := true
		for k := 1; k < len(f.words); k++ {
			if toks[i+k].up != f.words[k] {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		switch {
		case len(f.words) > best:
			best = len(f.words)
			out = append(out[:0], f)
		case len(f.words) == best:
			out = append(out, f)
		}
	}
	// Base forms first: "DENIED" as its own verb before DENY's inflection.
	sort.SliceStable(out, func(a, b int) bool { return out[a].base && !out[b].base })
	return out
}

// synsetMatch reports the length of a member of synset name that matches
// at toks[i] (0 when none), trying members longest first.
func (l *lexicon) synsetMatch(name string, toks []tok, i, depth int) int {
	if depth > 8 {
		return 0
	}
	best := 0
	for _, m := range l.synsets[name] {
		k := i
		ok := true
		for _, w := range m {
			if k >= len(toks) {
				ok = false
				break
			}
			if strings.HasPrefix(w, "&") {
				n := l.synsetMatch(w[1:], toks, k, depth+1)
				if n == 0 {
					ok = false
					break
				}
				k += n
				continue
			}
			if toks[k].up != w {
				ok = false
				break
			}
			k++
		}
		if ok && k-i > best {
			best = k - i
		}
	}
	return best
}

// synsetMatchEnd is synsetMatch for a member that ends at toks[j-1]
// (matching leftwards); it returns the member's length.
func (l *lexicon) synsetMatchEnd(name string, toks []tok, j int) int {
	best := 0
	for n := 1; n <= 6 && n <= j; n++ {
		if l.synsetMatch(name, toks[:j], j-n, 0) == n {
			best = n
		}
	}
	return best
}
