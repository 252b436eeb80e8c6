package dict

import (
	"strings"
)

// Verbs is a parsed verb pattern dictionary.
//
//	&CURRENCY                       a synset: "&NAME" then "+member" lines
//	+DOLLARS
//	--- ABANDON  [345]  ---         a verb block with its default code
//	ABANDON                         verbs of the block ("{...}" gives forms,
//	+BREAK_DOWN {+BROKE_DOWN}       "+" marks the inflected word of a phrase,
//	DOWNPLAY [014]                  a code of its own)
//	- * DIPLOMATIC TIES [901]       patterns: words before and after the verb
//	- + * FROM $  [066]             ($ source, + target, % compound, ^ skip a
//	                                noun phrase, &SYNSET, "_" joins words)
type Verbs struct {
	Synsets map[string][][]string // name without "&" and trailing "_" -> member phrases (a word may be "&NAME")
	Blocks  []VerbBlock
}

// VerbBlock is one "--- NAME [code] ---" block.
type VerbBlock struct {
	Name     string
	Code     string // as written: "064", "032:033", "---"
	Line     int
	Verbs    []Verb
	Patterns []Pattern
}

// Verb is one verb (or verb phrase) of a block.
type Verb struct {
	Words []string   // base form, upper case: ["BREAK", "DOWN"]
	Head  int        // index of the inflected word in Words
	Forms [][]string // forms given in braces, as full phrases
	Code  string     // the verb's own code; "" uses the block's
	Line  int
}

// ElemKind is the kind of a pattern element.
type ElemKind uint8

const (
	ElemWord     ElemKind = iota // a literal word
	ElemSynset                   // &NAME: any member of the synset
	ElemSource                   // $: the source actor is here
	ElemTarget                   // +: the target actor is here
	ElemCompound                 // %: a compound actor whose members act on each other
	ElemSkip                     // ^: skip a noun phrase
)

// Elem is one element of a pattern. Adjacent means no word may come between
// the element and its neighbour on the verb side ("_" in the pattern).
type Elem struct {
	Kind     ElemKind
	Word     string // the word, or the synset name for ElemSynset
	Adjacent bool
}

// Pattern is one "- PRE * POST [code]" line of a verb block.
type Pattern struct {
	Pre  []Elem // before the verb, in text order
	Post []Elem // after the verb, in text order
	Code string // as written
	Line int
	Text string // the pattern as written, without the code and comment
}

func synName(s string) string {
	return strings.TrimRight(strings.TrimPrefix(strings.ToUpper(strings.TrimSpace(s)), "&"), "_")
}

func parseVerbs(b []byte, errs *errorList) *Verbs {
	v := &Verbs{Synsets: map[string][][]string{}}
	var block *VerbBlock
	synset := ""
	synLine := map[string]int{}
	lines(b, func(n int, raw, line string) {
		t := strings.TrimSpace(line)
		if t == "" {
			return
		}
		switch {
		case strings.HasPrefix(t, "---"):
			synset = ""
			body := strings.TrimSpace(strings.Trim(t, "-"))
			name, code := body, ""
			if i := strings.IndexByte(body, '['); i >= 0 {
				name = strings.TrimSpace(body[:i])
				j := strings.IndexByte(body[i:], ']')
				if j < 0 {
					errs.add(n, "unclosed code in block header %q", t)
					return
				}
				code = strings.TrimSpace(body[i+1 : i+j])
			}
			if name == "" {
				errs.add(n, "verb block header without a name: %q", t)
				return
			}
			v.Blocks = append(v.Blocks, VerbBlock{Name: strings.ToUpper(name), Code: code, Line: n})
			block = &v.Blocks[len(v.Blocks)-1]
		case t[0] == '&':
			name := synName(t)
			if name == "" || strings.ContainsAny(name, " []") {
				errs.add(n, "bad synset name %q", t)
				synset = ""
				return
			}
			synset = name
			synLine[name] = n
			if _, ok := v.Synsets[name]; !ok {
				v.Synsets[name] = nil
			}
			block = nil
		case t[0] == '+' && synset != "":
			w := words(strings.TrimRight(t[1:], "_"))
			if len(w) == 0 {
				errs.add(n, "empty synset member")
				return
			}
			for i := range w {
				if strings.HasPrefix(w[i], "&") {
					w[i] = "&" + synName(w[i])
				}
			}
			v.Synsets[synset] = append(v.Synsets[synset], w)
		case t[0] == '-':
			if block == nil {
				errs.add(n, "pattern outside a verb block: %q", t)
				return
			}
			p, msg := parsePattern(t[1:])
			if msg != "" {
				errs.add(n, "%s", msg)
				return
			}
			p.Line = n
			block.Patterns = append(block.Patterns, p)
		default:
			if block == nil {
				errs.add(n, "verb %q outside a verb block", t)
				return
			}
			vb, msg := parseVerbLine(t)
			if msg != "" {
				errs.add(n, "%s", msg)
				return
			}
			vb.Line = n
			block.Verbs = append(block.Verbs, vb)
		}
	})
	// Check synset references.
	check := func(name string, line int) {
		if _, ok := v.Synsets[name]; !ok {
			errs.add(line, "unknown synset &%s", name)
		}
	}
	for name, members := range v.Synsets {
		for _, m := range members {
			for _, w := range m {
				if strings.HasPrefix(w, "&") {
					check(w[1:], synLine[name])
				}
			}
		}
	}
	for _, bl := range v.Blocks {
		for _, p := range bl.Patterns {
			for _, e := range append(append([]Elem(nil), p.Pre...), p.Post...) {
				if e.Kind == ElemSynset {
					check(e.Word, p.Line)
				}
			}
		}
	}
	return v
}

