package main

import (
	"encoding/csv"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/parley-events/parley/cameo"
	"github.com/parley-events/parley/classify"
	"github.com/parley-events/parley/dict"
	"github.com/parley-events/parley/nlp"
	"github.com/parley-events/parley/verbs"
)

// classes are the model's event types: a CAMEO root with the PLOVER type
// its codes map to (root 08 splits into CONCEDE and RETREAT), a plain
// statement (root 01) and no event.
var classes = []classify.Score{
	{PLOVER: "", Root: ""}, // no event
	{PLOVER: "", Root: "01"},
	{PLOVER: "REQUEST", Root: "02"},
	{PLOVER: "AGREE", Root: "03"},
	{PLOVER: "CONSULT", Root: "04"},
	{PLOVER: "SUPPORT", Root: "05"},
	{PLOVER: "COOPERATE", Root: "06"},
	{PLOVER: "AID", Root: "07"},
	{PLOVER: "CONCEDE", Root: "08"},
	{PLOVER: "RETREAT", Root: "08"},
	{PLOVER: "ACCUSE", Root: "09"},
	{PLOVER: "REQUEST", Root: "10"},
	{PLOVER: "ACCUSE", Root: "11"},
	{PLOVER: "REJECT", Root: "12"},
	{PLOVER: "THREATEN", Root: "13"},
	{PLOVER: "PROTEST", Root: "14"},
	{PLOVER: "MOBILIZE", Root: "15"},
	{PLOVER: "SANCTION", Root: "16"},
	{PLOVER: "COERCE", Root: "17"},
	{PLOVER: "ASSAULT", Root: "18"},
	{PLOVER: "ASSAULT", Root: "19"},
	{PLOVER: "ASSAULT", Root: "20"},
}

const (
	classNone      = 0
	classStatement = 1
)

// classOfCode maps a CAMEO code to a class.
func classOfCode(code string) int {
	r := cameo.Root(code)
	if r == "" {
		return -1
	}
	if r == "01" {
		return classStatement
	}
	p := cameo.PLOVER(code)
	first := -1
	for i, c := range classes {
		if c.Root != r {
			continue
		}
		if c.PLOVER == p {
			return i
		}
		if first < 0 {
			first = i
		}
	}
	return first
}

func classOf(plover, root string) int {
	for i, c := range classes {
		if c.PLOVER == plover && c.Root == root {
			return i
		}
	}
	panic("no class " + plover + "/" + root)
}

// classOfSynthetic maps a PLOVER label and mode of the synthetic stories
// (NGEC's 2023 PLOVER) to a class.
func classOfSynthetic(label, mode string) int {
	mode = strings.ToUpper(mode)
	switch label {
	case "ACCUSE":
		if mode == "INVESTIGATE" {
			return classOf("ACCUSE", "09")
		}
		return classOf("ACCUSE", "11")
	case "ASSAULT":
		switch mode {
		case "CLEANSING", "MASSACRE", "UNCONVENTIONAL":
			return classOf("ASSAULT", "20")
		case "AERIAL", "DRONE", "FIREARMS", "HEAVY-WEAPONS", "", "DESTROY":
			return classOf("ASSAULT", "19")
		}
		return classOf("ASSAULT", "18")
	case "CONCEDE":
		return classOf("CONCEDE", "08")
	case "RETREAT":
		return classOf("RETREAT", "08")
	}
	for i, c := range classes {
		if c.PLOVER == label {
			return i
		}
	}
	return -1
}

var countries = []string{"Japan", "North Korea", "South Korea", "China", "Russia", "the United States", "India", "Pakistan",
	"Iran", "Israel", "Turkey", "Syria", "Iraq", "Ukraine", "France", "Germany", "Britain", "Egypt", "Nigeria", "Kenya",
	"Brazil", "Mexico", "Colombia", "Venezuela", "Afghanistan", "Saudi Arabia", "Ethiopia", "Sudan", "Indonesia",
	"the Philippines", "Vietnam", "Poland", "Serbia", "Kosovo", "Lebanon", "Libya", "Mali", "Somalia", "Myanmar",
	"Thailand", "Canada", "Australia", "Italy", "Spain", "Greece", "Cuba", "Chile", "Peru", "Bolivia", "Georgia"}

