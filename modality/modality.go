package modality

import (
	"strconv"
	"strings"
)

// Status is what a sentence says about a trigger: whether the action
// happened, and if not, how it is framed. See the package documentation
// for each value.
type Status uint8

// The statuses. The zero value is Asserted.
const (
	Asserted Status = iota
	Reported
	Negated
	Refusal
	Hypothetical
	Future
	Forecast
	Intent
	Proposal
	Appeal
	Demand
	Threat
	Attempt
	Alleged
	Question
	Referenced
)

var statusNames = [...]string{
	Asserted:     "asserted",
	Reported:     "reported",
	Negated:      "negated",
	Refusal:      "refusal",
	Hypothetical: "hypothetical",
	Future:       "future",
	Forecast:     "forecast",
	Intent:       "intent",
	Proposal:     "proposal",
	Appeal:       "appeal",
	Demand:       "demand",
	Threat:       "threat",
	Attempt:      "attempt",
	Alleged:      "alleged",
	Question:     "question",
	Referenced:   "referenced",
}

// String returns the status's lowercase name, e.g. "negated".
func (s Status) String() string {
	if int(s) < len(statusNames) {
		return statusNames[s]
	}
	return "status(" + strconv.Itoa(int(s)) + ")"
}

// Happened reports whether the status says the action took place.
func (s Status) Happened() bool { return s == Asserted || s == Reported }

// Speech reports whether the status turns the action into a verbal event
// by the actor (intent, proposal, appeal, demand, threat, refusal,
// accusation), which the coder codes with the speech act's CAMEO root
// rather than the action's.
func (s Status) Speech() bool {
	switch s {
	case Refusal, Intent, Proposal, Appeal, Demand, Threat, Alleged:
		return true
	}
	return false
}

// ParseStatus returns the status named s (as String writes it).
func ParseStatus(s string) (Status, bool) {
	for i, n := range statusNames {
		if n == s {
			return Status(i), true
		}
	}
	return Asserted, false
}

// Classify returns the status of the trigger at index trigger of the
// sentence words (lowercased tokens, punctuation as separate tokens), and a
// short reason naming the cue and its index, e.g. "negated by 'not' at 3".
// An index out of range gives Asserted with a reason saying so.
func Classify(words []string, trigger int) (Status, string) {
	r := Explain(words, trigger)
	return r.Status, r.Reason
}

// Result is Classify's answer with the positions behind it.
type Result struct {
	Status Status
	Reason string
	// Cue is the index of the word that decided the status (-1 for
	// Asserted without a cue, or a sentence-level question).
	Cue int
	// Governor is, for speech acts (Status.Speech) and denials, the index
	// of the verb whose subject performs the act ("said" in "X said it
	// would send", "urged" in "X urged Y to release", "refused" in "X
	// refused to meet"); the coder takes the source from that verb's
	// subject, not from the trigger's. -1 when the trigger's own subject
	// acts.
	Governor int
}

// Explain is Classify with the positions of the deciding cue and of the
// governing verb.
func Explain(words []string, trigger int) Result {
	if trigger < 0 || trigger >= len(words) {
		return Result{Asserted, "trigger index out of range", -1, -1}
	}
	// A question anywhere in the sentence: the last token is "?".
	if q := lastWord(words); q == "?" {
		return Result{Question, "question mark at end of sentence", -1, -1}
	}
	if startsWithInversion(words) && !hasFinalStop(words) {
		return Result{Question, "question: sentence starts with '" + words[0] + "'", 0, -1}
	}

	var c cues
	c.scanLeft(words, trigger)
	if nominal(words, trigger) {
		c.scanRight(words, trigger)
	}
	st, why := c.decide(words, trigger)
	return Result{st, why, c.at, c.governor}
}

// cue is one piece of evidence: what it implies, where it is.
type cue struct {
	at   int // index, -1 when absent
	kind Status
	word string
}

type cues struct {
	neg      cue // nearest negation in the local clause
	cond     cue // if/unless/whether before the trigger in the sentence
	deny     cue // deny governing the clause
	gov      cue // complement-taking word governing the trigger
	modal    cue // nearest modal in the local clause
	modalW   string
	speech   cue // speech verb governing the clause
	warn     bool
	other    cue // adjectives, adverbs: planned, likely, reportedly
	right    cue // aux chain after a nominal trigger
	rightNeg cue
	reported cue
	// Set by decide: the deciding cue's index and the governing verb
	// whose subject performs a speech act (-1 when none).
	at, governor int
}

func none() cue { return cue{at: -1} }

func (c *cues) init() {
	c.neg, c.cond, c.deny, c.gov, c.modal = none(), none(), none(), none(), none()
	c.speech, c.other, c.right, c.rightNeg, c.reported = none(), none(), none(), none(), none()
	c.at, c.governor = -1, -1
}