// parseVerbLine reads "BREAK { BROKE BROKEN }", "+BREAK_DOWN {+BROKE_DOWN}",
// "DOWNPLAY [014]", "LASH OUT", "WIRE_+TAP {WIRE_+TAPPED}".
func parseVerbLine(t string) (Verb, string) {
	var vb Verb
	if i := strings.IndexByte(t, '['); i >= 0 {
		j := strings.IndexByte(t[i:], ']')
		if j < 0 {
			return vb, "unclosed code in " + t
		}
		vb.Code = strings.TrimSpace(t[i+1 : i+j])
		t = t[:i] + t[i+j+1:]
	}
	var forms []string
	if i := strings.IndexByte(t, '{'); i >= 0 {
		j := strings.IndexByte(t[i:], '}')
		if j < 0 {
			return vb, "unclosed { in " + t
		}
		forms = strings.Fields(t[i+1 : i+j])
		t = t[:i] + t[i+j+1:]
	}
	w, head, ok := verbPhrase(t)
	if !ok {
		return vb, "cannot read verb " + t
	}
	vb.Words, vb.Head = w, head
	for _, f := range forms {
		fw, _, ok := verbPhrase(f)
		if !ok {
			continue
		}
		if len(vb.Words) > 1 && len(fw) == 1 {
			// "{BROKE BROKEN}" on a phrase: replace the head word only.
			full := append([]string(nil), vb.Words...)
			full[vb.Head] = fw[0]
			fw = full
		}
		vb.Forms = append(vb.Forms, fw)
	}
	return vb, ""
}

// verbPhrase splits a verb phrase into words and finds the inflected one
// (marked "+", else the first).
func verbPhrase(s string) ([]string, int, bool) {
	s = strings.TrimSpace(s)
	lead := strings.HasPrefix(s, "+")
	parts := strings.FieldsFunc(strings.ToUpper(s), func(r rune) bool { return r == '_' || r == ' ' || r == '\t' })
	var w []string
	head := -1
	for _, p := range parts {
		if strings.HasPrefix(p, "+") {
			p = p[1:]
			if head < 0 {
				head = len(w)
			}
		}
		if p == "" {
			continue
		}
		w = append(w, p)
	}
	if len(w) == 0 {
		return nil, 0, false
	}
	if head < 0 || lead {
		head = 0
	}
	if head >= len(w) {
		head = len(w) - 1
	}
	return w, head, true
}