var actors = []string{"the government", "police", "rebels", "protesters", "the European Union", "the United Nations",
	"officials", "the president", "the army", "militants", "opposition leaders", "the prime minister",
	"the foreign minister", "workers", "students", "the Taliban", "NATO", "security forces", "the ministry",
	"the court", "troops", "the rebels", "activists", "the military", "the UN Security Council", "the ruling party",
	"villagers", "the separatists", "the delegation", "the envoy", "the ambassador", "Red Cross officials",
	"the interior minister", "the opposition", "demonstrators", "insurgents", "the coalition", "the regime"}

var cities = []string{"Tokyo", "Beijing", "Moscow", "Kabul", "Baghdad", "Cairo", "Nairobi", "Paris", "Geneva", "Delhi",
	"Lagos", "Caracas", "Damascus", "Kiev", "Seoul", "Manila", "Bogota", "Istanbul", "Tehran", "Khartoum"}

func pick(rng *rand.Rand, xs []string) string { return xs[rng.IntN(len(xs))] }

func actor(rng *rand.Rand) string {
	if rng.IntN(2) == 0 {
		return pick(rng, countries)
	}
	if rng.IntN(3) == 0 {
		return pick(rng, countries) + "'s " + strings.TrimPrefix(pick(rng, actors), "the ")
	}
	return pick(rng, actors)
}

var placeholder = regexp.MustCompile(`\{(country_[0-9]|city)\}`)

func fill(s string, rng *rand.Rand) string {
	return placeholder.ReplaceAllStringFunc(s, func(p string) string {
		if p == "{city}" {
			return pick(rng, cities)
		}
		return pick(rng, countries)
	})
}

// words tokenizes a sentence as the coder does (lowercased).
func words(s string) []string {
	toks := nlp.Tokens(s, 0)
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		out = append(out, strings.ToLower(t.Text))
	}
	return out
}

// Weights of the generated sentences (flags).
var ownWeight, cameoWeight, weakWeight float64

var promiseWords = map[string]bool{"agree": true, "agreed": true, "agrees": true, "agreeing": true, "will": true,
	"promise": true, "promised": true, "promises": true, "pledge": true, "pledged": true, "pledges": true,
	"vow": true, "vowed": true, "vows": true, "plan": true, "plans": true, "planned": true, "offer": true,
	"offered": true, "offers": true, "committed": true, "willing": true, "ready": true, "intends": true}

func promise(ws []string) bool {
	for _, w := range ws {
		if promiseWords[w] {
			return true
		}
	}
	return false
}

// builder accumulates examples.
type builder struct {
	bits uint
	ex   []example
	rng  *rand.Rand
	trig *triggers
}

func (b *builder) add(sentence string, y int, w float32) {
	if y < 0 || w <= 0 {
		return
	}
	ws := words(sentence)
	if len(ws) == 0 {
		return
	}
	// NGEC's CONCEDE and RETREAT stories are often promises ("agreed to
	// lift the curfew", "will withdraw"): in CAMEO that is an intent to
	// yield (root 03), which PLOVER 2021 calls AGREE.
	if (classes[y].PLOVER == "CONCEDE" || classes[y].PLOVER == "RETREAT") && promise(ws) {
		y = classOf("AGREE", "03")
	}
	b.ex = append(b.ex, example{f: classify.AppendFeatures(nil, ws, b.bits), y: y, w: w, words: ws})
}