// scanLeft walks from the trigger to the start of the sentence (or a hard
// boundary), collecting cues. Cues that scope over a clause (negation,
// modals, complements) count only inside the trigger's clause; conditional
// subordinators count across soft boundaries.
func (c *cues) scanLeft(w []string, t int) {
	c.init()
	local := true
	boundaryAt := -1
	for j := t - 1; j >= 0; j-- {
		x := w[j]
		if hardBoundary(x) {
			break
		}
		if x == "if" || x == "unless" || x == "whether" || (x == "case" && j > 0 && w[j-1] == "in") ||
			(x == "provided" && j+1 < len(w) && w[j+1] == "that") || (x == "lest") {
			if c.cond.at < 0 {
				if x == "if" && j+1 < t && w[j+1] == "not" { // "if not"
					continue
				}
				if x == "if" && j > 0 && (w[j-1] == "as" || w[j-1] == "even") && !local {
					continue
				}
				c.cond = cue{j, Hypothetical, x}
			}
			if local {
				local = false
				boundaryAt = j
			}
			continue
		}
		if local && softBoundary(w, j, t) {
			local = false
			boundaryAt = j
			// A governing verb just before "that": "denied that",
			// "said that", "warned that".
			c.scanGovernor(w, j)
			continue
		}
		if !local {
			continue
		}
		c.localCue(w, j, t)
	}
	_ = boundaryAt
	// Without a boundary, the whole prefix was local and speech verbs have
	// been picked up by localCue.
}

// scanGovernor looks a few words left of a clause boundary at j for a
// speech, warning or denial verb that governs the clause.
func (c *cues) scanGovernor(w []string, j int) {
	if w[j] != "that" && w[j] != "," {
		return
	}
	for k := j - 1; k >= 0 && k >= j-5; k-- {
		x := w[k]
		if hardBoundary(x) || x == "," && w[j] == "that" {
			return
		}
		switch {
		case denyWords[x] && w[j] == "that":
			if c.deny.at < 0 {
				c.deny = cue{k, Negated, x}
			}
			return
		case warnWords[x]:
			c.warn = true
			if c.speech.at < 0 {
				c.speech = cue{k, Threat, x}
			}
			return
		case speechWords[x]:
			if c.speech.at < 0 {
				c.speech = cue{k, Intent, x}
			}
			return
		case x == "reported" || x == "reports":
			if c.reported.at < 0 {
				c.reported = cue{k, Reported, x}
			}
			return
		case demandWords[x] && w[j] == "that":
			if c.gov.at < 0 {
				c.gov = cue{k, Demand, x}
			}
			return
		}
	}
}

// localCue records the cue at j, inside the trigger's clause.
func (c *cues) localCue(w []string, j, t int) {
	x := w[j]
	switch {
	case isNegation(w, j, t):
		if c.neg.at < 0 {
			c.neg = cue{j, Negated, x}
		}
		return
	case x == "to":
		c.infinitive(w, j, t)
		return
	case x == "for" || x == "of":
		c.preposition(w, j)
		return
	case modalWords[x] != 0 && !monthMay(w, j):
		if c.modal.at < 0 {
			c.modal = cue{j, modalWords[x], x}
			c.modalW = x
		}
		return
	case x == "going" && j+1 < len(w) && w[j+1] == "to" && j > 0 && beWords[w[j-1]]:
		if c.modal.at < 0 {
			c.modal = cue{j, Future, "going to"}
			c.modalW = "will"
		}
		return
	case denyWords[x]:
		if c.deny.at < 0 {
			c.deny = cue{j, Negated, x}
		}
		return
	case warnWords[x]:
		c.warn = true
		if c.speech.at < 0 {
			c.speech = cue{j, Threat, x}
		}
		return
	case speechWords[x]:
		if c.speech.at < 0 {
			c.speech = cue{j, Intent, x}
		}
		return
	case reportWords[x]:
		if c.reported.at < 0 {
			c.reported = cue{j, Reported, x}
		}
		return
	case x == "according" && j+1 < len(w) && w[j+1] == "to":
		if c.reported.at < 0 {
			c.reported = cue{j, Reported, "according to"}
		}
		return
	}
	if s, ok := adjectiveCue[x]; ok && c.other.at < 0 {
		// Adverbs scope over the clause; adjectives only over the
		// trigger's own noun phrase ("the planned visit").
		if adverbCue[x] || (j >= t-3 && directObject(w, j, t)) {
			c.other = cue{j, s, x}
			return
		}
	}
	if referenceWords[x] && c.gov.at < 0 && j >= t-4 && directObject(w, j, t) && nominal(w, t) {
		// "condemned the attack", "investigating Monday's bombing": the
		// event is what the condemning or investigating is about.
		c.gov = cue{j, Referenced, x}
		return
	}
	if s, ok := governorWords[x]; ok && c.gov.at < 0 && j >= t-3 {
		// Direct object of a governing verb: "proposed the return",
		// "considering sanctions", "rejected talks".
		if s == Refusal || s == Proposal || s == Hypothetical || s == Appeal || s == Demand || s == Threat || objectIntent[x] {
			if directObject(w, j, t) {
				c.gov = cue{j, s, x}
			}
		}
	}
}