// parsePattern reads the text after "- " of a pattern line.
func parsePattern(s string) (Pattern, string) {
	var p Pattern
	i := strings.LastIndexByte(s, '[')
	if i < 0 {
		return p, "pattern without a [code]: " + strings.TrimSpace(s)
	}
	j := strings.IndexByte(s[i:], ']')
	if j < 0 {
		return p, "unclosed code in pattern " + strings.TrimSpace(s)
	}
	p.Code = strings.TrimSpace(s[i+1 : i+j])
	body := s[:i]
	p.Text = strings.TrimSpace(body)
	// Grouping marks of PETRARCH 2 patterns are read as plain spacing.
	body = strings.Map(func(r rune) rune {
		switch r {
		case '(', ')', '{', '}', '\t':
			return ' '
		}
		return r
	}, body)
	type tok struct {
		text string
		sep  byte // separator before this token: '_' or ' '
	}
	var toks []tok
	sep := byte(' ')
	start := -1
	for k := 0; k <= len(body); k++ {
		var c byte = ' '
		if k < len(body) {
			c = body[k]
		}
		if c == ' ' || c == '_' {
			if start >= 0 {
				toks = append(toks, tok{text: body[start:k], sep: sep})
				start = -1
				sep = c
			} else if c == ' ' {
				sep = ' '
			}
			continue
		}
		if start < 0 {
			start = k
		}
	}
	star := -1
	for k, t := range toks {
		if t.text == "*" {
			if star >= 0 {
				return p, "pattern with two * : " + p.Text
			}
			star = k
		}
	}
	if star < 0 {
		return p, "pattern without * (the verb's place): " + p.Text
	}
	elem := func(t string) Elem {
		switch t {
		case "$":
			return Elem{Kind: ElemSource}
		case "+":
			return Elem{Kind: ElemTarget}
		case "%":
			return Elem{Kind: ElemCompound}
		case "^":
			return Elem{Kind: ElemSkip}
		}
		if strings.HasPrefix(t, "&") {
			return Elem{Kind: ElemSynset, Word: synName(t)}
		}
		return Elem{Kind: ElemWord, Word: strings.ToUpper(t)}
	}
	for k := 0; k < star; k++ {
		e := elem(toks[k].text)
		e.Adjacent = toks[k+1].sep == '_'
		p.Pre = append(p.Pre, e)
	}
	for k := star + 1; k < len(toks); k++ {
		e := elem(toks[k].text)
		e.Adjacent = toks[k].sep == '_'
		p.Post = append(p.Post, e)
	}
	return p, ""
}

// VerbForms returns the regular inflections of an upper-case verb:
// ATTACK -> ATTACK ATTACKS ATTACKED ATTACKING; STAB -> STABBED STABBING;
// RAISE -> RAISES RAISED RAISING; DENY -> DENIES DENIED DENYING.
func VerbForms(w string) []string {
	n := len(w)
	if n == 0 {
		return nil
	}
	out := []string{w}
	last := w[n-1]
	switch {
	case strings.HasSuffix(w, "S") || strings.HasSuffix(w, "X") || strings.HasSuffix(w, "Z") ||
		strings.HasSuffix(w, "CH") || strings.HasSuffix(w, "SH") || strings.HasSuffix(w, "O"):
		out = append(out, w+"ES")
	case last == 'Y' && n > 1 && !isVowel(w[n-2]):
		out = append(out, w[:n-1]+"IES")
	default:
		out = append(out, w+"S")
	}
	switch {
	case last == 'E':
		out = append(out, w+"D")
		if n > 2 && !strings.HasSuffix(w, "EE") && !strings.HasSuffix(w, "YE") && !strings.HasSuffix(w, "OE") {
			out = append(out, w[:n-1]+"ING")
		} else {
			out = append(out, w+"ING")
		}
	case last == 'Y' && n > 1 && !isVowel(w[n-2]):
		out = append(out, w[:n-1]+"IED", w+"ING")
	default:
		out = append(out, w+"ED", w+"ING")
		// Consonant-vowel-consonant ending: STAB -> STABBED (also keep the
		// single form: VISITED).
		if n >= 3 && !isVowel(last) && isVowel(w[n-2]) && !isVowel(w[n-3]) && !strings.ContainsRune("WXY", rune(last)) {
			out = append(out, w+string(last)+"ED", w+string(last)+"ING")
		}
	}
	return out
}
