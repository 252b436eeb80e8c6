package coding

import (
	"sort"
	"strings"

	"github.com/parley-events/parley/dict"
)

// mention is a dictionary match in a sentence: an actor (with its codes on
// the event date) or an agent.
type mention struct {
	s, e  int // token span
	agent bool
	idx   int      // into lexicon actors or agents
	codes []string // actor codes on the date (several for FRO/BIL/SAM)
}

// member is one resolved actor of a group.
type member struct {
	code  string
	s, e  int // token span of the words that gave it
	name  string
	rule  string
	place bool // one dictionary actor and no role: can be where an event happened
}

// group is a noun phrase naming one or more actors ("the US, China and
// Russia" is one group of three members).
type group struct {
	s, e      int // token span
	members   []member
	prep      string // preposition before the group ("IN", "WITH", ...), "" if none
	agentOnly bool   // no member has a country (a bare role: "officials")
}

var determiners = set("THE", "A", "AN", "ITS", "HIS", "HER", "THEIR", "OUR", "MY", "YOUR", "THIS", "THESE", "THOSE", "SOME", "ANY", "NO", "EVERY", "EACH", "ANOTHER", "SEVERAL", "BOTH", "ALL", "MANY", "TWO", "THREE")

var prepositions = set("OF", "IN", "ON", "AT", "BY", "FOR", "FROM", "WITH", "TO", "INTO", "AGAINST", "BETWEEN", "AMONG", "TOWARD", "TOWARDS", "ABOUT", "OVER", "UNDER", "NEAR", "ACROSS", "THROUGH", "DURING", "AFTER", "BEFORE", "WITHOUT", "WITHIN", "ALONG", "BEHIND", "BEYOND", "UPON", "AMID", "VIA", "INSIDE", "OUTSIDE", "OPPOSITE", "DESPITE", "SINCE", "UNTIL", "LIKE", "THAN")

var conjunctions = set("AND", "OR", "NOR", "&", "AS_WELL_AS")

// modifiers may stand between an actor and an agent of the same phrase
// ("Dagolath's first Deputy Prime Minister").
var modifiers = set("FIRST", "NEW", "TOP", "SENIOR", "FORMER", "DEPUTY", "VICE", "CHIEF", "ACTING", "MAIN", "THEN", "INTERIM", "SPECIAL", "HIGH-LEVEL", "HIGH", "LEVEL", "JUNIOR", "LOCAL", "STATE", "NATIONAL", "FEDERAL", "PROVINCIAL", "REGIONAL", "ARMED", "RULING", "OPPOSITION", "ELECTED", "OUTGOING", "INCOMING", "LATE", "ASSISTANT", "PERMANENT", "OWN", "BORDER", "SECURITY", "STATE-RUN", "OFFICIAL", "SPOKESMAN", "SPOKESWOMAN")