// directObject reports whether the words between the governor at j and the
// trigger at t are a plausible noun-phrase prefix (determiners and
// modifiers), so the trigger is the governor's object.
func directObject(w []string, j, t int) bool {
	for k := j + 1; k < t; k++ {
		x := w[k]
		if hardBoundary(x) || x == "," || x == "to" || x == "that" || beWords[x] || modalWords[x] != 0 {
			return false
		}
	}
	return t-j <= 4
}

// infinitive handles "to" at j: if it introduces the trigger's verb phrase
// ("refused to meet", "urged Japan to release"), the word governing it
// decides the status.
func (c *cues) infinitive(w []string, j, t int) {
	if c.gov.at >= 0 {
		return
	}
	// "to" must be followed by a verb-like word: not a determiner,
	// possessive or number ("sent to the meeting", "due to North Korea's
	// launch").
	if j+1 < len(w) && j+1 != t && determiners[w[j+1]] {
		return
	}
	if j+1 < len(w) && j+1 != t && strings.HasSuffix(w[j+1], "'s") {
		return
	}
	if j == 0 {
		return
	}
	g := w[j-1]
	if prepositionalTo[g] {
		return
	}
	if s, ok := governorWords[g]; ok {
		c.gov = cue{j - 1, s, g + " to"}
		if planWords[g] {
			c.gov.kind = Future // Intent when an actor states it; see decide
		}
		return
	}
	if g == "ready" || g == "willing" || g == "prepared" || g == "willingness" || g == "readiness" || g == "commitment" {
		c.gov = cue{j - 1, Intent, g + " to"}
		return
	}
	if (g == "on" || g == "ahead" || g == "up") && j >= 2 { // "went on to win"
		if s, ok := governorWords[w[j-2]]; ok && s == Asserted {
			c.gov = cue{j - 2, Asserted, w[j-2] + " " + g + " to"}
			return
		}
	}
	if beWords[g] { // "is to visit"
		c.gov = cue{j - 1, Future, g + " to"}
		return
	}
	// "urged Japan to release", "called on the two sides to resume": look
	// a few words further left for an appeal or demand verb whose object
	// sits between it and "to".
	for k := j - 2; k >= 0 && k >= j-6; k-- {
		x := w[k]
		if hardBoundary(x) || x == "," || x == "that" || x == "and" || x == "but" {
			break
		}
		if s, ok := objectControl[x]; ok {
			c.gov = cue{k, s, x + " ... to"}
			return
		}
	}
	// Any other infinitive right before the trigger says what someone set
	// out to do, not what was done: "sent experts to investigate", "need of
	// reparations to support its policy", "in order to".
	if j >= t-2 {
		if expressive[w[t]] {
			// "shunned work to protest", "marched to demand": what was
			// done was the protest or the demand.
			return
		}
		c.gov = cue{j - 1, Hypothetical, "purpose: '" + g + " to'"}
	}
}

// expressive verbs name what an action expressed: done "to protest", an
// action is a protest.
var expressive = map[string]bool{
	"protest": true, "demand": true, "denounce": true, "condemn": true, "mourn": true,
	"commemorate": true, "celebrate": true, "mark": true, "express": true, "voice": true,
	"show": true, "press": true,
}

// preposition handles "for"/"of" at j: "called for talks", "accused X of
// attacking", "demand for", "threat of".
func (c *cues) preposition(w []string, j int) {
	if c.gov.at >= 0 || j == 0 {
		return
	}
	g := w[j-1]
	if w[j] == "for" {
		switch {
		case g == "called" || g == "call" || g == "calls" || g == "calling" || g == "appealed" || g == "appeal" ||
			g == "appeals" || g == "pressed" || g == "pushed" || g == "push" || g == "pushes" || g == "pushing" ||
			g == "asked" || g == "asks" || g == "lobbied" || g == "pleaded" || g == "urged":
			c.gov = cue{j - 1, Appeal, g + " for"}
			return
		case g == "demand" || g == "demands" || g == "demanded" || g == "demanding":
			c.gov = cue{j - 1, Demand, g + " for"}
			return
		case g == "plans" || g == "preparations" || g == "scheduled" || g == "set" || g == "planned":
			c.gov = cue{j - 1, Future, g + " for"}
			return
		case g == "responsibility" || g == "retaliation" || g == "revenge" || g == "condolences":
			c.gov = cue{j - 1, Referenced, g + " for"}
			return
		case g == "hopes" || g == "hope" || g == "prospects" || g == "need" || g == "chance" || g == "chances":
			c.gov = cue{j - 1, Hypothetical, g + " for"}
			return
		}
		// "blamed Japan for attacking"
		for k := j - 2; k >= 0 && k >= j-5; k-- {
			x := w[k]
			if x == "," || hardBoundary(x) {
				return
			}
			if x == "blamed" || x == "blames" || x == "blame" || x == "blaming" || x == "criticised" || x == "criticized" || x == "condemned" {
				c.gov = cue{k, Alleged, x + " ... for"}
				return
			}
		}
		return
	}
	// of
	switch {
	case g == "threat" || g == "threats":
		c.gov = cue{j - 1, Threat, g + " of"}
		return
	case g == "possibility" || g == "prospect" || g == "prospects" || g == "risk" || g == "likelihood" || g == "danger" || g == "fears" || g == "fear":
		c.gov = cue{j - 1, Hypothetical, g + " of"}
		return
	case g == "suspected" || g == "allegations" || g == "accusations" || g == "accused" || g == "guilty":
		c.gov = cue{j - 1, Alleged, g + " of"}
		return
	case g == "short": // "stopped short of"
		c.neg = cue{j - 1, Negated, "short of"}
		return
	}
	for k := j - 2; k >= 0 && k >= j-5; k-- {
		x := w[k]
		if x == "," || hardBoundary(x) {
			return
		}
		if x == "accused" || x == "accuses" || x == "accuse" || x == "accusing" || x == "suspected" || x == "suspects" || x == "convicted" || x == "charged" {
			c.gov = cue{k, Alleged, x + " ... of"}
			return
		}
	}
}

