package coding

import (
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/dict"
)

// Options configures a Coder. The zero value codes with parley's built-in
// dictionaries (when they are available) and the modality filter.
type Options struct {
	// Dicts are extra dictionary files (TABARI/PETRARCH verbs, actors,
	// agents, discards; the kind is detected from the content or name).
	Dicts []string
	// NoBuiltin uses only Dicts: none of parley's own dictionaries, and
	// none of its own models (the modality filter and the event-type
	// classifier), which makes parley code like PETRARCH with the given
	// dictionaries.
	NoBuiltin bool
	// Explain, when set, receives a per-sentence explanation: the actors
	// found, the candidate triggers and why each was coded or dropped.
	// Writes are serialised; use it with one goroutine for readable output.
	Explain io.Writer
	// RequireTarget drops events without a target. It defaults to true
	// with NoBuiltin (PETRARCH's require_dyad).
	RequireTarget *bool
	// FS, when set, is where Dicts are read from (default: the OS).
	FS fs.FS
	// Builtin returns parley's built-in dictionary files; nil uses none.
	// cmd/parley wires the actors and verbs packages here.
	Builtin func() ([]BuiltinFile, error)
	// Modality classifies a trigger's status (asserted, negated, future,
	// ...); nil uses the built-in rule when NoBuiltin is false, and only
	// a minimal negation check otherwise.
	Modality func(words []string, trigger int) (status string, reason string)
	// SentenceModality classifies a whole sentence's status for events the
	// model codes without a trigger; nil uses the built-in rule when
	// NoBuiltin is false.
	SentenceModality func(words []string) (status string, reason string)
	// Classify predicts a sentence's event type (a CAMEO root and PLOVER
	// type with a probability) from its lowercased words; the coder uses
	// it as a fallback when no pattern fires. nil uses the built-in model
	// when NoBuiltin is false, none otherwise.
	Classify func(words []string) (root, plover string, p float64)
	// Nominal codes event nouns ("X's visit to Y", "talks between X and
	// Y", "bilateral talks", "X held talks with Y"); without it a verb form
	// used as a noun is never a trigger (TABARI's behaviour). nil means on
	// with the built-ins and off with NoBuiltin.
	Nominal *bool
	// Names makes unknown capitalised names actors: with the code of a
	// description in commas after them ("Song Il-ho, North Korea's
	// ambassador"), else with no code, known by their words only. nil
	// means on with the built-ins and off with NoBuiltin.
	Names *bool
	// ModelOverrideP is the probability at which the event-type model
	// recodes an event that only a verb's default code gave (0: never).
	ModelOverrideP float64
	// MinClassifyP is the probability the Classify fallback needs
	// (default 0.5).
	MinClassifyP float64
}

// BuiltinFile is one built-in dictionary file.
type BuiltinFile struct {
	Name    string
	Content []byte
}

// Coder codes analysed stories into events. It is safe for concurrent use.
type Coder struct {
	names, nominal bool
	lex            *lexicon
	opts           Options
	explainMu      sync.Mutex
	requireTarget  bool
	version        string
	pool           sync.Pool
	verbWords      map[string]bool
}

// New loads the dictionaries and returns a Coder. Dictionary lines that
// cannot be read are reported in the returned error (joined, each naming
// file:line) while the Coder, built from everything else, is still
// returned; a missing file or an unusable dictionary gives a nil Coder.
func New(opts Options) (*Coder, error) {
	c := &Coder{lex: newLexicon(), opts: opts}
	var warns []error
	if !opts.NoBuiltin && opts.Builtin != nil {
		files, err := opts.Builtin()
		if err != nil {
			return nil, fmt.Errorf("coding: built-in dictionaries: %w", err)
		}
		for _, f := range files {
			d, err := dict.Parse(f.Name, f.Content)
			if err != nil {
				warns = append(warns, err)
			}
			if d != nil {
				c.lex.addFile(d, f.Content)
			}
		}
	}
	for _, name := range opts.Dicts {
		var b []byte
		var err error
		if opts.FS != nil {
			b, err = fs.ReadFile(opts.FS, name)
		} else {
			b, err = os.ReadFile(name)
		}
		if err != nil {
			return nil, &parley.Error{Op: "coding: dictionary " + name, Kind: parley.NotFound, Err: err}
		}
		d, err := dict.Parse(name, b)
		if err != nil {
			if d == nil || d.Kind == dict.KindUnknown {
				return nil, err
			}
			warns = append(warns, err)
		}
		c.lex.addFile(d, b)
	}
	if !opts.NoBuiltin && c.opts.Modality == nil {
		c.opts.Modality = builtinModality
	}
	if !opts.NoBuiltin && c.opts.SentenceModality == nil {
		c.opts.SentenceModality = builtinSentenceModality
	}
	if !opts.NoBuiltin && c.opts.Classify == nil {
		c.opts.Classify = builtinClassify
	}
	if c.opts.MinClassifyP == 0 {
		c.opts.MinClassifyP = 0.4
	}
	c.names, c.nominal = !opts.NoBuiltin, !opts.NoBuiltin
	if opts.Names != nil {
		c.names = *opts.Names
	}
	if opts.Nominal != nil {
		c.nominal = *opts.Nominal
	}
	c.requireTarget = opts.NoBuiltin
	if opts.RequireTarget != nil {
		c.requireTarget = *opts.RequireTarget
	}
	c.verbWords = map[string]bool{}
	for w, forms := range c.lex.verbs {
		for _, f := range forms {
			if len(f.words) == 1 {
				c.verbWords[w] = true
			}
		}
	}
	c.version = fmt.Sprintf("parley-coder/1 dicts=%016x nobuiltin=%t target=%t names=%t nominal=%t", c.lex.hash, opts.NoBuiltin, c.requireTarget, c.names, c.nominal)
	return c, errors.Join(warns...)
}

// Version is a stable identifier of the coder and its dictionaries: two
// coders with the same Version code the same stories the same way.
func (c *Coder) Version() string { return c.version }

// Stats reports how many dictionary entries the Coder loaded.
func (c *Coder) Stats() (actors, agents, verbBlocks, discards int) {
	return c.lex.counts[0], c.lex.counts[1], c.lex.counts[2], c.lex.counts[3]
}

// ActorNames returns the number of actor names and synonyms loaded (an
// actor entry of a dictionary has one or more).
func (c *Coder) ActorNames() int { return c.lex.actorNames }

func (c *Coder) isVerbWord(w string) bool { return c.verbWords[w] }

// buffers are per-call scratch space.
type buffers struct {
	toks     []tok
	mentions []mention
	groups   []group
	words    []string
}

func (c *Coder) getBuf() *buffers {
	if b, ok := c.pool.Get().(*buffers); ok {
		return b
	}
	return &buffers{}
}

// storyState carries what one sentence tells the next: the main actor for
// pronouns, the dyad in focus.
type storyState struct {
	lastSource *member
	// lastDate is the date of the last event dated by a time expression:
	// what "at the same time" or "then" in a later sentence refers to.
	lastDate parley.Date
	// clauseDates are the dates named inside a noun's participle clause
	// ("citizens abducted in the 1970s") since the last sentence with a
	// time expression of its own: the running context they leave is not
	// the story's time.
	clauseDates []parley.Date
	// countries counts the countries named so far; the two most named are
	// the dyad in focus ("the two countries", "both sides", "bilateral").
	countries map[string]int
}

// focus returns the two most named countries so far, or false.
func (st *storyState) focus() (a, b string, ok bool) {
	na, nb := 0, 0
	for c, n := range st.countries {
		switch {
		case n > na || (n == na && c < a):
			b, nb = a, na
			a, na = c, n
		case n > nb || (n == nb && c < b):
			b, nb = c, n
		}
	}
	return a, b, a != "" && b != ""
}

// dyadPhrases name the dyad in focus.
var dyadPhrases = [][]string{
	{"THE", "TWO", "COUNTRIES"}, {"BOTH", "COUNTRIES"}, {"THE", "TWO", "NATIONS"}, {"BOTH", "NATIONS"},
	{"BOTH", "SIDES"}, {"THE", "TWO", "SIDES"}, {"THE", "TWO", "GOVERNMENTS"}, {"BOTH", "GOVERNMENTS"},
	{"THE", "TWO", "NEIGHBOURS"}, {"THE", "TWO", "NEIGHBORS"}, {"THE", "TWO", "STATES"}, {"TWO", "NATIONS"}, {"TWO", "COUNTRIES"},
}

// addDyadGroups adds a two-member group for each phrase naming the dyad in
// focus, and counts the countries named in the sentence.
func (c *Coder) addDyadGroups(groups []group, toks []tok, st *storyState) []group {
	a, b, ok := st.focus()
	for _, g := range groups {
		for _, m := range g.members {
			if len(m.code) >= 3 && !strings.HasPrefix(m.code, "---") {
				if st.countries == nil {
					st.countries = map[string]int{}
				}
				st.countries[m.code[:3]]++
			}
		}
	}
	if !ok {
		return groups
	}
	added := false
	for k := 0; k < len(toks); k++ {
		for _, ph := range dyadPhrases {
			if k+len(ph) > len(toks) {
				continue
			}
			match := true
			for j, w := range ph {
				if toks[k+j].up != w {
					match = false
					break
				}
			}
			if !match {
				continue
			}
			free := true
			for _, g := range groups {
				if k < g.e && k+len(ph) > g.s {
					free = false
				}
			}
			if !free {
				continue
			}
			e := k + len(ph)
			g := group{s: k, e: e, prep: prepBefore(toks, k), members: []member{
				{code: a, s: k, e: e, name: a, rule: "dyad-in-focus"},
				{code: b, s: k, e: e, name: b, rule: "dyad-in-focus"},
			}}
			groups = append(groups, g)
			added = true
			k = e - 1
			break
		}
	}
	if added {
		sort.Slice(groups, func(x, y int) bool { return groups[x].s < groups[y].s })
	}
	return groups
}

// bilateralBefore reports whether "bilateral" modifies the word at i
// ("bilateral Red Cross talks").
func bilateralBefore(toks []tok, i int) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		if toks[k].up == "BILATERAL" {
			return true
		}
		if toks[k].punct || prepositions[toks[k].up] || determiners[toks[k].up] {
			return false
		}
	}
	return false
}