func buildExamples(shared string, bits uint, rng *rand.Rand) ([]example, error) {
	tr, err := loadTriggers()
	if err != nil {
		return nil, err
	}
	b := &builder{bits: bits, rng: rng, trig: tr}
	if err := b.dictionarySentences(tr, float32(ownWeight), 3, 1000); err != nil {
		return nil, err
	}
	if cameoWeight > 0 {
		p := filepath.Join(shared, "data/dictionaries/CAMEO.2.0.txt")
		f, err := dict.ReadFile(p)
		if f == nil {
			return nil, err
		}
		if err := b.dictionarySentences(newTriggers(f), float32(cameoWeight), 1, 20); err != nil {
			return nil, err
		}
	}
	n0 := len(b.ex)
	if err := b.cameoNames(filepath.Join(shared, "data/cameo/CAMEO_codefile.txt")); err != nil {
		return nil, err
	}
	n1 := len(b.ex)
	if err := b.codebook(filepath.Join(shared, "data/plover/PLOVER_structured_codebook_updated.csv")); err != nil {
		return nil, err
	}
	n2 := len(b.ex)
	if err := b.headlines(filepath.Join(shared, "data/training/synthetic_headlines.csv")); err != nil {
		return nil, err
	}
	n3 := len(b.ex)
	matches, _ := filepath.Glob(filepath.Join(shared, "data/training/gpt_synthetic_events_*.csv"))
	if len(matches) == 0 {
		return nil, fmt.Errorf("no training/gpt_synthetic_events_*.csv under %s", shared)
	}
	for _, m := range matches {
		if err := b.stories(m); err != nil {
			return nil, err
		}
	}
	fmt.Fprintf(os.Stderr, "train: dictionary %d, cameo names %d, codebook %d, headlines %d, stories %d\n",
		n0, n1-n0, n2-n1, n3-n2, len(b.ex)-n3)
	return b.ex, nil
}

func readCSV(path string) ([]map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(rows) == 0 {
		return nil, nil
	}
	var out []map[string]string
	for _, row := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			if i < len(row) {
				m[h] = row[i]
			}
		}
		out = append(out, m)
	}
	return out, nil
}

func (b *builder) headlines(path string) error {
	rows, err := readCSV(path)
	if err != nil {
		return err
	}
	for _, r := range rows {
		y := classOfSynthetic(r["event"], r["mode"])
		for range 2 {
			b.add(fill(r["title"], b.rng), y, 1)
		}
	}
	return nil
}

func (b *builder) codebook(path string) error {
	rows, err := readCSV(path)
	if err != nil {
		return err
	}
	for _, r := range rows {
		y := classOfSynthetic(r["event"], r["mode"])
		if d := r["mode_def"]; d != "" {
			b.add(actor(b.rng)+" "+lowerFirst(d)+" "+actor(b.rng), y, 0.5)
		}
	}
	return nil
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

var labelLine = regexp.MustCompile(`^LABEL:\s*([0-9]{2,4})=\s*(.+)$`)

// cameoNames turns each CAMEO code name into short sentences: "Japan
// appeal for economic aid China".
func (b *builder) cameoNames(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	for _, line := range strings.Split(string(data), "\n") {
		m := labelLine.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			continue
		}
		y := classOfCode(m[1])
		name := strings.ToLower(m[2])
		name = strings.ReplaceAll(name, ", not specified below", "")
		for range 2 {
			b.add(actor(b.rng)+" "+name+" "+actor(b.rng), y, 0.4)
		}
	}
	return nil
}

// stories reads the synthetic stories: the title and lead sentence carry
// the story's label; later sentences are labelled weakly by the verb
// dictionary (same type as the story: the label; only statement verbs: a
// statement; no trigger at all: no event).
func (b *builder) stories(path string) error {
	rows, err := readCSV(path)
	if err != nil {
		return err
	}
	for _, r := range rows {
		y := classOfSynthetic(r["label"], r["mode"])
		if y < 0 {
			continue
		}
		b.add(fill(r["title"], b.rng), y, 1)
		sents := nlp.Sentences(fill(r["text"], b.rng))
		for i, s := range sents {
			if i == 0 {
				b.add(s.Text, y, 1)
				continue
			}
			if i > 6 {
				break
			}
			found := b.trig.classes(words(s.Text))
			switch {
			case found[y]:
				b.add(s.Text, y, float32(0.5*weakWeight))
			case len(found) == 0:
				b.add(s.Text, classNone, float32(0.3*weakWeight))
			case len(found) == 1 && found[classStatement]:
				b.add(s.Text, classStatement, float32(0.3*weakWeight))
			}
		}
	}
	return nil
}