// scanRight reads the auxiliary chain after a nominal trigger: "talks
// were not held", "a summit is likely", "a visit, scheduled for May, was".
func (c *cues) scanRight(w []string, t int) {
	seenAux := false
	for j := t + 1; j < len(w) && j <= t+14; j++ {
		x := w[j]
		if hardBoundary(x) {
			return
		}
		if x == "," {
			// A short parenthetical: "a talk, scheduled for December, was".
			end := -1
			for k := j + 1; k < len(w) && k <= j+8; k++ {
				if w[k] == "," {
					end = k
					break
				}
				if hardBoundary(w[k]) {
					break
				}
			}
			if end < 0 {
				return
			}
			for k := j + 1; k < end; k++ {
				if s, ok := rightCue[w[k]]; ok && c.right.at < 0 {
					c.right = cue{k, s, w[k]}
				}
			}
			j = end
			continue
		}
		if !seenAux {
			if x == "but" || x == "which" || x == "who" || x == "that" || x == "while" || x == "because" || x == "when" || x == "if" {
				return
			}
			if x == "and" || x == "or" {
				if j+1 < len(w) && (auxWords[w[j+1]] || modalWords[w[j+1]] != 0) {
					return
				}
				continue
			}
			if auxWords[x] || modalWords[x] != 0 {
				seenAux = true
			} else {
				continue
			}
		}
		switch {
		case isNegation(w, j, len(w)):
			if c.rightNeg.at < 0 {
				c.rightNeg = cue{j, Negated, x}
			}
		case modalWords[x] != 0:
			if c.right.at < 0 {
				c.right = cue{j, modalWords[x], x}
			}
		case rightCue[x] != 0:
			if c.right.at < 0 {
				c.right = cue{j, rightCue[x], x}
			}
		case auxWords[x] || x == "to" || strings.HasSuffix(x, "ly") || x == "still" || x == "yet" || x == "now" || x == "also" || x == "already":
		default:
			return
		}
	}
}