// lightVerbs govern an event noun: "held talks", "paid a visit".
var lightVerbs = set("HOLD", "HOLDS", "HELD", "HOLDING", "HAVE", "HAS", "HAD", "HAVING", "PAY", "PAYS", "PAID", "PAYING",
	"MAKE", "MAKES", "MADE", "MAKING", "CONDUCT", "CONDUCTS", "CONDUCTED", "CONDUCTING", "LAUNCH", "LAUNCHES", "LAUNCHED",
	"BEGIN", "BEGINS", "BEGAN", "BEGUN", "START", "STARTS", "STARTED", "RESUME", "RESUMES", "RESUMED", "RESUMING",
	"OPEN", "OPENS", "OPENED", "ATTEND", "ATTENDS", "ATTENDED", "ATTENDING", "ORGANIZE", "ORGANIZED", "ORGANISED",
	"ANNOUNCE", "ANNOUNCED", "ANNOUNCES", "CARRY", "CARRIED", "CARRIES", "STAGE", "STAGED", "STAGES", "ISSUE", "ISSUED", "ISSUES",
	"DELIVER", "DELIVERED", "GIVE", "GAVE", "GIVEN", "GIVES", "OFFER", "OFFERED", "OFFERS", "EXTEND", "EXTENDED",
	"EXPRESS", "EXPRESSED", "EXPRESSES", "VOICE", "VOICED", "LODGE", "LODGED", "FILE", "FILED", "SEND", "SENT",
	"CONTINUE", "CONTINUED", "CONCLUDE", "CONCLUDED", "WRAP", "WRAPPED", "SIGN", "SIGNED", "REACH", "REACHED",
	"IMPOSE", "IMPOSED", "IMPOSES", "MOUNT", "MOUNTED", "UNLEASH", "UNLEASHED", "CONVEY", "CONVEYED", "CONVEYS", "SIGNAL", "SIGNALED", "SIGNALLED", "SIGNALS",
	"REAFFIRM", "REAFFIRMED", "REITERATE", "REITERATED", "STATE", "STATED")

// nominalRoles finds the actors of an event noun at cd: "X's visit to Y",
// "talks between X and Y", "bilateral talks" (the dyad in focus), "X held
// talks with Y". ok is false when the noun is not used as an event.
func (c *Coder) nominalRoles(toks []tok, groups []group, cd *candidate, st *storyState, lo, hi int, coded func(int) bool) (src, tgt int, mutual []member, ok bool) {
	src, tgt = -1, -1
	// "between X and Y", "among ..."
	for g := range groups {
		if groups[g].s > cd.e && groups[g].s <= cd.e+3 && (groups[g].prep == "BETWEEN" || groups[g].prep == "AMONG") && len(groups[g].members) >= 2 {
			return g, -1, groups[g].members, true
		}
	}
	// "bilateral talks"
	for k := cd.s - 1; k >= 0 && k >= cd.s-4; k-- {
		if toks[k].up == "BILATERAL" {
			if a, b, ok := st.focus(); ok {
				return -1, -1, []member{{code: a, s: k, e: k + 1, name: a, rule: "dyad-in-focus"}, {code: b, s: k, e: k + 1, name: b, rule: "dyad-in-focus"}}, true
			}
		}
		if toks[k].punct || prepositions[toks[k].up] {
			break
		}
	}
	after := func() int {
		for g := range groups {
			if groups[g].s >= cd.e && groups[g].s <= cd.e+6 && groups[g].s < hi {
				switch groups[g].prep {
				case "TO", "WITH", "ON", "AGAINST", "INTO", "FOR", "OF", "OVER", "AT", "":
					return g
				}
			}
		}
		return -1
	}
	// "X's visit to Y", "Japan's rocket launch"
	k := cd.s - 1
	for k >= 0 && !toks[k].punct && adjectiveLike(toks[k].up) && toks[k].up != "'S" {
		k--
	}
	if k >= 1 && toks[k].up == "'S" {
		for g := range groups {
			if groups[g].e == k {
				return g, after(), nil, true
			}
		}
	}
	// "X held talks with Y": a light verb before the noun phrase.
	k = cd.s - 1
	for k >= 0 && (determiners[toks[k].up] || (!toks[k].punct && adjectiveLike(toks[k].up))) {
		k--
	}
	// "voiced to Japan its willingness": the group after "to" is the target.
	toGroup := -1
	for g := range groups {
		if groups[g].e == k+1 && groups[g].prep == "TO" {
			toGroup = g
			k = groups[g].s - 1
			for k >= 0 && (determiners[toks[k].up] || toks[k].up == "TO") {
				k--
			}
			break
		}
	}
	if k >= 0 && receiveVerbs[toks[k].up] {
		// "X faced criticism from Y", "X received aid from Y": Y does it
		// to X.
		for g := range groups {
			if groups[g].s > cd.e && groups[g].s <= cd.e+4 && groups[g].s < hi && groups[g].prep == "FROM" {
				return g, subjectGroup(toks, groups, lo, k), nil, true
			}
		}
	}
	if k >= 0 && lightVerbs[toks[k].up] {
		if coded(k) {
			// "signed a treaty of cooperation": the verb codes the event.
			return -1, -1, nil, false
		}
		t := after()
		if toGroup >= 0 {
			t = toGroup
		}
		return subjectGroup(toks, groups, lo, k), t, nil, true
	}
	return -1, -1, nil, false
}

// Code codes every sentence of doc and returns its events in sentence
// order. It does no I/O and is safe for concurrent use.
func (c *Coder) Code(doc *parley.Document) []parley.Event {
	if doc == nil || doc.Story == nil {
		return nil
	}
	sents := doc.Sentences
	if len(sents) == 0 {
		sents = splitSentences(doc.Story.Text)
	}
	b := c.getBuf()
	defer c.pool.Put(b)
	// A story-level discard phrase anywhere drops the story.
	for i := range sents {
		b.toks = tokenize(b.toks[:0], sents[i].Text, sents[i].Start)
		if d, _ := c.discard(b.toks); d == refDiscardStory {
			c.explainf("story %s: discarded by a story-level discard phrase in sentence %d\n", doc.Story.ID, i)
			return nil
		}
	}
	var out []parley.Event
	var st storyState
	for i := range sents {
		out = c.codeSentence(out, b, doc, &sents[i], i, &st)
	}
	return out
}

// discard returns the kind of discard phrase found in toks.
func (c *Coder) discard(toks []tok) (refKind, bool) {
	found, kind := false, refDiscard
	for i := range toks {
		refs, n := c.lex.discards.longest(toks, i)
		if n == 0 {
			continue
		}
		for _, r := range refs {
			if r.kind == refDiscardStory {
				return refDiscardStory, true
			}
		}
		found = true
	}
	if found {
		return kind, true
	}
	return 255, false
}

// candidate is a verb (or trigger noun) in a sentence.
type candidate struct {
	s, e       int
	forms      []vform
	best       pmatch
	matched    bool
	code       string
	rule       string
	drop       string // why it was dropped
	nominal    bool
	complement bool
	governor   int // the candidate a complement belongs to
}

var auxiliaries = set("HAVE", "HAS", "HAD", "BE", "BEEN", "BEING", "IS", "ARE", "WAS", "WERE", "AM", "WILL", "WOULD", "SHALL", "SHOULD", "CAN", "COULD", "MAY", "MIGHT", "MUST", "DO", "DOES", "DID", "TO", "NOT", "N'T", "NEVER", "ALSO", "AGAIN", "JUST", "NOW", "ALREADY", "STILL", "RECENTLY", "REPORTEDLY", "FINALLY", "EVER", "REALLY", "'S", "'RE", "'VE", "'D", "'LL", "WO", "CA", "ABOUT", "GOING", "GOT", "GET", "GETS")

var beForms = set("BE", "BEEN", "BEING", "IS", "ARE", "WAS", "WERE", "AM", "GET", "GETS", "GOT", "'S", "'RE")

var pronouns = set("HE", "SHE", "IT", "THEY", "WE")

// nounContext reports whether the verb form at i is used as a noun: after
// a determiner, possessive or preposition ("an attack", "their meeting",
// "Eriador's refusal", "for meetings"), or after adjectives that follow one
// ("a brief private visit").
func nounContext(toks []tok, i int) bool {
	if i == 0 {
		return false
	}
	p := toks[i-1].up
	if p == "TO" {
		return false
	}
	if determiners[p] || p == "'S" || p == "'" || prepositions[p] {
		return true
	}
	// "friendship and cooperation": conjoined with a noun.
	if (p == "AND" || p == "OR") && i >= 2 && !toks[i-2].punct && !toks[i-2].cap && !auxiliaries[toks[i-2].up] && !pronouns[toks[i-2].up] && !isVerbForm(toks[i-2].up) && !strings.HasSuffix(toks[i-2].up, "S") {
		return true
	}
	// "an Israeli attack", "an anti-Gondor parade": an indefinite article
	// before a proper name or adjective.
	if toks[i-1].cap {
		k := i - 1
		for k >= 0 && (toks[k].cap || toks[k].up == "ANTI-" || toks[k].up == "PRO-" || toks[k].up == "-" || toks[k].up == "ANTI" || toks[k].up == "PRO") {
			k--
		}
		if k >= 0 && (toks[k].up == "A" || toks[k].up == "AN") {
			return true
		}
	}
	// "suspended military aid": verb, adjective, noun.
	if i >= 2 && !toks[i-1].cap && !toks[i-1].punct && adjectiveLike(p) && isVerbForm(toks[i-2].up) {
		return true
	}
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		t := toks[k]
		if determiners[t.up] || (k < i-1 && (t.up == "'S" || (prepositions[t.up] && t.up != "TO"))) {
			return true // "a brief visit", "for humanitarian aid"
		}
		if t.punct || !adjectiveLike(t.up) {
			return false
		}
	}
	return false
}

// isVerbForm reports whether w looks like an inflected verb ("suspended",
// "gave", "launches").
func isVerbForm(w string) bool {
	return strings.HasSuffix(w, "ED") || irregularParticiple[w] || pastForms[w]
}

var pastForms = set("GAVE", "SENT", "TOOK", "MADE", "BEGAN", "SAW", "WENT", "CAME", "BROKE", "DREW", "DREW", "GREW", "THREW", "WROTE", "FLEW", "FORGAVE", "STRUCK", "RAN", "WON", "SPOKE", "STOLE", "CHOSE", "ROSE", "FELL", "HELD", "KEPT", "LEFT", "MET", "PAID", "SOLD", "TOLD", "BROUGHT", "BOUGHT", "SOUGHT", "FOUGHT", "CAUGHT", "TAUGHT", "THOUGHT", "LED", "FLED", "SPENT", "LENT", "BUILT")

var adjectives = set("NEW", "BRIEF", "FIRST", "LAST", "RECENT", "MAJOR", "JOINT", "HIGH", "TOP", "BIG", "LONG", "SHORT", "RARE", "OWN", "PRIVATE", "PUBLIC", "OFFICIAL", "SURPRISE", "FULL", "FORMAL", "SECRET", "DIRECT", "FRESH", "FURTHER", "FINAL", "NEXT", "LATEST", "PLANNED", "FUTURE", "SECOND", "THIRD", "FORMER", "EARLIER", "LATER", "SUDDEN", "GREAT", "LARGE", "SMALL", "FIERCE", "HEAVY", "BRUTAL", "DEADLY", "BLOODY", "FOREIGN", "STATE", "WORKING", "GOODWILL", "PEACE", "TRADE", "BORDER", "AIR", "ROCKET", "MISSILE", "NUCLEAR", "MILITARY", "NAVAL")