// triggers finds dictionary verbs in a sentence.
type triggers struct {
	phrases map[string]int // lowercase phrase -> class
	maxLen  int
	blocks  []block
}

type block struct {
	name  string
	code  string
	verbs []verbForm
	pats  []dict.Pattern
	syn   map[string][][]string
}

type verbForm struct {
	words []string // lowercase
	past  []string // a past or base form for generation
	noun  bool
	code  string
}

func loadTriggers() (*triggers, error) {
	f, err := dict.ReadFS(verbs.Files(), verbs.Name)
	if err != nil {
		return nil, err
	}
	return newTriggers(f), nil
}

func newTriggers(f *dict.File) *triggers {
	t := &triggers{phrases: map[string]int{}}
	for _, bl := range f.Verbs.Blocks {
		blk := block{name: bl.Name, code: bl.Code, pats: bl.Patterns, syn: f.Verbs.Synsets}
		for _, v := range bl.Verbs {
			code := v.Code
			if code == "" {
				code = bl.Code
			}
			code, _, _ = strings.Cut(code, ":")
			var forms [][]string
			noun := false
			if len(v.Forms) > 0 {
				forms = append(forms, v.Words)
				forms = append(forms, v.Forms...)
				if len(v.Forms) == 1 {
					noun = true
				}
			} else {
				for _, f := range dict.VerbForms(v.Words[v.Head]) {
					w := append([]string(nil), v.Words...)
					w[v.Head] = f
					forms = append(forms, w)
				}
			}
			vf := verbForm{code: code, noun: noun, words: lower(v.Words)}
			// Past form: the first form ending in ED, else an
			// irregular one that is not -S or -ING.
			for _, f := range forms[1:] {
				h := f[min(v.Head, len(f)-1)]
				if strings.HasSuffix(h, "ED") {
					vf.past = lower(f)
					break
				}
			}
			if vf.past == nil {
				for _, f := range forms[1:] {
					h := f[min(v.Head, len(f)-1)]
					if !strings.HasSuffix(h, "S") && !strings.HasSuffix(h, "ING") {
						vf.past = lower(f)
						break
					}
				}
			}
			if vf.past == nil {
				vf.past = lower(forms[len(forms)-1])
			}
			blk.verbs = append(blk.verbs, vf)
			y := classOfCode(code)
			if code == "---" || y < 0 {
				continue
			}
			for _, f := range forms {
				k := strings.Join(lower(f), " ")
				t.phrases[k] = y
				t.maxLen = max(t.maxLen, len(f))
			}
		}
		t.blocks = append(t.blocks, blk)
	}
	return t
}

func lower(w []string) []string {
	out := make([]string, len(w))
	for i, x := range w {
		out[i] = strings.ToLower(x)
	}
	return out
}

// classes returns the classes of the dictionary triggers in a sentence.
func (t *triggers) classes(ws []string) map[int]bool {
	found := map[int]bool{}
	for i := range ws {
		for n := min(t.maxLen, len(ws)-i); n >= 1; n-- {
			if y, ok := t.phrases[strings.Join(ws[i:i+n], " ")]; ok {
				found[y] = true
				break
			}
		}
	}
	return found
}

// dictionarySentences generates sentences from the verb dictionary: every
// verb with the block code, and every pattern with its code.
func (b *builder) dictionarySentences(t *triggers, weight float32, perVerb int, maxPats int) error {
	rng := b.rng
	for _, bl := range t.blocks {
		for _, v := range bl.verbs {
			y := classOfCode(v.code)
			past := strings.Join(v.past, " ")
			if y >= 0 {
				for range perVerb {
					b.add(b.verbSentence(v, past, ""), y, weight)
				}
			}
			pats := bl.pats
			if len(pats) > maxPats {
				pats = make([]dict.Pattern, maxPats)
				for i := range pats {
					pats[i] = bl.pats[rng.IntN(len(bl.pats))]
				}
			}
			for _, p := range pats {
				pc, _, _ := strings.Cut(p.Code, ":")
				py := classOfCode(pc)
				if py < 0 {
					continue
				}
				pre := b.elems(p.Pre, bl.syn)
				post := b.elems(p.Post, bl.syn)
				var s string
				if len(p.Pre) > 0 {
					s = b.decorate(actor(rng) + " and " + actor(rng) + " " + pre + " " + strings.Join(v.words, " ") + " " + post)
				} else {
					s = b.verbSentence(v, past, post)
				}
				b.add(s, py, weight)
			}
		}
	}
	_ = fs.ErrNotExist
	return nil
}