func (c *cues) decide(w []string, t int) (Status, string) {
	if c.cond.at >= 0 {
		c.at = c.cond.at
		return Hypothetical, reason("hypothetical", c.cond)
	}
	if c.deny.at >= 0 {
		c.at, c.governor = c.deny.at, c.deny.at
		return Negated, reason("denied", c.deny)
	}
	if c.neg.at >= 0 {
		// "said it would not attend", "refused ... not": a refusal.
		if c.modal.at >= 0 && c.speech.at >= 0 && (c.modalW == "would" || c.modalW == "will") && !c.warn {
			c.at, c.governor = c.neg.at, c.speech.at
			return Refusal, reason("refusal", c.neg) + " after '" + c.speech.word + "'"
		}
		// "France will not lift the ban", "they won't end the strike": an
		// actor's refusal; but "talks will not be held" is a negated
		// future.
		willNot := c.neg.word == "won't" || (c.modal.at >= 0 && c.modal.at < c.neg.at && (c.modalW == "will" || c.modalW == "wo" || c.modalW == "'ll"))
		next := c.neg.at + 1
		if willNot && !c.warn && (next >= t || !beWords[w[next]] && w[next] != "have") && !beWords[w[t]] {
			c.at = c.neg.at
			return Refusal, reason("refusal", c.neg) + " (will not)"
		}
		c.at = c.neg.at
		return Negated, reason("negated", c.neg)
	}
	// The nearest of the remaining clause cues decides.
	best := none()
	for _, x := range [...]cue{c.gov, c.modal, c.other} {
		if x.at > best.at {
			best = x
		}
	}
	if best.at >= 0 {
		s := best.kind
		if best.at == c.modal.at {
			s = c.modalStatus()
		}
		if s == Hypothetical && c.warn {
			s = Threat
		}
		if best.at == c.gov.at && planWords[w[c.gov.at]] && c.speech.at >= 0 {
			s = Intent
		}
		// "Nigeria will withdraw its force unless ...": an announced
		// action made conditional on the other side is a threat.
		if (s == Future || s == Intent) && best.at == c.modal.at && conditionAfter(w, t) {
			s = Threat
		}
		// "X said Y must withdraw", "urged that Y should": an obligation
		// stated by a speaker is a demand or an appeal.
		if s == Hypothetical && c.speech.at >= 0 && c.speech.at < best.at && !c.warn {
			switch w[best.at] {
			case "must", "has", "have", "need", "needs", "ought":
				s = Demand
			case "should":
				s = Appeal
			}
		}
		c.at = best.at
		switch {
		case best.at == c.gov.at && s.Speech():
			c.governor = c.gov.at
		case s.Speech() && c.speech.at >= 0:
			c.governor = c.speech.at
		}
		return s, reason(s.String(), best)
	}
	if c.rightNeg.at >= 0 {
		c.at = c.rightNeg.at
		return Negated, reason("negated", c.rightNeg)
	}
	if c.right.at >= 0 {
		s := c.right.kind
		if s == Future && c.speech.at >= 0 {
			s = Intent
		}
		c.at = c.right.at
		if s.Speech() && c.speech.at >= 0 {
			c.governor = c.speech.at
		}
		return s, reason(s.String(), c.right)
	}
	if c.reported.at >= 0 {
		c.at = c.reported.at
		return Reported, reason("reported", c.reported)
	}
	return Asserted, "no modality cue"
}

// modalStatus turns the clause's modal into a status, taking a governing
// speech verb into account: "said it would send" is an intent, "warned it
// would strike" a threat, a bare "will" a future.
func (c *cues) modalStatus() Status {
	switch c.modalW {
	case "will", "'ll", "shall", "wo":
		if c.warn {
			return Threat
		}
		if c.speech.at >= 0 {
			return Intent
		}
		return Future
	case "would", "'d":
		if c.warn {
			return Threat
		}
		if c.speech.at >= 0 {
			return Intent
		}
		return Hypothetical
	}
	if c.warn {
		return Threat
	}
	return c.modal.kind
}

// conditionAfter reports whether "unless" (or "if", not "as if"/"even
// if") follows the trigger in its sentence.
func conditionAfter(w []string, t int) bool {
	for k := t + 1; k < len(w); k++ {
		switch w[k] {
		case ".", ";", "!", "?":
			return false
		case "unless":
			return true
		case "if":
			if w[k-1] != "as" && w[k-1] != "even" {
				return true
			}
		}
	}
	return false
}

func reason(what string, c cue) string {
	return what + " by '" + c.word + "' at " + strconv.Itoa(c.at)
}

func lastWord(w []string) string {
	for i := len(w) - 1; i >= 0; i-- {
		x := w[i]
		if x == "\"" || x == "'" || x == "”" || x == "’" || x == ")" {
			continue
		}
		return x
	}
	return ""
}

func hasFinalStop(w []string) bool {
	x := lastWord(w)
	return x == "." || x == "!"
}

// startsWithInversion reports a headline-style question without a question
// mark: "Will Japan and North Korea meet", "Did China ...".
func startsWithInversion(w []string) bool {
	switch w[0] {
	case "will", "did", "does", "do", "can", "could", "should", "would", "is", "are", "has", "have":
	default:
		return false
	}
	// A conditional inversion ("Should talks fail, ...") has a comma.
	for _, x := range w {
		if x == "," {
			return false
		}
	}
	return len(w) > 2 && !auxWords[w[1]] && !determinersOnlyVerb(w[1])
}

func determinersOnlyVerb(x string) bool { return x == "not" || x == "n't" }

func hardBoundary(x string) bool {
	switch x {
	case ".", ";", "!", "?", "\n", "…":
		return true
	}
	return false
}

// softBoundary reports whether w[j] ends the trigger's clause when scanning
// left from the trigger at t.
func softBoundary(w []string, j, t int) bool {
	switch w[j] {
	case ",", ":", "(", ")", "—", "–", "--", "\"", "“", "”",
		"but", "while", "whereas", "although", "though", "because", "since", "after", "before",
		"when", "whenever", "which", "who", "whom", "whose", "where", "however", "meanwhile",
		"until", "till", "once", "so":
		return true
	case "that":
		// "the agreement that Japan signed" vs "said that": both end the clause.
		return true
	case "and", "or", "nor":
		// "Japan and North Korea did not meet": a conjunction inside the
		// subject does not end the clause when the negation follows it.
		return true
	}
	return false
}