// adjectiveLike reports whether an upper-case word can stand between a
// determiner and a noun: a known adjective or noun modifier, a hyphenated
// or number word, or a word with an adjective suffix.
func adjectiveLike(w string) bool {
	if adjectives[w] || strings.Contains(w, "-") {
		return true
	}
	if len(w) > 0 && w[0] >= '0' && w[0] <= '9' {
		return true
	}
	for _, suf := range []string{"AL", "IVE", "IC", "OUS", "FUL", "ARY", "BLE", "ILE", "ISH", "LESS", "IAN", "ESE"} {
		if len(w) > len(suf)+2 && strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

func (c *Coder) codeSentence(out []parley.Event, b *buffers, doc *parley.Document, sent *parley.Sentence, si int, st *storyState) []parley.Event {
	story := doc.Story
	sentStart := len(out)
	toks := tokenize(b.toks[:0], sent.Text, sent.Start)
	toks = c.splitHyphens(toks)
	b.toks = toks
	if _, ok := c.discard(toks); ok {
		c.explainf("[%d] discarded: a discard phrase matched\n", si)
		return out
	}
	sentDate, sentFrom := sentenceDate(sent, story)
	if sentFrom == parley.DateFromContext {
		if !st.lastDate.IsZero() && slices.Contains(st.clauseDates, sentDate) {
			sentDate = st.lastDate
		}
	} else {
		st.clauseDates = st.clauseDates[:0]
	}
	date := dateInt(sentDate)
	b.mentions = c.findMentions(b.mentions[:0], toks, date)
	b.groups = c.buildGroups(b.groups[:0], toks, b.mentions, story.Text)
	if c.names {
		b.groups = c.addNames(b.groups, toks)
	}
	if c.nominal {
		b.groups = c.addDyadGroups(b.groups, toks, st)
	}
	if si == 0 {
		b.groups = dropDateline(b.groups, toks)
	}
	markAppositions(b.groups, toks)
	if len(toks) > 0 && prepositions[toks[0].up] {
		// "In Jerusalem, the prime minister said": the opening phrase is
		// not the subject (but a comma after a verb closes the main
		// clause: "In recent years the Taliban have carried out attacks,").
		for k := range toks {
			if auxiliaries[toks[k].up] || isVerbForm(toks[k].up) && k > 0 && !toks[k].cap {
				break
			}
			if toks[k].up == "," {
				for g := range b.groups {
					if b.groups[g].e <= k && b.groups[g].prep == "" {
						b.groups[g].prep = toks[0].up
					}
				}
				break
			}
		}
	}
	groups := b.groups
	inGroup := func(i int) bool {
		for _, g := range groups {
			if i >= g.s && i < g.e {
				return true
			}
		}
		return false
	}
	if c.opts.Explain != nil {
		var parts []string
		for _, g := range groups {
			var codes []string
			for _, m := range g.members {
				codes = append(codes, m.code)
			}
			parts = append(parts, fmt.Sprintf("%q=%s", story.Text[toks[g.s].start:toks[g.e-1].end], strings.Join(codes, "/")))
		}
		c.explainf("[%d] %s\n    actors: %s\n", si, sent.Text, strings.Join(parts, " "))
	}
	// Candidate triggers.
	var cands []candidate
	for i := 0; i < len(toks); i++ {
		if toks[i].punct || inGroup(i) {
			continue
		}
		forms := c.lex.verbAt(toks, i)
		if len(forms) == 0 {
			continue
		}
		cd := candidate{s: i, e: i + len(forms[0].words), forms: forms}
		if nounContext(toks, i) || bilateralBefore(toks, i) {
			cd.nominal = true
		}
		cands = append(cands, cd)
		i = cd.e - 1
	}
	// Patterns and codes.
	for k := range cands {
		cd := &cands[k]
		c.evalCandidate(cd, toks, groups)
	}
	// Keep one verb per auxiliary chain ("should have acted").
	for k := 1; k < len(cands); k++ {
		a, bb := &cands[k-1], &cands[k]
		if a.code == "" || bb.code == "" || a.nominal || bb.nominal {
			continue
		}
		chain := true
		for j := a.e; j < bb.s; j++ {
			if !auxiliaries[toks[j].up] {
				chain = false
				break
			}
		}
		if !chain {
			continue
		}
		if a.best.spec > bb.best.spec {
			bb.drop = "same verb chain as " + toks[a.s].up
		} else {
			a.drop = "same verb chain as " + toks[bb.s].up
		}
	}
	// Notes on each candidate before actors are assigned.
	for k := range cands {
		cd := &cands[k]
		if cd.nominal && cd.drop == "" && !c.nominal {
			cd.drop = "noun (after a determiner or preposition)"
		}
		if cd.drop == "" && intensified(toks, cd.s) {
			cd.drop = "adjective (after an intensifier)"
		}
		if cd.drop == "" && cd.code == "" {
			cd.drop = "no code (the verb codes only with a pattern, and none matched)"
		}
	}
	// An infinitive right after another verb is part of that verb's event
	// ("urged Bree to help", "abandoned efforts to stop").
	for k := range cands {
		cd := &cands[k]
		if cd.drop != "" || !isInfinitive(toks, cd.s) {
			continue
		}
		for j := k - 1; j >= 0; j-- {
			p := &cands[j]
			if strings.HasPrefix(p.drop, "same verb chain") {
				break // cd is what is left of p's chain ("refused to meet")
			}
			if p.drop != "" {
				continue
			}
			if cd.s-p.e <= 10 && !boundaryBetween(toks, p.e, cd.s) {
				cd.drop = "infinitive complement of " + toks[p.s].up
				cd.complement = true
				cd.governor = j
			}
			break
		}
	}
	// A noun that another trigger's pattern named ("its readiness to
	// reopen TALKS", "- * &TALKS") is part of that trigger's event.
	for k := range cands {
		cd := &cands[k]
		if cd.drop != "" || !cd.matched || cd.best.hi <= cd.e {
			continue
		}
		for j := k + 1; j < len(cands) && cands[j].s < cd.best.hi; j++ {
			if cands[j].drop == "" && cands[j].s >= cd.e {
				cands[j].drop = "part of " + toks[cd.s].up + "'s pattern"
			}
		}
	}
	// The object of such a complement is the content of the governing
	// event too ("its willingness to restart negotiations", "agreed to
	// resume talks"): the noun gives no event of its own.
	for k := range cands {
		cd := &cands[k]
		if !cd.complement {
			continue
		}
		for j := k + 1; j < len(cands) && cands[j].s-cd.e <= 4; j++ {
			o := &cands[j]
			if o.drop != "" || boundaryBetween(toks, cd.e, o.s) || !cands[j].nominal && !nounAfterModifiers(toks, cd.e, o.s) {
				continue
			}
			o.drop = "object of " + toks[cd.s].up + ", the content of " + toks[cands[cd.governor].s].up
		}
	}
	prevEnd := 0
	prevSrcIdx := -1
	for k := range cands {
		cd := &cands[k]
		if cd.drop != "" {
			c.explainf("    %s: dropped: %s\n", story.Text[toks[cd.s].start:toks[cd.e-1].end], cd.drop)
			continue
		}
		hi := len(toks)
		for j := k + 1; j < len(cands); j++ {
			if cands[j].drop == "" && !cands[j].nominal {
				hi = cands[j].s
				break
			}
		}
		src, tgt := cd.best.src, cd.best.tgt
		var nominalMutual []member
		if cd.nominal {
			nsrc, ntgt, mut, ok := c.nominalRoles(toks, groups, cd, st, prevEnd, hi, func(i int) bool {
				for j := range cands {
					if cands[j].s <= i && i < cands[j].e {
						return cands[j].drop == "" && !cands[j].nominal && cands[j].code != ""
					}
				}
				return false
			})
			if !ok || (nsrc < 0 && len(mut) == 0) {
				c.explainf("    %s: dropped: noun without the actors of an event (possessor, between, light verb)\n", toks[cd.s].up)
				continue
			}
			src, tgt, nominalMutual = nsrc, ntgt, mut
			cd.rule += " (noun)"
		}
		// The subject comes before the words the pattern matched.
		// The subject comes before the words the pattern matched ("the US
		// reduced MILITARY aid"), unless none does ("NEITHER X nor Y *").
		subjHi := cd.s
		if cd.matched && cd.best.lo < subjHi && (subjectGroup(toks, groups, prevEnd, cd.best.lo) >= 0 || (cd.best.tgt >= 0 && groups[cd.best.tgt].e <= cd.s)) {
			subjHi = cd.best.lo
		}
		passive := cd.nominal // a noun has no voice, and no subject but its own
		reduced := false
		if src < 0 && !cd.nominal {
			// Passive with an agent: "was opposed by Osgiliath".
			if by := passiveBy(toks, cd.s, cd.e); by >= 0 {
				passive = true
				for g := range groups {
					if groups[g].s >= by+1 && groups[g].s <= by+3 {
						src = g
						break
					}
				}
				if src >= 0 && tgt < 0 {
					tgt = subjectGroup(toks, groups, prevEnd, subjHi)
				}
			} else if by, g := reducedPassive(toks, groups, cd.s, cd.e); by >= 0 {
				// A reduced passive after a noun: "citizens abducted by
				// North Korean agents": the agent did it to the noun, and
				// the clause is the noun's, not the sentence's.
				passive, reduced = true, true
				for h := range groups {
					if groups[h].s >= by+1 && groups[h].s <= by+3 {
						src = h
						break
					}
				}
				if src >= 0 && tgt < 0 {
					tgt = g
				}
			}
		}
		subjectPronoun := -1
		if src < 0 && !passive {
			if isPassive(toks, cd.s) {
				// A passive without an agent: the subject is the target.
				if tgt < 0 {
					tgt = subjectGroup(toks, groups, prevEnd, subjHi)
				}
				passive = true
			} else if pi := pronounSubject(toks, subjHi); pi >= 0 {
				subjectPronoun = pi
			} else {
				if prevSrcIdx >= 0 && coordinated(toks, prevEnd, cd.s) {
					// "invited a delegation, and said": the same subject.
					src = prevSrcIdx
				} else if cd.s > 0 && strings.HasSuffix(toks[cd.s].up, "ING") && (toks[cd.s-1].up == "," || cd.s > 1 && toks[cd.s-2].up == "," && participleSubordinators[toks[cd.s-1].up]) {
					// "stormed a headquarters, killing five": the main
					// clause's subject.
					first := len(toks)
					for j := range cands {
						if cands[j].drop == "" && !cands[j].nominal || cands[j].code != "" && !cands[j].nominal {
							first = cands[j].s
							break
						}
					}
					if first >= cd.s {
						first = cd.s - 1
					}
					src = subjectGroup(toks, groups, 0, first)
				} else {
					src = subjectGroup(toks, groups, prevEnd, subjHi)
				}
			}
		}
		if tgt < 0 && !cd.best.mutual && !passive {
			tgt = objectGroup(toks, groups, cd.e, hi, src, c.startsClause)
			if tgt >= 0 && groups[tgt].agentOnly && (cd.code == "042" || cd.code == "043") {
				// "visited their relatives' graves in North Korea": a
				// visit is to the place.
				for g := tgt + 1; g < len(groups) && groups[g].s < hi; g++ {
					if isPlace(&groups[g]) {
						tgt = g
						break
					}
				}
			}
		}
		if tgt >= 0 && src >= 0 && cd.best.tgt < 0 && isPlace(&groups[tgt]) && len(groups[src].members) > 1 && symmetricCode(cd.code) {
			// "Japan and North Korea held talks in Ulaanbaatar": the
			// place is where, the compound is who.
			tgt = -1
		}
		var srcMembers, tgtMembers []member
		if src >= 0 {
			srcMembers = groups[src].members
		} else if subjectPronoun >= 0 {
			// "he said", "the army says it has seized": the subject before
			// the pronoun in this sentence, else the previous main actor;
			// found at the pronoun.
			// An antecedent in this sentence lends its words too; one
			// from an earlier sentence is found at the pronoun.
			var ref *member
			same := true
			person := toks[subjectPronoun].up == "HE" || toks[subjectPronoun].up == "SHE"
			fits := func(m *member) bool { return !person || personLike(m) }
			if prevSrcIdx >= 0 && !groups[prevSrcIdx].agentOnly && fits(&groups[prevSrcIdx].members[0]) {
				ref = &groups[prevSrcIdx].members[0]
			} else if g := subjectGroup(toks, groups, 0, subjectPronoun); g >= 0 && !groups[g].agentOnly && fits(&groups[g].members[0]) {
				ref = &groups[g].members[0]
			} else if st.lastSource != nil && fits(st.lastSource) {
				ref, same = st.lastSource, false
			}
			if ref != nil {
				m := *ref
				m.rule = "pronoun"
				if !same {
					m.s, m.e = subjectPronoun, subjectPronoun+1
				}
				srcMembers = []member{m}
			}
		}
		if tgt >= 0 && tgt != src {
			tgtMembers = groups[tgt].members
		}
		if len(nominalMutual) >= 2 {
			srcMembers, tgtMembers = nominalMutual, nil
		}
		if c.names && cd.best.tgt < 0 && len(nominalMutual) < 2 && !cd.best.mutual && !passive && len(srcMembers) > 0 {
			// "launched an investigation INTO X", "filed a lawsuit
			// AGAINST X": the object of the event noun's preposition is
			// the target, before any actor further on.
			end := cd.e
			if cd.matched && cd.best.hi > end {
				end = cd.best.hi
			}
			if end < cd.e+6 {
				if m, ok := prepObject(toks, groups, end, hi); ok {
					tgtMembers = m
				}
			}
		}
		if len(tgtMembers) == 0 && len(nominalMutual) < 2 && !cd.best.mutual && !passive && c.names && len(srcMembers) == 1 {
			// No actor after the verb: its object, known by its words
			// ("freed a former presidential candidate").
			from := cd.e
			if cd.matched && cd.best.hi > from {
				from = cd.best.hi // words the pattern used are the verb's ("launched a ROCKET")
			}
			if s, e := objectNP(toks, from, hi, groups); e > s {
				tgtMembers = []member{{code: "", s: s, e: e, rule: "object"}}
			}
		}
		if len(srcMembers) == 0 {
			c.explainf("    %s [%s]: dropped: no source actor\n", toks[cd.s].up, cd.code)
			continue
		}
		reciprocal := len(tgtMembers) == 0 && len(srcMembers) > 1 && !dyadGroup(srcMembers) && reciprocalCode(cd.code)
		mutual := cd.best.mutual || len(nominalMutual) >= 2 || reciprocal || (len(tgtMembers) == 0 && len(srcMembers) > 1 && dyadGroup(srcMembers))
		if len(tgtMembers) == 0 && !mutual && c.requireTarget {
			c.explainf("    %s [%s]: dropped: no target actor\n", toks[cd.s].up, cd.code)
			continue
		}
		// Modality.
		status, reason := c.modality(b, toks, cd)
		code := cd.code
		switch status {
		case "", "asserted", "reported", "attempt":
		case "refusal":
			code = refusalCode(code, cd.matched)
		case "intent", "proposal", "future":
			// An actor's announced plan ("Japan will send an envoy") is
			// a stated intention.
			code = intentCode(code)
		case "appeal":
			code = appealCode(code)
		case "demand":
			code = demandCode(code)
		case "threat":
			code = threatCode(code)
		default:
			c.explainf("    %s [%s]: dropped: %s (%s)\n", toks[cd.s].up, cd.code, status, reason)
			continue
		}
		if (status == "appeal" || status == "demand") && src >= 0 {
			// "pressed the two countries to hold talks": the object of the
			// appeal is asked, the appeal is its speaker's.
			if k := controlVerbBefore(toks, groups[src].s); k >= 0 {
				if ns := subjectGroup(toks, groups, 0, k); ns >= 0 && ns != src {
					tgt, src = src, ns
					srcMembers, tgtMembers = groups[src].members, groups[tgt].members
					mutual, reciprocal = false, false
				}
			}
		}
		if reciprocal && !reciprocalCode(code) {
			// "Italy and Spain refused to allow ...": a refusal is not
			// done to each other.
			mutual = false
		}
		if !cd.nominal && !reduced {
			prevEnd = cd.e
			if src >= 0 {
				prevSrcIdx = src
			}
		}
		ev := eventBase{story: story, si: si, toks: toks, cd: cd, code: code}
		var ti int
		content := 0
		switch root(code) {
		case "02", "03", "10", "13":
			content = 1
		}
		if code != cd.code {
			// The trigger is what was promised or asked for ("readiness to
			// reopen talks in March"): any date after it is the content's.
			content = 2
		}
		dateEnd := toks[cd.e-1].end
		if reduced && src >= 0 && groups[src].e > cd.e {
			// "abducted by North Korean agents in the 1970s": the
			// clause's time follows its agent.
			dateEnd = toks[groups[src].e-1].end
		}
		ev.date, ev.dateFrom, ti = eventDate(sent, story, toks[cd.s].start, dateEnd, sentDate, sentFrom, content, st.lastDate)
		if ev.dateFrom == parley.DateFromContext && presentPerfect(toks, cd.s) && !story.Published.IsZero() {
			// "X has opened a dialogue": recent, not the story's running
			// context (a year a previous sentence named).
			ev.date, ev.dateFrom = parley.DayDate(story.Published), parley.DateFromPublication
		}
		dates := coordinatedDates(sent, story.Text, ti)
		if dates == nil {
			dates = []parley.Date{ev.date}
		}
		if ev.dateFrom == parley.DateFromExpression && !reduced {
			st.lastDate = ev.date
		}
		if ev.dateFrom == parley.DateFromExpression && reduced {
			// A noun's participle clause ("citizens abducted in the
			// 1970s") does not move the story's time.
			for _, t := range sent.Times {
				if t.Start >= toks[cd.e-1].end && !t.Value.IsZero() {
					st.clauseDates = append(st.clauseDates, t.Value)
				}
			}
		}
		ev.loc = c.location(toks, groups, cd.e, hi, story.Text)
		n0 := len(out)
		srcAll, tgtAll := srcMembers, tgtMembers
		ev.multiDate = len(dates) > 1
		for _, evDate := range dates {
			// One event per date of a conjoined time expression ("In January
			// and March 2012, X met Y").
			ev.date = evDate
			srcMembers, tgtMembers = srcAll, tgtAll
			if d := dateInt(ev.date); d != date && d != 0 {
				// Actors are coded as of the event's own date ("In 2002, Koizumi
				// visited" in a 2013 story).
				srcMembers = c.redate(srcMembers, b.mentions, d)
				tgtMembers = c.redate(tgtMembers, b.mentions, d)
			}
			if mutual {
				for i := range srcMembers {
					for j := range srcMembers {
						if i != j && srcMembers[i].code != srcMembers[j].code {
							out = c.emit(out, &ev, &srcMembers[i], &srcMembers[j], true)
						}
					}
				}
			} else if len(tgtMembers) == 0 {
				for i := range srcMembers {
					out = c.emit(out, &ev, &srcMembers[i], nil, false)
				}
			} else {
				for i := range srcMembers {
					for j := range tgtMembers {
						if srcMembers[i].code == tgtMembers[j].code {
							continue
						}
						out = c.emit(out, &ev, &srcMembers[i], &tgtMembers[j], false)
					}
				}
			}
		}
		out = dedupe(out, n0, sentStart)
		if !strings.HasPrefix(srcMembers[0].code, "---") {
			m := srcMembers[0]
			st.lastSource = &m
		}
		if c.opts.Explain != nil {
			var pairs []string
			for _, e := range out[n0:] {
				pairs = append(pairs, e.Source.Code+">"+targetCode(e.Target)+" "+e.CAMEO)
			}
			c.explainf("    %s [%s -> %s] %s (%s): coded %s, date %s from %s\n", story.Text[toks[cd.s].start:toks[cd.e-1].end], cd.code, code, cd.rule, status,
				strings.Join(pairs, ", "), joinDates(dates), ev.dateFrom)
		}
	}
	if c.nominal {
		out = dropPlainStatements(out, sentStart)
	}
	if len(out) > sentStart && c.opts.Classify != nil && c.opts.ModelOverrideP > 0 {
		out = c.modelPrior(out, sentStart, b, toks)
	}
	if len(out) == sentStart && c.opts.Classify != nil {
		out = c.classifyFallback(out, b, story, si, toks, groups, sent, sentDate, sentFrom, cands)
	}
	return out
}

// modelPrior recodes events that only a verb's default code gave (no
// pattern) when the event-type model is confident of another root: the
// default code of a verb block is its most common sense, the model reads
// the whole sentence.
func (c *Coder) modelPrior(out []parley.Event, from int, b *buffers, toks []tok) []parley.Event {
	b.words = b.words[:0]
	for _, t := range toks {
		b.words = append(b.words, t.low)
	}
	root, plover, p := c.opts.Classify(b.words)
	if root == "" || p < c.opts.ModelOverrideP {
		return out
	}
	for i := from; i < len(out); i++ {
		e := &out[i]
		if strings.Contains(e.Rule, ": - ") || e.Root == root || e.Root == "01" {
			continue
		}
		c.explainf("    %s [%s]: recoded %s0 by the model (%.2f)\n", e.Trigger.Text, e.CAMEO, root, p)
		setCode(e, root+"0")
		if plover != "" {
			e.PLOVER = plover
		}
		e.Rule += " + model " + root
	}
	return out
}

// classifyFallback codes a sentence no pattern coded with the event-type
// model: its main actor does the predicted type of event to the first
// actor after it. Negated, hypothetical and future sentences stay uncoded.
func (c *Coder) classifyFallback(out []parley.Event, b *buffers, story *parley.Story, si int, toks []tok, groups []group,
	sent *parley.Sentence, sentDate parley.Date, sentFrom string, cands []candidate) []parley.Event {
	if len(groups) == 0 {
		return out
	}
	b.words = b.words[:0]
	for _, t := range toks {
		b.words = append(b.words, t.low)
	}
	root, plover, p := c.opts.Classify(b.words)
	if root == "" || p < c.opts.MinClassifyP {
		if root == "" {
			c.explainf("    model: no event (the no-event class, %.2f)\n", p)
		} else {
			c.explainf("    model: no event (root %s at %.2f, below %.2f)\n", root, p, c.opts.MinClassifyP)
		}
		return out
	}
	src := -1
	for g := range groups {
		if groups[g].prep == "" && !groups[g].agentOnly {
			src = g
			break
		}
	}
	if src < 0 {
		src = 0
	}
	// The trigger: the first verb candidate after the source, else the
	// first word after it.
	ti := -1
	for _, cd := range cands {
		if cd.s >= groups[src].e {
			ti = cd.s
			break
		}
	}
	for k := groups[src].e; ti < 0 && k < len(toks); k++ {
		if !toks[k].punct && !auxiliaries[toks[k].up] && !strings.HasSuffix(toks[k].up, "LY") {
			ti = k
		}
	}
	if ti < 0 {
		return out
	}
	for k := groups[src].e; k <= ti && k < len(toks); k++ {
		if stativeVerbs[toks[k].up] {
			// "X's advances pose a threat to Y", "the issue remains":
			// analysis of a state of affairs, not an event.
			c.explainf("    model %s/%s %.2f: dropped: analysis (stative verb %q)\n", root, plover, p, toks[k].low)
			return out
		}
	}
	if c.opts.SentenceModality != nil {
		b.words = modalityWords(b.words[:0], toks)
		if status, reason := c.opts.SentenceModality(b.words); status != "asserted" && status != "reported" && status != "" {
			c.explainf("    model %s/%s %.2f: dropped: %s (%s)\n", root, plover, p, status, reason)
			return out
		}
	}
	if status, reason := c.modality(b, toks, &candidate{s: ti, e: ti + 1}); status != "asserted" && status != "reported" && status != "" {
		c.explainf("    model %s/%s %.2f: dropped: %s (%s)\n", root, plover, p, status, reason)
		return out
	}
	tgt := objectGroup(toks, groups, groups[src].e, len(toks), src, c.startsClause)
	if by := passiveBy(toks, ti, ti+1); by >= 0 && ti >= groups[src].e {
		// "X was arrested by Y": Y did it to X.
		for g := range groups {
			if groups[g].s >= by+1 && groups[g].s <= by+3 {
				src, tgt = g, src
				break
			}
		}
	}
	cd := &candidate{s: ti, e: ti + 1, rule: "model " + root + "/" + plover}
	ev := eventBase{story: story, si: si, toks: toks, cd: cd, code: root + "0"}
	ev.date, ev.dateFrom, _ = eventDate(sent, story, toks[ti].start, toks[ti].end, sentDate, sentFrom, 0, parley.Date{})
	ev.loc = c.location(toks, groups, groups[src].e, len(toks), story.Text)
	n0 := len(out)
	sm := groups[src].members
	if len(sm) > 1 && (tgt < 0 || isPlace(&groups[tgt])) && (symmetricCode(root+"0") || dyadGroup(sm)) {
		// "talks between the two countries were held in Mongolia"
		for i := range sm {
			for j := range sm {
				if i != j && sm[i].code != sm[j].code {
					out = c.emit(out, &ev, &sm[i], &sm[j], true)
				}
			}
		}
		tgt = -2
	}
	for i := range groups[src].members {
		if tgt == -2 {
			break
		}
		if tgt >= 0 {
			for j := range groups[tgt].members {
				out = c.emit(out, &ev, &groups[src].members[i], &groups[tgt].members[j], false)
			}
		} else {
			out = c.emit(out, &ev, &groups[src].members[i], nil, false)
		}
	}
	for k := n0; k < len(out); k++ {
		out[k].Rule = "model classify"
		if plover != "" {
			out[k].PLOVER = plover
		}
		out[k].Confidence = 0.6 * p
	}
	if c.opts.Explain != nil {
		var pairs []string
		for _, e := range out[n0:] {
			pairs = append(pairs, e.Source.Code+">"+targetCode(e.Target)+" "+e.CAMEO)
		}
		c.explainf("    model %s/%s %.2f at %s: coded %s, date %s from %s\n", root, plover, p, toks[ti].text, strings.Join(pairs, ", "), ev.date, ev.dateFrom)
	}
	return out
}

// redate returns members with the codes of their dated actors as of date
// (YYYYMMDD): a member whose code starts with an actor's code on the
// sentence's date gets the actor's code on the event date instead.
func (c *Coder) redate(ms []member, mentions []mention, date int) []member {
	var out []member
	for i, m := range ms {
		for _, mn := range mentions {
			if mn.agent || mn.s < m.s || mn.e > m.e || len(mn.codes) != 1 {
				continue
			}
			a := &c.lex.actors[mn.idx]
			dated := false
			for _, dc := range a.Codes {
				if dc.Dated() {
					dated = true
				}
			}
			if !dated || !strings.HasPrefix(m.code, mn.codes[0]) {
				continue
			}
			nc := actorCodes(a, date)
			if len(nc) != 1 || nc[0] == mn.codes[0] {
				continue
			}
			if out == nil {
				out = append([]member(nil), ms...)
			}
			out[i].code = nc[0] + m.code[len(mn.codes[0]):]
			break
		}
	}
	if out == nil {
		return ms
	}
	return out
}

// splitHyphens splits "Japan-North Korea" and "US-China" into their
// names when the whole word is not a dictionary word but a part starts one
// ("Guinea-Bissau" stays whole if the dictionary knows it).
func (c *Coder) splitHyphens(toks []tok) []tok {
	var out []tok
	for i, t := range toks {
		j := strings.IndexByte(t.text, '-')
		split := false
		if j > 0 && j < len(t.text)-1 && !t.punct && c.lex.root.next[t.up] == nil {
			l, r := t.text[:j], t.text[j+1:]
			if isUpperStart(l) && isUpperStart(r) && !strings.Contains(r, "-") {
				lu, ru := upper(l), upper(r)
				split = c.lex.root.next[lu] != nil || c.lex.root.next[ru] != nil
			}
		}
		if !split {
			if out != nil {
				out = append(out, t)
			}
			continue
		}
		if out == nil {
			out = append(make([]tok, 0, len(toks)+2), toks[:i]...)
		}
		base := t.start
		out = appendTok(out, t.text, 0, j, base, false)
		out = appendTok(out, t.text, j, j+1, base, true)
		out = appendTok(out, t.text, j+1, len(t.text), base, false)
	}
	if out == nil {
		return toks
	}
	return out
}

func isUpperStart(s string) bool {
	return s != "" && s[0] >= 'A' && s[0] <= 'Z'
}

// dedupe drops events appended after n0 that repeat an event of the same
// sentence (from index from): same source, target and code.
func dedupe(out []parley.Event, n0, from int) []parley.Event {
	keep := out[:n0]
	for _, e := range out[n0:] {
		dup := false
		for i := from; i < len(keep); i++ {
			k := &keep[i]
			if k.CAMEO == e.CAMEO && k.Source.Code == e.Source.Code && targetCode(k.Target) == targetCode(e.Target) && (k.Trigger != e.Trigger || k.Date == e.Date) {
				dup = true
				break
			}
		}
		if !dup {
			keep = append(keep, e)
		}
	}
	return keep
}

// intensified reports whether the word at i follows an intensifier, which
// makes a verb form an adjective ("very close").
func intensified(toks []tok, i int) bool {
	if i == 0 {
		return false
	}
	switch toks[i-1].up {
	case "VERY", "TOO", "SO", "MORE", "MOST", "LESS", "LEAST", "QUITE", "RATHER", "FAIRLY", "EXTREMELY":
		return true
	}
	return false
}

// subordinators open a clause whose subject is not the main clause's.
var subordinators = set("AFTER", "BEFORE", "WHEN", "WHILE", "SINCE", "BECAUSE", "UNTIL", "ALTHOUGH", "THOUGH", "IF", "WHEREAS", "UNLESS", "ONCE", "WHO", "WHICH", "WHOSE", "WHOM")

// boundaryBetween reports whether a clause boundary lies in toks[a:b].
func boundaryBetween(toks []tok, a, b int) bool {
	for k := a; k < b; k++ {
		u := toks[k].up
		if u == ";" || u == ":" || subordinators[u] {
			return true
		}
	}
	return false
}

// markAppositions marks the groups inside an apposition ("Pakistan, a key
// U.S. ally in the war, has refused"): they describe the group before
// them and are neither subjects nor objects.
func markAppositions(groups []group, toks []tok) {
	for g := range groups {
		e := groups[g].e
		if e+1 >= len(toks) || toks[e].up != "," {
			continue
		}
		switch toks[e+1].up {
		case "A", "AN", "THE", "ONE", "ITS", "HIS", "HER", "THEIR", "WHO", "WHICH":
		default:
			continue
		}
		end := e + 1
		for end < len(toks) && end < e+20 && toks[end].up != "," && toks[end].up != ";" && toks[end].up != "." {
			end++
		}
		if end >= len(toks) || toks[end].up != "," {
			continue
		}
		for h := range groups {
			if groups[h].s > e && groups[h].e <= end {
				groups[h].prep = "APPOSITION"
			}
		}
	}
}

// personLike reports whether an actor can be "he" or "she": a role
// (JPNGOV, ---GOV) or a name, not a bare country or organisation.
func personLike(m *member) bool {
	return len(m.code) > 3 || m.code == ""
}

// pronounSubject returns the index of a subject pronoun right before the
// verb (or its auxiliaries): "he said", "they have met"; -1 if none.
func pronounSubject(toks []tok, s int) int {
	for k := s - 1; k >= 0 && k >= s-4; k-- {
		u := toks[k].up
		if pronouns[u] {
			return k
		}
		if !auxiliaries[u] && !strings.HasSuffix(u, "LY") {
			return -1
		}
	}
	return -1
}

// startsClause reports whether a group ending at e is the subject of a
// verb that follows it ("..., a senior official said").
func (c *Coder) startsClause(toks []tok, e int) bool {
	skipped := false
	for k := e; k < len(toks) && k <= e+3; k++ {
		if c.lex.verbs[toks[k].up] != nil && !nounContext(toks, k) {
			return true
		}
		if auxiliaries[toks[k].up] || strings.HasSuffix(toks[k].up, "LY") {
			continue
		}
		if skipped || toks[k].punct || k != e {
			return false
		}
		skipped = true // one name word: "the newspaper al-Raya said"
	}
	return false
}

// evalCandidate finds the best pattern for a candidate and its code.
func (c *Coder) evalCandidate(cd *candidate, toks []tok, groups []group) {
	seen := map[*vblock]bool{}
	bestSpec := -1
	for fi := range cd.forms {
		f := &cd.forms[fi]
		if seen[f.block] {
			continue
		}
		seen[f.block] = true
		for _, pi := range f.block.order {
			if f.block.spec[pi] <= bestSpec {
				break
			}
			p := &f.block.patterns[pi]
			m, ok := c.matchPattern(p, toks, cd.s, cd.e, 0, len(toks), groups)
			if !ok {
				continue
			}
			if !validEventCode(p.Code) && strings.Trim(p.Code, "-") != "" {
				// A placeholder code ("[+++]", "[xxy]") does not override
				// the verb's own code.
				continue
			}
			if !validEventCode(p.Code) {
				// A pattern that codes nothing ("[---]") still wins: it
				// says this use of the verb is not an event.
				m.spec = f.block.spec[pi]
				bestSpec = m.spec
				cd.best, cd.matched = m, true
				cd.code = ""
				cd.rule = fmt.Sprintf("%s: - %s [%s] (line %d)", f.block.name, p.Text, p.Code, p.Line)
				break
			}
			m.spec = f.block.spec[pi]
			bestSpec = m.spec
			cd.best, cd.matched = m, true
			cd.code = p.Code
			cd.rule = fmt.Sprintf("%s: - %s [%s] (line %d)", f.block.name, p.Text, p.Code, p.Line)
			break
		}
	}
	if cd.matched {
		if cd.code != "" && cd.best.p != nil {
			// A pattern that matched words around a noun use is still
			// the verb's event ("put * (ON TRIAL)").
			// Not when an article right before the trigger, which the
			// pattern skipped, makes it a noun ("was in an accord with").
			article := cd.s > 0 && len(cd.best.p.Pre) > 0 && articles[toks[cd.s-1].up] && cd.best.lo < cd.s-1
			if len(cd.best.p.Pre)+len(cd.best.p.Post) > 0 && !bilateralBefore(toks, cd.s) && !c.nominal && !article {
				cd.nominal = false
			}
		}
		return
	}
	cd.best = pmatch{src: -1, tgt: -1}
	for _, f := range cd.forms {
		if validEventCode(f.code) {
			cd.code = f.code
			cd.rule = f.block.name
			return
		}
	}
}

// validEventCode reports whether a dictionary code gives an event: digits
// first ("064", "032:033", ":173", "174K").
func validEventCode(code string) bool {
	a, b := splitPair(code)
	return leadingDigits(a) != "" || leadingDigits(b) != ""
}

func splitPair(code string) (string, string) {
	if i := strings.IndexByte(code, ':'); i >= 0 {
		return strings.TrimSpace(code[:i]), strings.TrimSpace(code[i+1:])
	}
	return strings.TrimSpace(code), ""
}

func leadingDigits(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i < 2 {
		return ""
	}
	return s[:i]
}

func isInfinitive(toks []tok, i int) bool {
	if i >= 2 && strings.HasSuffix(toks[i].up, "ING") && aspectVerbs[toks[i-1].up] && toks[i-2].up == "TO" {
		// "to keep talking", "to continue fighting": the gerund is the
		// infinitive's content.
		return true
	}
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		if toks[k].up == "TO" {
			return true
		}
		if !strings.HasSuffix(toks[k].up, "LY") {
			return false
		}
	}
	return false
}

// passiveBy returns the index of "by" after a passive verb ("was opposed
// by", "was fiercely opposed earlier by"), or -1.
func passiveBy(toks []tok, s, e int) int {
	if !isPassive(toks, s) {
		return -1
	}
	for k := e; k < len(toks) && k <= e+4; k++ {
		if toks[k].up == "BY" {
			return k
		}
		// Adverbs and a time phrase may come between ("was jailed on
		// Monday by the police").
		if toks[k].punct || !(strings.HasSuffix(toks[k].up, "LY") || timeWords[toks[k].up]) {
			return -1
		}
	}
	return -1
}

// controlVerbBefore returns the index of an appeal or demand verb whose
// object starts at s ("urged [both sides]", "called on [the two
// countries]"), or -1.
func controlVerbBefore(toks []tok, s int) int {
	for k := s - 1; k >= 0 && k >= s-2; k-- {
		if controlVerbs[toks[k].up] {
			return k
		}
		if toks[k].up != "ON" && toks[k].up != "UPON" {
			return -1
		}
	}
	return -1
}

var controlVerbs = set("URGED", "URGES", "URGE", "URGING", "ASKED", "ASKS", "ASK", "ASKING", "CALLED", "CALLS", "CALL", "CALLING",
	"APPEALED", "PRESSED", "PRESSES", "PRESSING", "ENCOURAGED", "ENCOURAGES", "ENCOURAGING", "INVITED", "INVITES", "REQUESTED",
	"PUSHED", "LOBBIED", "TOLD", "PRESSURED", "PRESSURES", "PRESSURING", "DEMANDED", "ORDERED", "INSTRUCTED")

// aspectVerbs take a gerund as their content ("to keep talking").
var aspectVerbs = set("KEEP", "CONTINUE", "START", "BEGIN", "STOP", "RESUME", "QUIT", "CEASE")

// participleSubordinators may open a participle clause whose subject is the
// main clause's (", while accusing Japan", ", after meeting Bree").
var participleSubordinators = set("WHILE", "AFTER", "BEFORE", "WHEN", "SINCE", "DESPITE")

// reducedPassive reports a participle right after an actor group and
// followed by "by" ("citizens abducted by agents", "a town shelled on
// Monday by rebels"): the index of "by" and of the group, or -1, -1.
func reducedPassive(toks []tok, groups []group, s, e int) (int, int) {
	w := toks[s].up
	if s == 0 || !(strings.HasSuffix(w, "ED") || strings.HasSuffix(w, "EN") || strings.HasSuffix(w, "WN") || irregularParticiple[w]) {
		return -1, -1
	}
	g := -1
	for h := range groups {
		// Not the object of another preposition: "a measure for
		// passengers floated by the government" floated the measure.
		if groups[h].e == s && (groups[h].prep == "" || groups[h].prep == "OF") {
			g = h
			break
		}
	}
	if g < 0 {
		return -1, -1
	}
	for k := e; k < len(toks) && k <= e+4; k++ {
		if toks[k].up == "BY" {
			// The agent is an actor ("violated the truce by shelling" is
			// an active verb and its means).
			for h := range groups {
				if groups[h].s > k && groups[h].s <= k+3 {
					return k, g
				}
			}
			return -1, -1
		}
		if toks[k].punct || !(strings.HasSuffix(toks[k].up, "LY") || timeWords[toks[k].up]) {
			return -1, -1
		}
	}
	return -1, -1
}

// isPassive reports whether the participle at toks[i] follows a form of
// "be" ("was attacked", "has been fiercely criticized").
func isPassive(toks []tok, i int) bool {
	w := toks[i].up
	if !(strings.HasSuffix(w, "ED") || strings.HasSuffix(w, "EN") || strings.HasSuffix(w, "WN") || irregularParticiple[w]) {
		return false
	}
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		u := toks[k].up
		if beForms[u] && u != "'S" {
			return true
		}
		if !strings.HasSuffix(u, "LY") && !passiveAdverbs[u] {
			return false
		}
	}
	return false
}