func set(xs ...string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// findMentions finds the longest dictionary actor and agent matches, left to
// right. date is YYYYMMDD (0 unknown) for actor codes with date ranges.
func (c *Coder) findMentions(dst []mention, toks []tok, date int) []mention {
	l := c.lex
	for i := 0; i < len(toks); {
		if toks[i].punct {
			i++
			continue
		}
		refs, n := l.root.longest(toks, i)
		if n == 0 {
			i++
			continue
		}
		m := mention{s: i, e: i + n, idx: -1}
		// Prefer an actor entry over an agent entry of the same words, and
		// the last loaded entry (a user's --dict over the built-ins).
		for ri := len(refs) - 1; ri >= 0; ri-- {
			r := refs[ri]
			if r.kind == refActor {
				codes := actorCodes(&l.actors[r.idx], date)
				if len(codes) == 0 {
					continue
				}
				m.idx, m.codes = r.idx, codes
				break
			}
		}
		if m.idx < 0 {
			for ri := len(refs) - 1; ri >= 0; ri-- {
				if r := refs[ri]; r.kind == refAgent {
					m.idx, m.agent = r.idx, true
					break
				}
			}
		}
		if m.idx < 0 {
			i++
			continue
		}
		// "to press their demands": a verb after "to", not the press.
		if m.agent && n == 1 && i > 0 && toks[i-1].up == "TO" && c.verbWords[toks[i].up] {
			i++
			continue
		}
		dst = append(dst, m)
		i += n
	}
	return dst
}

// actorCodes returns the codes of a on date: those of the first dated
// restriction that covers it, else the undated ones. Codes "---" and the
// like (no country) are dropped only if nothing else is left.
func actorCodes(a *dict.Actor, date int) []string {
	pick := func(match func(c dict.DatedCode) bool) []string {
		var out []string
		var from, to int
		for _, c := range a.Codes {
			if !match(c) {
				continue
			}
			if out != nil && (c.From != from || c.To != to) {
				break
			}
			from, to = c.From, c.To
			out = append(out, c.Code)
		}
		return out
	}
	if date != 0 {
		if out := pick(func(c dict.DatedCode) bool { return c.Dated() && c.Covers(date) }); out != nil {
			return out
		}
	}
	if out := pick(func(c dict.DatedCode) bool { return !c.Dated() }); out != nil {
		return out
	}
	if date == 0 && len(a.Codes) > 0 {
		return []string{a.Codes[len(a.Codes)-1].Code}
	}
	return nil
}

// unit is a run of mentions that name one actor ("Dagolath's first Deputy
// Prime Minister Telemar").
type unit struct {
	s, e int
	ms   []mention
}

func (u *unit) hasActor() bool {
	for _, m := range u.ms {
		if !m.agent {
			return true
		}
	}
	return false
}

// formerBefore reports whether "former" (or "ex-") modifies the unit at
// toks[s:e].
func formerBefore(toks []tok, s, e int) bool {
	for k := s - 2; k < e; k++ {
		if k < 0 {
			continue
		}
		if toks[k].up == "FORMER" || strings.HasPrefix(toks[k].up, "EX-") {
			return true
		}
	}
	return false
}

func hasAgent(ms []mention) bool {
	for _, m := range ms {
		if m.agent {
			return true
		}
	}
	return false
}

// glue reports whether the tokens toks[a:b] between two mentions keep them
// in one noun phrase.
func glue(toks []tok, a, b int, leftAgent bool, isVerb func(string) bool) bool {
	if a == b {
		return true
	}
	if b-a > 5 {
		return false
	}
	k := a
	poss := false
	if toks[k].up == "'S" || toks[k].up == "'" {
		poss = true
		k++
	}
	for ; k < b; k++ {
		t := toks[k]
		if t.punct {
			return false
		}
		switch {
		case modifiers[t.up]:
		case t.cap && !determiners[t.up] && !prepositions[t.up] && !conjunctions[t.up]:
		case poss && !prepositions[t.up] && !determiners[t.up] && !isVerb(t.up):
			// "Ithilen's awful and evil minister"
		default:
			return false
		}
	}
	return true
}

// buildGroups turns mentions into groups: units, conjoined units,
// "agents of/in/from actors", and agents inheriting a conjoined actor.
func (c *Coder) buildGroups(dst []group, toks []tok, ms []mention, text string) []group {
	if len(ms) == 0 {
		return dst
	}
	// Units.
	var units []unit
	cur := unit{s: ms[0].s, e: ms[0].e, ms: []mention{ms[0]}}
	for _, m := range ms[1:] {
		if glue(toks, cur.e, m.s, cur.ms[len(cur.ms)-1].agent, c.isVerbWord) {
			cur.e = m.e
			cur.ms = append(cur.ms, m)
			continue
		}
		units = append(units, cur)
		cur = unit{s: m.s, e: m.e, ms: []mention{m}}
	}
	units = append(units, cur)
	// Absorb following unknown capitalised names into a unit's span
	// ("Fornost President Umbardacil").
	for i := range units {
		u := &units[i]
		limit := len(toks)
		if i+1 < len(units) {
			limit = units[i+1].s
		}
		for u.e < limit && u.e-u.s < 12 && isNameTok(toks, u.e) {
			u.e++
		}
	}
	// "the government of Gondor": a bare role followed by of/in/from and
	// one actor (not a list of them, not after a list of roles) is one unit.
	merged := units[:0:0]
	for i := 0; i < len(units); i++ {
		u := units[i]
		if !u.hasActor() && i+1 < len(units) && units[i+1].hasActor() && ofGap(toks, u.e, units[i+1].s) {
			listBefore := i > 0 && !units[i-1].hasActor() && conjGap(toks, units[i-1].e, u.s, c.isVerbWord)
			listAfter := i+2 < len(units) && conjGap(toks, units[i+1].e, units[i+2].s, c.isVerbWord)
			if !listBefore && !listAfter {
				v := units[i+1]
				merged = append(merged, unit{s: u.s, e: v.e, ms: append(append([]mention(nil), v.ms...), u.ms...)})
				i++
				continue
			}
		}
		merged = append(merged, u)
	}
	units = merged
	// Chains of conjoined units.
	type chain struct {
		us []unit
	}
	var chains []chain
	ch := chain{us: []unit{units[0]}}
	for _, u := range units[1:] {
		last := ch.us[len(ch.us)-1]
		if conjGap(toks, last.e, u.s, c.isVerbWord) && !(commaBetween(toks, last.e, u.s) && c.startsClause(toks, u.e)) {
			ch.us = append(ch.us, u)
			continue
		}
		chains = append(chains, ch)
		ch = chain{us: []unit{u}}
	}
	chains = append(chains, ch)

	// Resolve each chain; link "agents of/in/from actors".
	for i := 0; i < len(chains); i++ {
		a := chains[i]
		g := group{s: a.us[0].s, e: a.us[len(a.us)-1].e}
		allAgents := true
		for _, u := range a.us {
			if u.hasActor() {
				allAgents = false
			}
		}
		if allAgents && i+1 < len(chains) && ofGap(toks, g.e, chains[i+1].us[0].s) {
			b := chains[i+1]
			anyActor := false
			for _, u := range b.us {
				if u.hasActor() {
					anyActor = true
				}
			}
			if anyActor {
				g.e = b.us[len(b.us)-1].e
				for _, au := range a.us {
					for bi, bu := range b.us {
						ms := append(append([]mention(nil), bu.ms...), au.ms...)
						// The first actor's text runs from the role ("the
						// ambassadors of Arnor"); the others are their own.
						s := au.s
						if bi > 0 {
							s = bu.s
						}
						for _, code := range c.combine(ms) {
							g.members = append(g.members, member{code: code, s: s, e: bu.e, name: c.unitName(ms), rule: "agent-of"})
						}
					}
				}
				g.prep = prepBefore(toks, g.s)
				dst = append(dst, g)
				i++
				continue
			}
		}
		var prev *unit
		for k := range a.us {
			u := a.us[k]
			ms := u.ms
			rule := "dictionary"
			if !u.hasActor() && prev != nil && prev.hasActor() {
				// "Danish media and government": government inherits DNK
				// and the modifiers of the first phrase.
				inh := append([]mention(nil), prev.ms[:len(prev.ms)-1]...)
				if !prev.ms[len(prev.ms)-1].agent {
					inh = append(inh, prev.ms[len(prev.ms)-1])
				}
				ms = append(inh, ms...)
				rule = "conjoined-agent"
			}
			if k+1 < len(a.us) && !hasAgent(u.ms) && u.hasActor() && u.e+1 == a.us[k+1].s && conjunctions[toks[u.e].up] {
				// "Japanese and North Korean officials": the head noun
				// is shared.
				next := a.us[k+1].ms
				if last := next[len(next)-1]; last.agent && len(next) > 1 && !next[0].agent {
					ms = append(append([]mention(nil), ms...), last)
					rule = "shared-head"
				}
			}
			former := formerBefore(toks, u.s, u.e)
			for _, code := range c.combine(ms) {
				if former && len(code) >= 6 && !strings.HasPrefix(code, "---") {
					code = code[:3] + "ELI" // "a former Japanese minister": an elite, no longer in office
				}
				g.members = append(g.members, member{code: code, s: u.s, e: u.e, name: c.unitName(u.ms), rule: rule, place: len(ms) == 1 && !ms[0].agent})
			}
			if u.hasActor() {
				prev = &a.us[k]
			}
		}
		g.agentOnly = true
		for _, m := range g.members {
			if !strings.HasPrefix(m.code, "---") {
				g.agentOnly = false
			}
		}
		g.prep = prepBefore(toks, g.s)
		if len(g.members) > 0 {
			dst = append(dst, g)
		}
	}
	return dst
}

// nameStoppers are capitalised words that do not start a name.
var nameStoppers = set("ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN", "FIRST", "SECOND", "THIRD", "NEW", "OLD", "HOWEVER", "MEANWHILE", "EARLIER", "LATER", "LAST", "NEXT", "ALSO", "THERE", "HERE", "YESTERDAY", "TODAY", "TOMORROW", "ACCORDING", "WHEN", "WHILE", "ALTHOUGH", "AS", "IF", "BUT", "SO", "THEN", "THUS", "STILL", "YET", "WHAT", "WHO", "WHY", "HOW", "WHERE", "MOST", "MANY", "SOME", "OTHER", "OTHERS", "SUCH", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY", "JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER", "I", "YOU", "HE", "SHE", "IT", "WE", "THEY", "AP", "AFP", "REUTERS", "UPDATE", "BREAKING", "PHOTO", "VIDEO", "EDITOR", "NOTE", "MR", "MR.", "MRS.", "MS.", "DR.")

// addNames adds groups for unknown names (capitalised words no dictionary
// knows: "Gerald R. Ford", "Immigration and Customs Enforcement"). A name
// followed by a description in commas takes the description's code ("Song
// Il-ho, North Korea's ambassador, said" is PRKGOV); otherwise its code is
// empty: the actor is known by its words only.
func (c *Coder) addNames(groups []group, toks []tok) []group {
	n := len(toks)
	inGroup := make([]int8, n)
	for _, g := range groups {
		for k := g.s; k < g.e && k < n; k++ {
			inGroup[k] = 1
		}
	}
	nameTok := func(k int) bool {
		t := toks[k]
		if t.punct || !t.cap || inGroup[k] != 0 || determiners[t.up] || prepositions[t.up] || conjunctions[t.up] || auxiliaries[t.up] || nameStoppers[t.up] {
			return false
		}
		return true
	}
	var names []group
	for k := 0; k < n; k++ {
		if !nameTok(k) {
			continue
		}
		s := k
		e := k + 1
		for e < n {
			if nameTok(e) {
				e++
				continue
			}
			// "Ministry of Magic", "Bank of the South".
			if (toks[e].up == "OF" || toks[e].up == "AND" || toks[e].up == "&") && e+1 < n && nameTok(e+1) {
				e += 2
				continue
			}
			if toks[e].up == "OF" && e+2 < n && toks[e+1].up == "THE" && nameTok(e+2) {
				e += 3
				continue
			}
			break
		}
		k = e - 1
		// A single capitalised word opening the sentence is usually not a
		// name ("Furious", "Officials"); one with a verb after it may be.
		if e-s == 1 && s == 0 && !acronym(toks[s].text) && (e >= n || !c.startsClause(toks, e) || adjectiveLike(toks[s].up)) {
			continue
		}
		// A lone word the verb dictionaries know is not a name ("Attack").
		if e-s == 1 && c.verbWords[toks[s].up] {
			continue
		}
		g := group{s: s, e: e, members: []member{{code: "", s: s, e: e, rule: "name"}}, prep: prepBefore(toks, s)}
		names = append(names, g)
	}
	if len(names) == 0 {
		return groups
	}
	// Descriptions: "NAME, DESCRIPTION," gives NAME the code of the first
	// group of the description that has a role ("North Korea's
	// ambassador", "head of ... the Ministry of Foreign Affairs of
	// Japan"), else the first with a country. The description's groups
	// are then part of the name, not actors of their own.
	consumed := map[int]bool{}
	for i := range names {
		nm := &names[i]
		if len(nm.members) == 0 || nm.e+1 >= n || toks[nm.e].up != "," {
			continue
		}
		end := nm.e + 1
		for end < n && end < nm.e+25 && toks[end].up != "," && toks[end].up != "." && toks[end].up != ";" {
			end++
		}
		if end >= n || toks[end].up != "," {
			continue // not closed by a comma: a list, not an apposition
		}
		clause := false
		for k := nm.e + 1; k < end; k++ {
			if (auxiliaries[toks[k].up] && toks[k].up != "'S") || pronouns[toks[k].up] || (c.verbWords[toks[k].up] && !nounContextAt(toks, k) && !strings.HasSuffix(toks[k].up, "ING")) {
				clause = true // "Sajid Javid, had told the US attorney general,": a clause
				break
			}
		}
		if clause {
			continue
		}
		pick := -1
		for gi, g := range groups {
			if g.s <= nm.e || g.e > end || len(g.members) != 1 || g.agentOnly || g.members[0].code == "" {
				continue
			}
			if pick < 0 {
				pick = gi
			}
			if len(g.members[0].code) > 3 {
				pick = gi
				break
			}
		}
		if pick < 0 {
			continue
		}
		m := groups[pick].members[0]
		nm.members[0].code = m.code
		nm.members[0].name = m.name
		nm.members[0].rule = "description"
		for gi, g := range groups {
			if g.s > nm.e && g.e <= end {
				consumed[gi] = true
			}
		}
		for j := range names {
			if names[j].s > nm.e && names[j].e <= end {
				names[j].members = nil
			}
		}
	}
	// "the US attorney general, Jeff Sessions, ...": a role before the name.
	for i := range names {
		nm := &names[i]
		if len(nm.members) == 0 || nm.members[0].code != "" || nm.s < 2 || toks[nm.s-1].up != "," {
			continue
		}
		if nm.e < n && toks[nm.e].up != "," && toks[nm.e].up != "." {
			continue
		}
		for gi, g := range groups {
			if g.e != nm.s-1 || consumed[gi] || len(g.members) != 1 || len(g.members[0].code) <= 3 {
				continue
			}
			nm.members[0].code = g.members[0].code
			nm.members[0].name = g.members[0].name
			nm.members[0].rule = "description"
			break
		}
	}
	kept := names[:0]
	for _, g := range names {
		if len(g.members) > 0 {
			kept = append(kept, g)
		}
	}
	names = kept
	out := groups[:0:0]
	for gi, g := range groups {
		if !consumed[gi] {
			out = append(out, g)
		}
	}
	out = append(out, names...)
	sort.Slice(out, func(a, b int) bool { return out[a].s < out[b].s })
	return out
}

// acronym reports whether an upper-case word is written in capitals in
// the text, like "ICE" or "NATO" (the caller passes the text's form).
func acronym(w string) bool {
	if len(w) < 2 || len(w) > 6 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return true
}

// nounContextAt is nounContext for the actors stage.
func nounContextAt(toks []tok, k int) bool { return nounContext(toks, k) }

// isNameTok reports whether toks[i] is an unknown capitalised word that
// continues a name.
func isNameTok(toks []tok, i int) bool {
	t := toks[i]
	if t.punct || !t.cap || determiners[t.up] || prepositions[t.up] || conjunctions[t.up] {
		return false
	}
	// A capitalised word at the start of a clause is not a name part.
	return len(t.up) > 1
}

// conjGap reports whether toks[a:b] joins two units into a compound: a
// conjunction or comma, with determiners and a few modifiers.
func conjGap(toks []tok, a, b int, isVerb func(string) bool) bool {
	if b-a < 1 || b-a > 5 {
		return false
	}
	sawConj := false
	mods := 0
	if toks[a].up == "," && a+1 < b && (toks[a+1].up == "A" || toks[a+1].up == "AN") {
		return false // ", a former minister": an apposition, not a list
	}
	for k := a; k < b; k++ {
		t := toks[k]
		switch {
		case t.up == "," || conjunctions[t.up]:
			sawConj = true
		case determiners[t.up]:
		case !t.punct && !t.cap && !prepositions[t.up] && mods < 2 && sawConj && !isVerb(t.up):
			mods++ // "and the evil awful Gondor"
		default:
			return false
		}
	}
	return sawConj
}

// ofGap reports whether toks[a:b] is "of", "in", "from", "for" with an
// optional determiner: the link of "the government of Japan".
func ofGap(toks []tok, a, b int) bool {
	if b-a < 1 || b-a > 2 {
		return false
	}
	switch toks[a].up {
	case "OF", "IN", "FROM", "FOR", "AT":
	default:
		return false
	}
	return b-a == 1 || determiners[toks[a+1].up]
}

// prepBefore returns the preposition governing a group starting at s,
// skipping determiners and adjectives: "with the evil Gondor" gives WITH.
func prepBefore(toks []tok, s int) string {
	for k := s - 1; k >= 0 && k >= s-4; k-- {
		t := toks[k]
		if prepositions[t.up] {
			return t.up
		}
		if t.punct || conjunctions[t.up] || phraseEnds[t.up] && toks[k+1].up != "'S" {
			return ""
		}
		if determiners[t.up] || !t.cap {
			continue
		}
		return ""
	}
	return ""
}

// phraseEnds close an opening prepositional phrase: in "In recent years
// Arnor attacked" or "In addition Gondor said", the name after them is no
// longer the preposition's object.
var phraseEnds = set("YEARS", "MONTHS", "WEEKS", "DAYS", "DECADES", "HOURS", "YEAR", "MONTH", "WEEK", "DAY",
	"NIGHT", "MORNING", "AFTERNOON", "EVENING", "WEEKEND", "TIME", "TIMES", "PAST", "MEANTIME", "ADDITION",
	"FACT", "PARTICULAR", "GENERAL", "TURN", "RESPONSE", "CONTRAST", "SUM", "SHORT", "ALL", "TOTAL")

// combine computes the codes of a unit's mentions: the first actor gives
// the country (a later actor of the same country with a longer code, such
// as a named official, replaces it), prefix agents go before, suffix
// agents after, skipping roles already present. A unit whose actor has
// several codes (FRO/BIL/SAM) gives several codes.
func (c *Coder) combine(ms []mention) []string {
	var bases []string
	for _, m := range ms {
		if m.agent {
			continue
		}
		if bases == nil {
			bases = append([]string(nil), m.codes...)
			continue
		}
		if len(bases) == 1 && len(m.codes) == 1 {
			if len(m.codes[0]) > len(bases[0]) && len(bases[0]) >= 3 && strings.HasPrefix(m.codes[0], bases[0][:3]) {
				bases[0] = m.codes[0]
			}
		}
	}
	if bases == nil {
		bases = []string{"---"}
	}
	out := bases[:0:0]
	for _, b := range bases {
		code := b
		for _, m := range ms {
			if !m.agent {
				continue
			}
			ag := &c.lex.agents[m.idx]
			if ag.Prefix {
				if !strings.HasPrefix(code, ag.Code) {
					if code == "---" {
						code = ag.Code
					} else {
						code = ag.Code + code
					}
				}
				continue
			}
			for k := 0; k+3 <= len(ag.Code); k += 3 {
				chunk := ag.Code[k : k+3]
				if !hasChunk(code, chunk) {
					code += chunk
				}
			}
			if r := len(ag.Code) % 3; r != 0 && !strings.Contains(code, ag.Code) {
				code += ag.Code[len(ag.Code)-r:]
			}
		}
		out = append(out, code)
	}
	return out
}

// hasChunk reports whether the three-letter role chunk is in code after its
// first three letters.
func hasChunk(code, chunk string) bool {
	for k := 3; k+3 <= len(code); k += 3 {
		if code[k:k+3] == chunk {
			return true
		}
	}
	return false
}

func (c *Coder) unitName(ms []mention) string {
	var parts []string
	for _, m := range ms {
		if m.agent {
			continue
		}
		parts = append(parts, c.lex.actors[m.idx].Name())
	}
	return strings.Join(parts, "+")
}