// isNegation reports whether w[j] negates the trigger's clause.
func isNegation(w []string, j, t int) bool {
	x := w[j]
	switch x {
	case "not":
		if j+1 < len(w) && (w[j+1] == "only" || w[j+1] == "just") {
			return false
		}
		if j > 0 && (w[j-1] == "if" || w[j-1] == "whether") {
			return false
		}
		return true
	case "n't", "never", "cannot", "neither", "nor", "without", "nobody", "none":
		return true
	case "no":
		// "no talks", "no new sanctions were imposed": close to the
		// trigger; not "no longer" handled below as negation too.
		return j >= t-4 || (j+1 < len(w) && w[j+1] == "longer")
	case "yet":
		// "has yet to"
		return j+1 < len(w) && w[j+1] == "to"
	case "instead", "rather":
		return j+1 < len(w) && (w[j+1] == "of" || w[j+1] == "than")
	case "one":
		return j > 0 && w[j-1] == "no"
	}
	if strings.HasSuffix(x, "n't") {
		return true
	}
	return false
}

// nominal guesses whether the trigger is a noun (so its auxiliary chain
// follows it): it follows a determiner, a possessive or an adjective-like
// modifier, or it is the first word of the sentence.
func nominal(w []string, t int) bool {
	if t == 0 {
		return true
	}
	p := w[t-1]
	if determiners[p] || strings.HasSuffix(p, "'s") || p == "'s" || p == "’s" || strings.HasSuffix(p, "-level") {
		return true
	}
	x := w[t]
	if strings.HasSuffix(x, "tions") || strings.HasSuffix(x, "ment") || strings.HasSuffix(x, "ments") || x == "talks" || x == "sanctions" || x == "summit" {
		return true
	}
	// "Red Cross talks": a modifier that is not a function word ("the
	// Taliban rejected on Monday": a past tense is a verb).
	if _, fn := functionWords[p]; !fn && !strings.HasSuffix(x, "ed") && !auxWords[p] && modalWords[p] == 0 && p != "to" && !strings.HasSuffix(p, "ly") && !hardBoundary(p) && p != "," {
		return t+1 < len(w) && (auxWords[w[t+1]] || modalWords[w[t+1]] != 0 || w[t+1] == "between" || w[t+1] == "with" || w[t+1] == "on")
	}
	return false
}

var determiners = set("a", "an", "the", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my",
	"your", "another", "any", "some", "each", "every", "no", "such", "new", "further", "more", "first", "second",
	"two", "three", "several", "many", "bilateral")

var functionWords = map[string]struct{}{
	"in": {}, "on": {}, "at": {}, "by": {}, "with": {}, "from": {}, "of": {}, "for": {}, "and": {}, "or": {},
	"but": {}, "that": {}, "which": {}, "who": {}, "it": {}, "they": {}, "he": {}, "she": {}, "we": {}, "i": {},
	"you": {}, "also": {}, "then": {}, "not": {}, "never": {},
}

var beWords = set("is", "are", "was", "were", "be", "been", "being", "am", "'s", "'re")

var auxWords = set("is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having",
	"did", "does", "do", "get", "got", "gets")

// modalWords maps modal verbs to the status they give without a governing
// speech verb.
var modalWords = map[string]Status{
	"will": Future, "'ll": Future, "shall": Future, "wo": Future,
	"would": Hypothetical, "'d": Hypothetical, "could": Hypothetical, "might": Hypothetical,
	"may": Hypothetical, "can": Hypothetical, "should": Hypothetical, "must": Hypothetical,
	"ought": Hypothetical,
}