var passiveAdverbs = set("ALSO", "REPORTEDLY", "NOT", "N'T", "FURTHER", "THEN", "STILL", "ALREADY", "NOW", "NEVER", "AGAIN", "BEING", "BEEN", "JUST", "EVEN", "ONCE", "SOON", "LATER", "FIRST")

var irregularParticiple = set("HELD", "MET", "SHOT", "HIT", "LEFT", "SENT", "BUILT", "CAUGHT", "SOUGHT", "FOUGHT", "BROUGHT", "TAUGHT", "BOUGHT", "PUT", "SET", "CUT", "HURT", "LED", "FED", "FLED", "SOLD", "TOLD", "PAID", "LAID", "SAID", "STRUCK", "STUCK", "SPUN", "WON", "SHUT", "BOUND", "FOUND", "KEPT", "LENT", "SPENT", "BURNT", "DEALT", "MEANT", "FELT")

// subjectGroup returns the nearest actor group before the verb at s, after
// lo, that is not inside a prepositional phrase ("talks between X and Y"
// may be) and not cut off from the verb by a subordinate clause; -1 if none.
func subjectGroup(toks []tok, groups []group, lo, s int) int {
	best, between := -1, -1
	for g := range groups {
		if groups[g].e > s {
			break
		}
		if groups[g].s < lo || boundaryBetween(toks, groups[g].e, s) && !relativeInCommas(toks, groups[g].e, s) {
			continue
		}
		switch groups[g].prep {
		case "":
			best = g
		case "BETWEEN", "AMONG":
			between = g
		case "OF":
			// "Thousands of Iraqi Kurds demonstrated": a quantity's
			// members are the subject.
			q := groups[g].s - 2 // the quantity word
			start := q
			for start >= 1 && quantityWords(toks[start-1]) {
				start--
			}
			if q >= 0 && quantityNouns[toks[q].up] && (start == 0 || toks[start-1].punct) {
				best = g
			}
		}
	}
	if best < 0 {
		return between
	}
	return best
}