// fillers are neutral phrases added around generated sentences so that
// the model learns to ignore the context words of real news sentences.
var fillers = []string{"officials said on Monday", "according to state media", "in a statement",
	"the agency reported", "a spokesman said", "on Thursday", "last week", "earlier this month",
	"amid rising tensions", "after months of dispute", "the ministry said in a statement", "witnesses said",
	"for the first time in years", "in the capital", "near the border", "the report said", "local media reported",
	"despite international pressure", "in the wake of the election", "sources told reporters"}

// decorate adds a filler before or after a generated sentence, half of
// the time.
func (b *builder) decorate(s string) string {
	switch b.rng.IntN(4) {
	case 0:
		return strings.ToUpper(fillers[b.rng.IntN(len(fillers))][:1]) + fillers[b.rng.IntN(len(fillers))][1:] + ", " + s
	case 1:
		return strings.TrimSuffix(s, ".") + ", " + fillers[b.rng.IntN(len(fillers))] + "."
	}
	return s
}

func (b *builder) verbSentence(v verbForm, past, post string) string {
	return b.decorate(b.verbSentence0(v, past, post))
}

func (b *builder) verbSentence0(v verbForm, past, post string) string {
	rng := b.rng
	a, c := actor(rng), actor(rng)
	if v.noun {
		switch rng.IntN(3) {
		case 0:
			return fmt.Sprintf("The %s between %s and %s %s took place in %s.", strings.Join(v.words, " "), a, c, post, pick(rng, cities))
		case 1:
			return fmt.Sprintf("%s's %s %s against %s", a, strings.Join(v.words, " "), post, c)
		}
		return fmt.Sprintf("%s announced %s %s with %s on Monday.", a, strings.Join(v.words, " "), post, c)
	}
	switch rng.IntN(4) {
	case 0:
		return fmt.Sprintf("%s %s %s %s on Tuesday.", a, past, c, post)
	case 1:
		return fmt.Sprintf("%s %s %s %s, officials said.", a, past, post, c)
	case 2:
		return fmt.Sprintf("On Sunday, %s %s %s in %s %s.", a, past, c, pick(rng, cities), post)
	}
	return fmt.Sprintf("%s %s %s %s", a, past, post, c)
}

// elems renders pattern elements as words: literal words, a member of a
// synset, an actor for $ + and %.
func (b *builder) elems(es []dict.Elem, syn map[string][][]string) string {
	var out []string
	for _, e := range es {
		switch e.Kind {
		case dict.ElemWord:
			out = append(out, strings.ToLower(e.Word))
		case dict.ElemSynset:
			out = append(out, b.synMember(e.Word, syn, 0))
		case dict.ElemSource, dict.ElemTarget, dict.ElemCompound:
			out = append(out, actor(b.rng))
		case dict.ElemSkip:
			out = append(out, "the")
		}
	}
	return strings.Join(out, " ")
}

func (b *builder) synMember(name string, syn map[string][][]string, depth int) string {
	ms := syn[name]
	if len(ms) == 0 || depth > 3 {
		return strings.ToLower(name)
	}
	m := ms[b.rng.IntN(len(ms))]
	var out []string
	for _, w := range m {
		if strings.HasPrefix(w, "&") {
			out = append(out, b.synMember(w[1:], syn, depth+1))
			continue
		}
		out = append(out, strings.ToLower(w))
	}
	return strings.Join(out, " ")
}