// governorWords maps words that take an infinitive ("refused to") or a
// direct object ("rejected talks") to the status of their complement.
var governorWords = map[string]Status{
	// refusal
	"refused": Refusal, "refuses": Refusal, "refuse": Refusal, "refusing": Refusal, "refusal": Refusal,
	"declined": Refusal, "declines": Refusal, "decline": Refusal, "declining": Refusal,
	"rejected": Refusal, "rejects": Refusal, "reject": Refusal, "rejecting": Refusal, "rejection": Refusal,
	"vetoed": Refusal, "vetoes": Refusal, "veto": Refusal, "boycotted": Refusal, "boycotts": Refusal,
	"opposed": Refusal, "opposes": Refusal, "resisted": Refusal, "snubbed": Refusal,
	// failure: the action did not happen
	"failed": Negated, "fails": Negated, "fail": Negated, "failing": Negated, "failure": Negated,
	"unable": Negated, "refrained": Negated, "avoided": Negated, "halted": Negated,
	// intent stated by the actor
	"pledged": Intent, "pledges": Intent, "pledge": Intent, "pledging": Intent,
	"vowed": Intent, "vows": Intent, "vow": Intent, "vowing": Intent,
	"promised": Intent, "promises": Intent, "promise": Intent, "promising": Intent,
	"plans": Intent, "planned": Intent, "plan": Intent, "planning": Intent,
	"intends": Intent, "intended": Intent, "intend": Intent, "intending": Intent, "intention": Intent,
	"agreed": Intent, "agrees": Intent, "agree": Intent, "agreeing": Intent,
	"offered": Intent, "offers": Intent, "offer": Intent, "offering": Intent,
	"decided": Intent, "decides": Intent, "resolved": Intent, "committed": Intent, "undertook": Intent,
	"determined": Intent,
	// proposal
	"proposed": Proposal, "proposes": Proposal, "propose": Proposal, "proposing": Proposal, "proposal": Proposal,
	"suggested": Proposal, "suggests": Proposal, "suggest": Proposal, "suggesting": Proposal,
	// threat
	"threatened": Threat, "threatens": Threat, "threaten": Threat, "threatening": Threat,
	// appeal (without an object between: "appealed to", "asked to")
	"urged": Appeal, "urges": Appeal, "urge": Appeal, "urging": Appeal,
	"appealed": Appeal, "requested": Appeal, "sought": Attempt, "seeks": Hypothetical, "seek": Hypothetical, "seeking": Hypothetical,
	"asked": Appeal, "asks": Appeal, "invited": Appeal,
	// demand
	"demanded": Demand, "demands": Demand, "demand": Demand, "demanding": Demand,
	"insisted": Demand, "ordered": Demand,
	// attempt
	// attempt: a past attempt ("tried to") is an Attempt; an effort under
	// way ("is trying to", "efforts to") reports no outcome at all.
	"tried": Attempt, "attempted": Attempt, "struggled": Attempt, "strove": Attempt,
	"tries": Hypothetical, "try": Hypothetical, "trying": Hypothetical,
	"attempts": Hypothetical, "attempt": Hypothetical, "attempting": Hypothetical,
	"efforts": Hypothetical, "effort": Hypothetical, "bid": Hypothetical,
	"aims": Hypothetical, "aimed": Hypothetical, "aim": Hypothetical, "aiming": Hypothetical,
	"hoped": Hypothetical, "hopes": Hypothetical, "hope": Hypothetical, "hoping": Hypothetical,
	"wants": Hypothetical, "wanted": Hypothetical, "want": Hypothetical, "wanting": Hypothetical,
	"wishes": Hypothetical, "wished": Hypothetical, "wish": Hypothetical,
	"needs": Hypothetical, "need": Hypothetical, "needed": Hypothetical,
	"considering": Hypothetical, "considers": Hypothetical, "consider": Hypothetical, "considered": Hypothetical,
	"mulling": Hypothetical, "mulls": Hypothetical, "weighing": Hypothetical, "weighs": Hypothetical,
	"contemplating": Hypothetical, "eager": Intent, "keen": Intent, "able": Hypothetical,
	"possible": Hypothetical, "impossible": Negated, "difficult": Hypothetical,
	// forecast
	"likely": Forecast, "unlikely": Forecast, "expected": Forecast, "expects": Forecast, "expect": Forecast,
	"poised": Forecast, "bound": Forecast, "predicted": Forecast, "forecast": Forecast, "tipped": Forecast,
	"set": Future, "due": Future, "scheduled": Future, "slated": Future, "about": Future,
	// the complement happened
	"continued": Asserted, "continues": Asserted, "continue": Asserted, "began": Asserted, "begun": Asserted,
	"begin": Asserted, "begins": Asserted, "started": Asserted, "starts": Asserted, "managed": Asserted,
	"voted": Asserted, "votes": Asserted, "went": Asserted, "used": Asserted, "moved": Asserted, "resumed": Asserted, "permitted": Asserted,
	"allowed": Asserted, "helped": Asserted, "forced": Asserted, "compelled": Asserted,
}

// objectControl are verbs whose object is the subject of the infinitive:
// "urged Japan to release", "invited the delegation to visit".
var objectControl = map[string]Status{
	"urged": Appeal, "urges": Appeal, "urge": Appeal, "urging": Appeal,
	"asked": Appeal, "asks": Appeal, "ask": Appeal, "asking": Appeal,
	"called": Appeal, "calls": Appeal, "call": Appeal, "calling": Appeal,
	"appealed": Appeal, "appeals": Appeal, "pressed": Appeal, "presses": Appeal, "pressing": Appeal,
	"encouraged": Appeal, "encourages": Appeal, "invited": Appeal, "invites": Appeal, "requested": Appeal,
	"pushed": Appeal, "lobbied": Appeal, "told": Demand,
	"pressured": Demand, "pressures": Demand, "pressuring": Demand, "pressure": Demand,
	"demanded": Demand, "ordered": Demand, "orders": Demand, "instructed": Demand, "warned": Threat,
	"forced": Asserted, "allowed": Asserted, "permitted": Asserted, "helped": Asserted, "compelled": Asserted,
	"expected": Forecast, "expects": Forecast,
}