// objectGroup returns the target group of a verb ending at e: the first
// actor group before hi with a country that is not a place ("in
// Mongolia"), else the first place, else the first bare role. A group that
// is the subject of a later verb after a comma is skipped.
func objectGroup(toks []tok, groups []group, e, hi, src int, startsClause func([]tok, int) bool) int {
	name, place, role := -1, -1, -1
	for g := range groups {
		if g == src || groups[g].s < e || groups[g].s >= hi {
			continue
		}
		if commaBetween(toks, e, groups[g].s) && startsClause(toks, groups[g].e) {
			continue
		}
		switch {
		case groups[g].agentOnly:
			if role < 0 {
				role = g
			}
		case groups[g].prep == "IN" || groups[g].prep == "AT":
			if place < 0 {
				place = g
			}
		case len(groups[g].members) > 0 && groups[g].members[0].code == "":
			if name < 0 {
				name = g // an unknown name: after any known actor
			}
		default:
			return g
		}
	}
	// No actor with a country: the first of the others ("opened fire on
	// protesters who defied a curfew in Baghdad").
	best := -1
	for _, g := range []int{name, place, role} {
		if g >= 0 && (best < 0 || groups[g].s < groups[best].s) {
			best = g
		}
	}
	return best
}

// objectNP returns the span of the noun phrase that is the direct object
// of a verb ending at e: determiners, adjectives and nouns up to a
// preposition, punctuation, conjunction, relative pronoun or verb; empty
// when the verb has no such object or an actor group starts it.
func objectNP(toks []tok, e, hi int, groups []group) (int, int) {
	k := e
	for k < hi && (strings.HasSuffix(toks[k].up, "LY") || toks[k].up == "UP" || toks[k].up == "DOWN" || toks[k].up == "OFF" || toks[k].up == "OUT") {
		k++
	}
	s := k
	for k < hi && k < s+7 {
		t := toks[k]
		if t.punct || prepositions[t.up] || conjunctions[t.up] || auxiliaries[t.up] || pronouns[t.up] || subordinators[t.up] || t.up == "THAT" {
			break
		}
		k++
	}
	if k == s || (k == s+1 && determiners[toks[s].up]) {
		return 0, 0
	}
	for _, g := range groups {
		if g.s < k && g.e > s {
			return 0, 0
		}
	}
	return s, k
}