// prepositionalTo are words after which "to" is a preposition.
var prepositionalTo = set("due", "according", "prior", "owing", "thanks", "addition", "regard", "respect",
	"contrary", "compared", "close", "next", "visit", "trip", "return", "relations", "ties", "access", "threat",
	"response", "reply", "letter", "message", "aid", "assistance", "delegation", "ambassador", "envoy", "sent",
	"went", "traveled", "travelled", "came", "flew", "returned", "key", "up", "down",
	"from", "leading", "led", "lead", "opposed", "objection", "contribution", "welcome", "similar",
	"referred", "linked", "related", "comes", "back", "up", "way", "open", "closer")

// adjectiveCue maps modifiers and adverbs in the trigger's clause to the
// status they give: "the planned visit", "possible talks", "likely".
var adjectiveCue = map[string]Status{
	"planned": Future, "upcoming": Future, "forthcoming": Future, "scheduled": Future, "future": Future,
	"impending": Future, "next": Future, "proposed": Proposal, "possible": Hypothetical, "potential": Hypothetical,
	"hypothetical": Hypothetical, "prospective": Hypothetical, "probably": Forecast, "perhaps": Hypothetical,
	"maybe": Hypothetical, "possibly": Hypothetical, "likely": Forecast, "unlikely": Forecast,
	"expected": Forecast, "anticipated": Forecast, "feared": Hypothetical, "rumoured": Hypothetical,
	"rumored": Hypothetical, "alleged": Alleged, "suspected": Alleged, "attempted": Attempt,
	"foiled": Negated, "thwarted": Negated, "averted": Negated, "aborted": Negated, "failed": Negated,
	"cancelled": Negated, "canceled": Negated, "called-off": Negated,
}

var adverbCue = set("probably", "perhaps", "maybe", "possibly", "likely", "unlikely")

// rightCue are words in the auxiliary chain after a nominal trigger.
var rightCue = map[string]Status{
	"likely": Forecast, "unlikely": Forecast, "expected": Forecast, "poised": Forecast, "bound": Forecast,
	"scheduled": Future, "planned": Future, "set": Future, "due": Future, "slated": Future, "going": Future,
	"proposed": Proposal, "possible": Hypothetical, "cancelled": Negated, "canceled": Negated,
	"postponed": Future, "delayed": Future, "shelved": Negated, "scrapped": Negated,
	"averted": Negated, "foiled": Negated, "thwarted": Negated, "suspended": Negated, "reportedly": Reported,
	"rumoured": Hypothetical, "rumored": Hypothetical, "feared": Hypothetical,
}

// planWords take an infinitive that is a plan: a future, or an intent when
// an actor states it ("X said it plans to visit").
var planWords = set("plans", "planned", "plan", "planning", "intends", "intended", "intend", "intending", "intention")

// objectIntent are intent verbs whose direct object is the promised thing:
// "offered aid", "pledged support".
var objectIntent = set("offered", "offers", "offer", "offering", "pledged", "pledges", "pledge", "promised", "promises", "promise")

// monthMay reports whether "may" at j is the month: "in May", "early May",
// "May 5".
func monthMay(w []string, j int) bool {
	if w[j] != "may" {
		return false
	}
	if j > 0 {
		switch w[j-1] {
		case "in", "early", "late", "mid", "since", "until", "of", "last", "next", "this", "from", "by", "through", "during":
			return true
		}
	}
	if j+1 < len(w) && len(w[j+1]) > 0 && w[j+1][0] >= '0' && w[j+1][0] <= '9' {
		return true
	}
	return false
}

// referenceWords are verbs whose nominal object is an event they talk
// about: "condemned the attack", "mourned the killing".
var referenceWords = set("condemned", "condemns", "condemn", "condemning", "denounced", "denounces", "denounce",
	"criticised", "criticized", "criticises", "criticizes", "slammed", "slams", "decried", "deplored", "deplores",
	"blamed", "blames", "mourned", "mourns", "investigated", "investigates", "investigating", "investigate",
	"probing", "probed", "protested", "protesting", "welcomed", "welcomes", "praised", "hailed", "denied",
	"commemorated", "commemorate", "marked", "marking")

var denyWords = set("denied", "denies", "deny", "denying", "dismissed", "refuted", "disputed")

var speechWords = set("said", "says", "say", "saying", "announced", "announces", "told", "tells", "stated",
	"states", "declared", "declares", "indicated", "indicates", "confirmed", "confirms", "added", "noted",
	"signalled", "signaled", "insisted", "vowed", "pledged", "promised", "assured", "affirmed", "reiterated",
	"revealed", "claimed", "claims", "wrote", "voiced", "expressed", "replied", "responded", "stressed",
	"believes", "believed", "thinks", "hopes", "expects")

var warnWords = set("warned", "warns", "warn", "warning", "threatened", "threatens")

var demandWords = set("demanded", "demands", "demand", "insisted", "insists", "ordered")

var reportWords = set("reportedly", "allegedly", "reportedly,", "apparently", "purportedly")

func set(xs ...string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}