// symmetricCode reports whether a code describes something done together:
// a paired code ("040:040") or consultations and cooperation (roots 04, 06).
func symmetricCode(code string) bool {
	if strings.Contains(code, ":") {
		return true
	}
	switch root(code) {
	case "04", "06":
		return true
	}
	return false
}

// reciprocalCode reports whether a compound subject without an object
// acts on itself: "Syria and Israel fought", "the US and China signed an
// agreement", but not "Japan and China protested" (against someone else)
// or "X and Y said".
func reciprocalCode(code string) bool {
	if symmetricCode(code) {
		return true
	}
	switch root(code) {
	case "01", "02", "10", "11", "12", "13", "14":
		return false
	}
	return true
}

// dyadGroup reports whether members are the dyad in focus ("the two
// countries reached an agreement").
func dyadGroup(ms []member) bool {
	return len(ms) == 2 && ms[0].rule == "dyad-in-focus"
}

// isPlace reports whether a group is a place after "in" or "at" naming a
// bare country ("in Mongolia").
func isPlace(g *group) bool {
	if (g.prep != "IN" && g.prep != "AT") || len(g.members) != 1 {
		return false
	}
	return placeCode(&g.members[0]) != ""
}

// placeCode returns the country of a member that names a place: a country
// ("Mongolia") or a capital or seat of government coded as the country's
// government ("Ulaanbaatar" MNGGOV); "" otherwise.
func placeCode(m *member) string {
	if !m.place || len(m.code) < 3 || strings.HasPrefix(m.code, "---") {
		return ""
	}
	switch {
	case len(m.code) == 3:
		return m.code
	case len(m.code) == 6 && m.code[3:] == "GOV":
		return m.code[:3]
	}
	return ""
}

func commaBetween(toks []tok, a, b int) bool {
	for k := a; k < b; k++ {
		if toks[k].up == "," {
			return true
		}
	}
	return false
}

// coordinated reports whether the verb at s is joined by "and" (or a
// comma) to the previous coded verb's clause, with no subject of its own.
func coordinated(toks []tok, lo, s int) bool {
	for k := s - 1; k >= lo && k >= s-4; k-- {
		u := toks[k].up
		if u == "AND" || u == "," || u == "BUT" || u == "THEN" {
			return true
		}
		if !auxiliaries[u] && !strings.HasSuffix(u, "LY") {
			return false
		}
	}
	return false
}

// modality classifies a candidate's status.
func (c *Coder) modality(b *buffers, toks []tok, cd *candidate) (string, string) {
	// A pattern that spells out words before the verb (a negation synset,
	// "WILL NOT *") has already decided what the words around it mean.
	if cd.matched && cd.best.p != nil && len(cd.best.p.Pre) > 0 {
		for _, e := range cd.best.p.Pre {
			if e.Kind == dict.ElemWord || e.Kind == dict.ElemSynset {
				return "asserted", "pattern"
			}
		}
	}
	if c.opts.Modality != nil {
		b.words = modalityWords(b.words[:0], toks)
		return c.opts.Modality(b.words, cd.s)
	}
	// Minimal negation: "not", "n't", "never" in the verb's auxiliary chain.
	for k := cd.s - 1; k >= 0 && k >= cd.s-4; k-- {
		u := toks[k].up
		switch u {
		case "NOT", "N'T", "NEVER":
			return "negated", "negated by '" + toks[k].low + "'"
		}
		if !auxiliaries[u] && !strings.HasSuffix(u, "LY") {
			break
		}
	}
	return "asserted", ""
}

// sentenceDate is the date a sentence is about without looking at a
// trigger: its only time expression, else its context, else publication.
func sentenceDate(sent *parley.Sentence, story *parley.Story) (parley.Date, string) {
	if len(sent.Times) == 1 && !sent.Times[0].Value.IsZero() {
		return sent.Times[0].Value, parley.DateFromExpression
	}
	if !sent.Context.IsZero() {
		from := sent.ContextFrom
		if from == "" {
			from = parley.DateFromContext
		}
		return sent.Context, from
	}
	if !story.Published.IsZero() {
		return parley.DayDate(story.Published), parley.DateFromPublication
	}
	return parley.Date{}, ""
}

// eventDate picks the time expression governing a trigger at byte offsets
// [off, end): one that follows it closely ("met on Monday", "talks in
// February") if any, else the nearest preceding one in the sentence ("In
// November, talks were held"), else the nearest following one in the same
// clause, else def.
//
// With content 1 (the trigger proposes, promises, asks for or threatens
// something), a time expression further on dates the content ("suggested
// the resumption of talks in February"), not the trigger, and is skipped;
// with content 2 (the trigger is itself the content, recoded as an intent
// or appeal) even one right after it is.
func eventDate(sent *parley.Sentence, story *parley.Story, off, end int, def parley.Date, from string, content int, prev parley.Date) (parley.Date, string, int) {
	text := story.Text
	pre, post := -1, -1
	for i, t := range sent.Times {
		if t.Value.IsZero() || modifiesNoun(text, t.Start) {
			continue
		}
		if t.End <= off {
			pre = i // times are in order: the last one is the nearest
			continue
		}
		if t.Start >= end && post < 0 {
			gap := text[min(end, len(text)):min(t.Start, len(text))]
			if !strings.ContainsAny(gap, ";") {
				post = i
			}
		}
	}
	if post >= 0 && content < 2 {
		gap := text[min(end, len(text)):min(sent.Times[post].Start, len(text))]
		if len(strings.Fields(gap)) <= 3 && !strings.Contains(gap, ",") {
			return sent.Times[post].Value, parley.DateFromExpression, post
		}
	}
	if pre >= 0 {
		return sent.Times[pre].Value, parley.DateFromExpression, pre
	}
	if post >= 0 && content == 0 {
		return sent.Times[post].Value, parley.DateFromExpression, post
	}
	if post >= 0 && from == parley.DateFromExpression {
		// def is the sentence's only expression, the content's date: the
		// story's context dates the trigger.
		if !prev.IsZero() {
			return prev, parley.DateFromContext, -1
		}
		if !sent.Context.IsZero() {
			from = sent.ContextFrom
			if from == "" {
				from = parley.DateFromContext
			}
			return sent.Context, from, -1
		}
		if !story.Published.IsZero() {
			return parley.DayDate(story.Published), parley.DateFromPublication, -1
		}
	}
	return def, from, -1
}

// coordinatedDates returns the dates of the time expressions conjoined
// with sent.Times[i] ("In January and March 2012", "on May 3, 5 and 9"),
// in text order, i's own date included; nil when i stands alone. An event
// governed by such a phrase happened once on each date.
func coordinatedDates(sent *parley.Sentence, text string, i int) []parley.Date {
	if i < 0 || i >= len(sent.Times) {
		return nil
	}
	joined := func(a, b int) bool {
		x, y := sent.Times[a], sent.Times[b]
		if x.End > y.Start || y.Start > len(text) || x.Value.IsZero() || y.Value.IsZero() {
			return false
		}
		gap := strings.ToLower(strings.TrimSpace(text[x.End:y.Start]))
		switch gap {
		case ",", "and", ", and", "as well as":
			return x.Value != y.Value
		}
		return false
	}
	lo, hi := i, i
	for lo > 0 && joined(lo-1, lo) {
		lo--
	}
	for hi+1 < len(sent.Times) && joined(hi, hi+1) {
		hi++
	}
	if lo == hi {
		return nil
	}
	if b := strings.ToLower(strings.TrimSpace(text[:min(sent.Times[lo].Start, len(text))])); strings.HasSuffix(b, "between") || strings.HasSuffix(b, "from") {
		return nil // a range ("between 2001 and 2011")
	}
	// Dates that follow each other form one span ("on Thursday and
	// Friday", "in the 1980s and 1990s"): one event, not several.
	spread := false
	for k := lo; k < hi; k++ {
		if !nextUnit(sent.Times[k].Value, sent.Times[k+1].Value) {
			spread = true
		}
	}
	if !spread {
		return nil
	}
	out := make([]parley.Date, 0, hi-lo+1)
	for k := lo; k <= hi; k++ {
		out = append(out, sent.Times[k].Value)
	}
	return out
}

// nextUnit reports whether b is the calendar unit right after a (the next
// day, month, year or decade) at the same precision.
func nextUnit(a, b parley.Date) bool {
	if a.Precision != b.Precision {
		return false
	}
	switch a.Precision {
	case parley.PrecisionDay:
		ta := time.Date(a.Year, time.Month(a.Month), a.Day, 0, 0, 0, 0, time.UTC)
		tb := time.Date(b.Year, time.Month(b.Month), b.Day, 0, 0, 0, 0, time.UTC)
		return tb.Sub(ta) == 24*time.Hour
	case parley.PrecisionMonth:
		return b.Year*12+b.Month-(a.Year*12+a.Month) == 1
	case parley.PrecisionYear:
		return b.Year-a.Year == 1
	case parley.PrecisionDecade:
		return b.Year-a.Year == 10
	}
	return false
}

// modifiesNoun reports whether the time expression at byte start belongs
// to a noun ("the talks of 2013", "its 2012 budget") rather than to a
// clause.
func modifiesNoun(text string, start int) bool {
	before := strings.TrimRight(text[:min(start, len(text))], " ")
	i := strings.LastIndexAny(before, " (\n")
	w := strings.ToLower(before[i+1:])
	if w == "the" && i >= 0 {
		// "in the 1970s", "during the 1990s": the article of a period
		// that dates the clause, not of a noun.
		prev := strings.TrimRight(before[:i], " ")
		j := strings.LastIndexAny(prev, " (\n")
		switch strings.ToLower(prev[j+1:]) {
		case "in", "during", "since", "until", "through", "throughout":
			return false
		}
	}
	return w == "of" || w == "its" || w == "their" || w == "the"
}

func dateInt(d parley.Date) int {
	switch d.Precision {
	case parley.PrecisionDay:
		return d.Year*10000 + d.Month*100 + d.Day
	case parley.PrecisionMonth:
		return d.Year*10000 + d.Month*100 + 15
	case parley.PrecisionYear, parley.PrecisionDecade:
		return d.Year*10000 + 701
	}
	return 0
}

// location finds "in/at PLACE" after the trigger: a group whose code is a
// bare country.
func (c *Coder) location(toks []tok, groups []group, e, hi int, text string) *parley.Location {
	// A place in a relative clause or a participle phrase after the event
	// ("dialogue with X, which has prompted worries in Japan", "a woman
	// living in X") is where something else is.
	for k := e; k < hi && k < len(toks); k++ {
		u := toks[k].up
		if relativeWords[u] || k > e && strings.HasSuffix(u, "ING") && !prepositions[toks[k-1].up] && !determiners[toks[k-1].up] {
			hi = k
			break
		}
	}
	for _, g := range groups {
		if g.s < e || g.s >= hi || g.s > e+10 {
			continue
		}
		if g.prep != "IN" && g.prep != "AT" {
			continue
		}
		if len(g.members) != 1 || placeCode(&g.members[0]) == "" {
			continue
		}
		return &parley.Location{
			Name:    text[toks[g.s].start:toks[g.e-1].end],
			Country: placeCode(&g.members[0]),
			Start:   toks[g.s].start,
			End:     toks[g.e-1].end,
		}
	}
	return nil
}

type eventBase struct {
	story    *parley.Story
	si       int
	toks     []tok
	cd       *candidate
	code     string
	date     parley.Date
	dateFrom string
	loc      *parley.Location
	// multiDate: the event is one of several for the dates of a conjoined
	// time expression; its ID then includes its date.
	multiDate bool
}

func (c *Coder) actor(ev *eventBase, m *member) parley.Actor {
	text := ev.story.Text
	a := parley.Actor{
		Code:  m.code,
		Start: ev.toks[m.s].start,
		End:   ev.toks[m.e-1].end,
		Name:  m.name,
		Rule:  m.rule,
	}
	a.Text = text[a.Start:a.End]
	if len(m.code) >= 3 && !strings.HasPrefix(m.code, "---") {
		a.Country = m.code[:3]
	}
	return a
}

// emit appends the event(s) of one source/target pair: a paired code
// "A:B" gives A from source to target and B back.
func (c *Coder) emit(out []parley.Event, ev *eventBase, src, tgt *member, mutual bool) []parley.Event {
	fwd, back := splitPair(ev.code)
	fwd, back = leadingDigits(fwd), leadingDigits(back)
	sym := mutual || (tgt != nil && fwd != "" && fwd == back)
	if fwd != "" {
		out = append(out, c.event(ev, src, tgt, fwd, sym))
	}
	if back != "" && tgt != nil && !mutual {
		out = append(out, c.event(ev, tgt, src, back, sym))
	}
	return out
}

func (c *Coder) event(ev *eventBase, src, tgt *member, code string, sym bool) parley.Event {
	toks := ev.toks
	cd := ev.cd
	e := parley.Event{
		StoryID:   ev.story.ID,
		Sentence:  ev.si,
		Source:    c.actor(ev, src),
		Date:      ev.date,
		DateFrom:  ev.dateFrom,
		Published: ev.story.Published,
		Location:  ev.loc,
		Trigger:   parley.Span{Start: toks[cd.s].start, End: toks[cd.e-1].end},
		Symmetric: sym,
		Rule:      "dict " + cd.rule,
	}
	e.Trigger.Text = ev.story.Text[e.Trigger.Start:e.Trigger.End]
	if tgt != nil {
		t := c.actor(ev, tgt)
		e.Target = &t
	}
	setCode(&e, code)
	conf := 0.5
	if cd.matched {
		conf += 0.2
	}
	if e.Target != nil {
		conf += 0.1
	}
	if e.Source.Country != "" {
		conf += 0.1
	}
	e.Confidence = conf
	h := fnv.New64a()
	fmt.Fprintf(h, "%s|%d|%d|%s|%s|%s", e.StoryID, e.Sentence, e.Trigger.Start, e.Source.Code, targetCode(e.Target), e.CAMEO)
	if ev.multiDate {
		fmt.Fprintf(h, "|%s", e.Date)
	}
	e.ID = e.StoryID + "-" + strconv.Itoa(e.Sentence) + "-" + strconv.FormatUint(h.Sum64()&0xffffffff, 16)
	return e
}

func targetCode(a *parley.Actor) string {
	if a == nil {
		return ""
	}
	return a.Code
}

func (c *Coder) explainf(format string, args ...any) {
	if c.opts.Explain == nil {
		return
	}
	c.explainMu.Lock()
	fmt.Fprintf(c.opts.Explain, format, args...)
	c.explainMu.Unlock()
}

// splitSentences is the fallback sentence splitter for documents without
// sentences: it splits after ".", "!" or "?" followed by a space and an
// upper-case letter or a quote, unless the word is an abbreviation.
func splitSentences(text string) []parley.Sentence {
	var out []parley.Sentence
	start := 0
	add := func(end int) {
		s, e := start, end
		for s < e && (text[s] == ' ' || text[s] == '\n' || text[s] == '\t' || text[s] == '\r') {
			s++
		}
		for e > s && (text[e-1] == ' ' || text[e-1] == '\n' || text[e-1] == '\t' || text[e-1] == '\r') {
			e--
		}
		if e > s {
			out = append(out, parley.Sentence{Index: len(out), Start: s, End: e, Text: text[s:e]})
		}
		start = end
	}
	for i := 0; i < len(text); i++ {
		ch := text[i]
		if ch == '\n' && i+1 < len(text) && text[i+1] == '\n' {
			add(i)
			continue
		}
		if ch != '.' && ch != '!' && ch != '?' {
			continue
		}
		j := i + 1
		for j < len(text) && (text[j] == '"' || text[j] == '\'' || text[j] == ')') {
			j++
		}
		if j >= len(text) || (text[j] != ' ' && text[j] != '\n') {
			continue
		}
		k := j
		for k < len(text) && (text[k] == ' ' || text[k] == '\n') {
			k++
		}
		if k < len(text) && !(text[k] >= 'A' && text[k] <= 'Z') && text[k] != '"' && text[k] != '\'' {
			continue
		}
		if ch == '.' {
			w := i
			for w > start && text[w-1] != ' ' && text[w-1] != '\n' {
				w--
			}
			if isAbbrev(text[w : i+1]) {
				continue
			}
		}
		add(j)
	}
	add(len(text))
	sort.SliceStable(out, func(a, b int) bool { return out[a].Start < out[b].Start })
	return out
}

// nounAfterModifiers reports whether the words in toks[s:e] are only
// determiners and adjectives, so that the word at e is the head of a noun
// phrase starting at s ("restart intergovernmental negotiations").
func nounAfterModifiers(toks []tok, s, e int) bool {
	for k := s; k < e; k++ {
		u := toks[k].up
		if toks[k].punct || prepositions[u] || u == "AND" || u == "OR" || u == "TO" || isVerbForm(u) && !adjectiveLike(u) {
			return false
		}
	}
	return true
}

// stativeVerbs describe a state of affairs, not an action: a sentence
// whose main verb is one of them is analysis, and the event-type model
// does not code it.
var stativeVerbs = set(
	"POSE", "POSES", "REPRESENT", "REPRESENTS",
	"CONSTITUTE", "CONSTITUTES", "SEEM", "SEEMS", "APPEAR", "APPEARS",
)

// relativeWords start a relative clause.
var relativeWords = set("WHICH", "WHO", "WHOM", "WHOSE", "WHERE", "THAT")

// presentPerfect reports whether the verb at i is in the present perfect
// ("has opened", "have already met").
func presentPerfect(toks []tok, i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		switch u := toks[k].up; {
		case u == "HAS" || u == "HAVE":
			return true
		case u == "BEEN" || strings.HasSuffix(u, "LY") || u == "NOT" || u == "NEVER" || u == "JUST" || u == "ALREADY" || u == "ALSO" || u == "NOW":
			continue
		case k == i-1 && strings.HasSuffix(u, "ED"):
			continue // "has established open dialogue"
		}
		return false
	}
	return false
}

// dropPlainStatements removes the plain statements (CAMEO 010) of a
// sentence, from index from, that also reports another event: "Iran said
// it would release the journalists" is Iran's intent, and the saying is
// how the story knows it.
func dropPlainStatements(out []parley.Event, from int) []parley.Event {
	other := false
	for i := from; i < len(out); i++ {
		if out[i].CAMEO != "010" {
			other = true
			break
		}
	}
	if !other {
		return out
	}
	keep := out[:from]
	for _, e := range out[from:] {
		if e.CAMEO != "010" {
			keep = append(keep, e)
		}
	}
	return keep
}

// quantityNouns head a subject whose members follow "of" ("thousands of
// protesters", "dozens of soldiers").
var quantityNouns = set("THOUSANDS", "HUNDREDS", "DOZENS", "MILLIONS", "SCORES", "TENS", "GROUPS", "GROUP", "CROWDS", "CROWD", "HUNDRED", "THOUSAND", "DOZEN",
	"SUPPORTERS", "FOLLOWERS", "LOYALISTS", "RELATIVES", "FAMILIES")

// quantityWords may come before a quantity noun: "about 200 supporters of",
// "at least a thousand", "some".
func quantityWords(t tok) bool {
	u := t.up
	if determiners[u] || u != "" && u[0] >= '0' && u[0] <= '9' {
		return true
	}
	switch u {
	case "ABOUT", "AROUND", "SOME", "NEARLY", "ALMOST", "OVER", "MORE", "THAN", "AT", "LEAST", "UP", "TO", "ROUGHLY", "SEVERAL", "MANY":
		return true
	}
	return false
}

// articles are the determiners that make the next word a noun.
var articles = set("A", "AN", "THE")

// objectPreps introduce the target after an event noun.
var objectPreps = set("INTO", "AGAINST")

// prepObject returns the target introduced by a preposition at e, right
// after an event noun ("an investigation into X", "a lawsuit against X"):
// the actor group there (a noun phrase that is no actor, "into alleged
// crimes by X", leaves the target to the actor further on).
func prepObject(toks []tok, groups []group, e, hi int) ([]member, bool) {
	if e >= hi || e >= len(toks) || !objectPreps[toks[e].up] {
		return nil, false
	}
	for _, g := range groups {
		if g.s > e && g.s <= e+3 {
			if g.prep != toks[e].up {
				break
			}
			return g.members, true
		}
	}
	return nil, false
}

// dropDateline removes a dateline's place from the actors: "BEIJING --",
// "BAMAKO -", "KABUL (Pajhwok) :" open a story's first sentence and are
// where it was filed, not who acted.
func dropDateline(groups []group, toks []tok) []group {
	if len(groups) == 0 || groups[0].s != 0 || groups[0].e >= len(toks) {
		return groups
	}
	g := groups[0]
	switch toks[g.e].up {
	case "-", "--", "(", ":", "—", "–":
	default:
		return groups
	}
	for k := g.s; k < g.e; k++ {
		if t := toks[k].text; len(t) < 2 || strings.ToUpper(t) != t {
			return groups // "China -" is a name, not a dateline
		}
	}
	return groups[1:]
}

// timeWords may stand between a passive verb and its "by" agent.
var timeWords = set("EARLIER", "LATER", "ON", "LAST", "THIS", "YESTERDAY", "TODAY", "TONIGHT",
	"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY", "WEEK", "NIGHT", "MORNING", "EVENING")

func joinDates(ds []parley.Date) string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = d.String()
		if d.Part != "" {
			parts[i] += " (" + d.Part + ")"
		}
	}
	return strings.Join(parts, " and ")
}

// receiveVerbs take an event noun whose doer follows "from" ("faced
// criticism from", "received support from").
var receiveVerbs = set("FACE", "FACES", "FACED", "FACING", "RECEIVE", "RECEIVES", "RECEIVED", "RECEIVING",
	"DRAW", "DREW", "DRAWN", "DRAWS", "GET", "GETS", "GOT", "OBTAIN", "OBTAINED", "WON", "WIN", "WINS")

// relativeInCommas reports whether toks[e:s] is a relative clause set off
// by commas, with at most adverbs after it: "The ministry, which runs the
// prisons, recently refused" has the ministry as the subject of refused.
func relativeInCommas(toks []tok, e, s int) bool {
	if e+1 >= s || toks[e].up != "," || (toks[e+1].up != "WHICH" && toks[e+1].up != "WHO") {
		return false
	}
	k := s - 1
	for k > e+1 && (strings.HasSuffix(toks[k].up, "LY") || toks[k].up == "ALSO" || toks[k].up == "HOWEVER") {
		k--
	}
	if toks[k].up != "," {
		return false
	}
	for j := e + 2; j < k; j++ {
		if toks[j].up == "," || toks[j].up == ";" || toks[j].up == ":" {
			return false
		}
	}
	return true
}

// modalityWords appends the lowercased words of toks for the modality
// rules, with capitalised words inside the sentence that look like cues
// replaced: "Theresa May has held talks" has no modal "may", "Will Smith"
// no "will".
func modalityWords(dst []string, toks []tok) []string {
	for i, t := range toks {
		w := t.low
		if t.cap && i > 0 && nameCues[w] && !toks[i-1].punct {
			// Mid-sentence, a capitalised "May" or "Will" is a name (or a
			// month), never the modal.
			w = "_name"
		}
		dst = append(dst, w)
	}
	return dst
}

var nameCues = map[string]bool{"may": true, "will": true, "can": true, "might": true, "should": true, "must": true, "hope": true, "if": true}
