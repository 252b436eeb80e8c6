package nlp

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/parley-events/parley"
)

// Context is the running date context of a story, carried from sentence to
// sentence by Analyze (or by a caller of Times): the year of the last
// explicit year expression, and the last date resolved. The zero Context
// is empty. A Context also holds scratch buffers, so one Context must not
// be used by two goroutines at once.
type Context struct {
	// Year is the story's running year: set by an expression that names or
	// fixes a year ("Back in 2012", "in February 2013", "last year", "last
	// December"), 0 when none has been seen. A month without a year ("Then
	// in April") resolves to this year when it is set.
	//
	// The running year applies to the sentence that sets it and to the
	// next few (yearSpan, 3); each sentence that uses it renews it.
	Year int
	// Last is the last date resolved in the story, at its own precision;
	// it is the context of later sentences with no expression of their
	// own, and the anchor of "the previous day" and "the following year".
	Last parley.Date

	n      int // sentences seen
	yearAt int // the sentence that last set or used Year
	toks   []Token
	lxs    []lex
}

// yearSpan is how many sentences the running year outlives its last use:
// "Back in 2012 ... Then in April" carries it; a story that mentioned 1992
// ten sentences ago does not make "on March 14" a day of 1992.
const yearSpan = 3

// year returns the running year if it still applies, else 0.
func (c *Context) year() int {
	if c.Year == 0 || c.n-c.yearAt > yearSpan {
		return 0
	}
	return c.Year
}

// Reset empties c for a new story, keeping its buffers.
func (c *Context) Reset() {
	c.Year = 0
	c.Last = parley.Date{}
	c.n, c.yearAt = 0, 0
}

// Times finds the time expressions in one sentence and resolves them.
// text is the sentence and base its offset in the story, so that the
// returned spans are offsets into the story; ref is the publication date
// (its calendar day is used; the zero time means unknown, and expressions
// relative to it are then skipped); ctx is the story's running context,
// read and updated in place (nil means none).
//
// Resolution rules:
//   - A month or day without a year ("in April", "on 5 March") takes the
//     running year (ctx.Year) while it applies: it is set by a year that
//     frames a sentence ("Back in 2012", "In 2012,", "in December 2012",
//     "last year"; not "the 1992 riots"), and lapses after 3 sentences
//     that do not use it. Otherwise it is the latest such month or day not
//     after the publication date ("in December" in a story of 2013-01-22
//     is 2012-12), except that a day up to 31 days after publication stays
//     in the publication year ("the march 15 rally" on 2002-03-10), and
//     that in a clause in the future tense ("will", "shall", "upcoming";
//     "expected", "scheduled", "planned" without "was" or "had"), or after
//     "by", "until" or "till", the next such month or day is taken. The
//     clause is the text between commas, quotation marks and brackets, so
//     `"We will go," he said on Thursday` is in the past.
//   - "November last year", "May 25 last year", "november last" (Indian
//     English: the last November) take their year from the phrase.
//   - A weekday ("on Monday") is the latest such day on or before the
//     publication date (the same day when it is published on a Monday);
//     "last Monday" is strictly before, "next Monday" strictly after, and
//     in the future tense the next one on or after publication. "on
//     saturday last week" is the Saturday of the week (Monday to Sunday)
//     before the publication week.
//   - "last week", "this week", "next week" and "N weeks ago" have day
//     precision: the same weekday 7 days (N*7 days) before or after
//     publication, a day that certainly lies inside the week meant (the
//     Monday of the week would claim more than the text says, and there
//     is no week precision). "earlier this week" is the Monday of the
//     publication week (the publication day when it is a Monday);
//     "last weekend" and "this weekend" are the Saturday.
//   - "last month", "earlier this month", "next month" have month
//     precision; "last year", "this year", "N years ago" year precision;
//     "yesterday", "today", "tomorrow", "last night", "N days ago" day
//     precision.
//   - "early", "mid", "late", "the beginning of", "the middle of", "the end
//     of" set Date.Part on months, years and decades.
//   - "the previous day", "the following year" count from ctx.Last (or
//     ctx.Year), else from the publication date.
//   - "2002-03" (the second number is the next year's last two digits) is a
//     fiscal year: year 2002. "2013-03" is a month.
//
// Numbers that are not years are left alone: "$2012 million", "2,012
// people", "2012 people", "Resolution 2012", "1800 hrs". Month names that
// are also words need a preposition or a number: "in May", "May 5", but
// not "Japan may respond", "a march in Delhi", "the August assembly".
func Times(text string, base int, ref time.Time, ctx *Context) []parley.TimeExpr {
	return AppendTimes(nil, text, base, ref, ctx)
}

// AppendTimes is Times appending to dst.
func AppendTimes(dst []parley.TimeExpr, text string, base int, ref time.Time, ctx *Context) []parley.TimeExpr {
	if ctx == nil {
		ctx = new(Context)
	}
	m := matcher{text: text, base: base, ctx: ctx, out: dst, frameFrom: -1}
	if !ref.IsZero() {
		y, mo, d := ref.Date()
		m.ref = time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
		m.hasRef = true
	}
	ctx.toks = AppendTokens(ctx.toks[:0], text, base)
	m.toks = ctx.toks
	if cap(ctx.lxs) < len(m.toks) {
		ctx.lxs = make([]lex, len(m.toks), 2*len(m.toks))
	}
	m.lx = ctx.lxs[:len(m.toks)]
	maybe := false
	for k, t := range m.toks {
		l := lookup(t)
		m.lx[k] = l
		switch l.kind {
		case lxMonth, lxMonthAbbr, lxWeekday, lxRelDay, lxLast, lxThis, lxNext, lxPrevious, lxAgo, lxEarlier:
			maybe = true
		case lxUnit:
			maybe = maybe || l.val == unitWeekend
		case lxNone:
			maybe = maybe || t.Kind == Number || t.Kind == Alnum
		}
	}
	defer func() { ctx.n++ }()
	if !maybe {
		return dst
	}
	for i := 0; i < len(m.toks); {
		if n := m.match(i); n > 0 {
			i += n
		} else {
			i++
		}
	}
	return m.out
}

type matcher struct {
	text   string
	base   int
	toks   []Token
	lx     []lex
	ref    time.Time // publication day, UTC midnight
	hasRef bool
	ctx    *Context
	out    []parley.TimeExpr
	// frameFrom is the first token of the list being emitted ("January"
	// in "In January and March 2012"), -1 outside lists.
	frameFrom int
}

// Lexicon kinds.
const (
	lxNone      uint8 = iota
	lxMonth           // val 1-12
	lxMonthAbbr       // "Jan", "Sept": val 1-12
	lxWeekday         // val 0 (Sunday) - 6
	lxRelDay          // yesterday -1, today 0, tomorrow 1, tonight 0
	lxLast            // last
	lxThis            // this
	lxNext            // next
	lxPast            // past ("this past Monday")
	lxPrevious        // previous, preceding, prior: val -1; following: val 1
	lxEarlier         // earlier, later
	lxPart            // early 1, mid 2, late 3
	lxEdge            // beginning/start 1, middle 2, end 3
	lxUnit            // day 1, week 2, month 3, year 4, decade 5, weekend 6
	lxAgo             // ago
	lxNumWord         // a, an, one ... twelve, twenty ...: val
	lxThe             // the
	lxOf              // of
	lxConj            // and, or, to, through
	lxPrep            // in, on, since, until, ...
	lxGuard           // words before a number that make it a label: "Resolution", "No."
	lxCount           // words after a number that make it a count: "people", "million"
	lxFuture          // will, shall, upcoming (val 0); expected, scheduled (val 1)
	lxPastAux         // was, were, had, did
	lxDayPart         // night, morning, afternoon, evening
	lxHoliday         // "Good" (Friday), "Black", "Bloody"
)

type lex struct {
	kind uint8
	val  int8
}

const (
	unitDay = iota + 1
	unitWeek
	unitMonth
	unitYear
	unitDecade
	unitWeekend
)

var lexicon = func() map[string]lex {
	m := map[string]lex{}
	months := []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
	for i, s := range months {
		m[s] = lex{lxMonth, int8(i + 1)}
	}
	for i, s := range []string{"jan", "feb", "mar", "apr", "", "jun", "jul", "aug", "sep", "oct", "nov", "dec"} {
		if s != "" {
			m[s] = lex{lxMonthAbbr, int8(i + 1)}
		}
	}
	m["sept"] = lex{lxMonthAbbr, 9}
	for i, s := range []string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"} {
		m[s] = lex{lxWeekday, int8(i)}
	}
	m["yesterday"] = lex{lxRelDay, -1}
	m["today"] = lex{lxRelDay, 0}
	m["tonight"] = lex{lxRelDay, 0}
	m["tomorrow"] = lex{lxRelDay, 1}
	m["last"] = lex{lxLast, 0}
	m["this"] = lex{lxThis, 0}
	m["next"] = lex{lxNext, 0}
	m["coming"] = lex{lxNext, 0}
	m["past"] = lex{lxPast, 0}
	m["previous"] = lex{lxPrevious, -1}
	m["preceding"] = lex{lxPrevious, -1}
	m["prior"] = lex{lxPrevious, -1}
	m["following"] = lex{lxPrevious, 1}
	m["earlier"] = lex{lxEarlier, -1}
	m["later"] = lex{lxEarlier, 1}
	m["early"] = lex{lxPart, 1}
	m["mid"] = lex{lxPart, 2}
	m["late"] = lex{lxPart, 3}
	m["beginning"] = lex{lxEdge, 1}
	m["start"] = lex{lxEdge, 1}
	m["middle"] = lex{lxEdge, 2}
	m["end"] = lex{lxEdge, 3}
	for _, u := range []struct {
		s string
		v int8
	}{{"day", unitDay}, {"days", unitDay}, {"week", unitWeek}, {"weeks", unitWeek}, {"month", unitMonth}, {"months", unitMonth},
		{"year", unitYear}, {"years", unitYear}, {"decade", unitDecade}, {"decades", unitDecade}, {"weekend", unitWeekend}} {
		m[u.s] = lex{lxUnit, u.v}
	}
	m["ago"] = lex{lxAgo, 0}
	for i, s := range []string{"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"} {
		m[s] = lex{lxNumWord, int8(i + 1)}
	}
	m["a"] = lex{lxNumWord, 1}
	m["an"] = lex{lxNumWord, 1}
	m["fifteen"] = lex{lxNumWord, 15}
	m["twenty"] = lex{lxNumWord, 20}
	m["thirty"] = lex{lxNumWord, 30}
	m["forty"] = lex{lxNumWord, 40}
	m["fifty"] = lex{lxNumWord, 50}
	m["the"] = lex{lxThe, 0}
	m["of"] = lex{lxOf, 0}
	for _, s := range []string{"and", "or", "to", "through"} {
		m[s] = lex{lxConj, 0}
	}
	// Prepositions with val 1 make a month name after them a date ("in
	// may"); the others only support a year ("at 2012" is rare, "as may
	// be" is not).
	for _, s := range []string{"in", "since", "by", "during", "before", "after", "from", "throughout", "between", "until", "till"} {
		m[s] = lex{lxPrep, 1}
	}
	for _, s := range []string{"on", "around", "at", "for", "circa", "back", "into", "over"} {
		m[s] = lex{lxPrep, 0}
	}
	for _, s := range []string{"resolution", "resolutions", "no", "nos", "number", "flight", "article", "section", "sections", "chapter", "route", "room", "page", "pages",
		"highway", "model", "code", "paragraph", "rule", "item", "line", "unit", "batch", "vol", "volume", "platform", "gate", "ward",
		"plot", "ipc", "rs", "inr", "usd", "km", "channel", "bus", "train", "house", "flat", "sector", "phase", "tower", "block"} {
		m[s] = lex{lxGuard, 0}
	}
	for _, s := range []string{"people", "persons", "men", "women", "children", "soldiers", "troops", "police", "policemen", "officers",
		"cases", "deaths", "dead", "members", "workers", "students", "villagers", "protesters", "votes", "seats", "km", "kilometres",
		"kilometers", "miles", "metres", "meters", "feet", "tonnes", "tons", "crore", "lakh", "million", "billion", "trillion",
		"rupees", "dollars", "euros", "yuan", "yen", "pounds", "acres", "hectares", "houses", "homes", "vehicles", "cars", "units",
		"hours", "minutes", "percent", "per", "times", "families", "refugees", "prisoners", "civilians", "militants", "rebels",
		"casualties", "injured", "arrested", "killed", "others", "more", "hrs", "hr", "gmt", "ist", "utc", "h"} {
		if _, ok := m[s]; !ok || m[s].kind == lxGuard {
			m[s] = lex{lxCount, 0}
		}
	}
	m["will"] = lex{lxFuture, 0}
	m["shall"] = lex{lxFuture, 0}
	m["upcoming"] = lex{lxFuture, 0}
	for _, s := range []string{"expected", "scheduled", "plans", "planned", "planning", "intends", "slated", "proposed", "could", "might"} {
		m[s] = lex{lxFuture, 1}
	}
	for _, s := range []string{"was", "were", "had", "did"} {
		m[s] = lex{lxPastAux, 0}
	}
	m["night"] = lex{lxDayPart, 0}
	m["morning"] = lex{lxDayPart, 0}
	m["afternoon"] = lex{lxDayPart, 0}
	m["evening"] = lex{lxDayPart, 0}
	for _, s := range []string{"good", "black", "bloody", "holy", "ash", "palm", "easter", "cyber", "super"} {
		m[s] = lex{lxHoliday, 0}
	}
	return m
}()

// lexShape has, for each lower-case first letter, a bit for each length
// of the lexicon's words that start with it: most words can skip the map.
var lexShape = func() (sh [256]uint16) {
	for w := range lexicon {
		sh[w[0]] |= 1 << len(w)
	}
	return sh
}()

// lookup returns the lexicon entry of a word token.
func lookup(t Token) lex {
	if t.Kind != Word || len(t.Text) > 10 {
		return lex{}
	}
	c0 := t.Text[0]
	if c0 >= 'A' && c0 <= 'Z' {
		c0 += 'a' - 'A'
	}
	if lexShape[c0]&(1<<len(t.Text)) == 0 && t.Text[len(t.Text)-1] != 'l' && t.Text[len(t.Text)-1] != 't' {
		return lex{} // not a lexicon word, nor "they'll" or "won't"
	}
	if strings.HasSuffix(t.Text, "'ll") || strings.HasSuffix(t.Text, "’ll") || strings.EqualFold(t.Text, "won't") || t.Text == "won’t" {
		return lex{lxFuture, 0} // "they'll"
	}
	var buf [10]byte
	for k := 0; k < len(t.Text); k++ {
		c := t.Text[k]
		if c >= utf8.RuneSelf {
			return lex{}
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[k] = c
	}
	return lexicon[string(buf[:len(t.Text)])]
}

// kind returns the lexicon kind of token i (lxNone out of range).
func (m *matcher) kind(i int) uint8 {
	if i < 0 || i >= len(m.toks) {
		return lxNone
	}
	return m.lx[i].kind
}

func (m *matcher) val(i int) int { return int(m.lx[i].val) }

// punct reports whether token i is the punctuation s.
func (m *matcher) punct(i int, s string) bool {
	return i >= 0 && i < len(m.toks) && m.toks[i].Kind == Punct && m.toks[i].Text == s
}

// adjacent reports whether tokens i and i+1 touch (no space between).
func (m *matcher) adjacent(i int) bool {
	return i >= 0 && i+1 < len(m.toks) && m.toks[i].End == m.toks[i+1].Start
}

// deadlineBefore reports whether "by", "until" or "till" comes right
// before token i.
func (m *matcher) deadlineBefore(i int) bool {
	if m.kind(i-1) != lxPrep {
		return false
	}
	t := m.toks[i-1].Text
	return strings.EqualFold(t, "by") || strings.EqualFold(t, "until") || strings.EqualFold(t, "till")
}

// opens reports whether an expression starting at token i opens its
// clause: only prepositions and particles ("Back in", "Then in", "In the
// early") stand between it and the sentence start, a clause boundary or a
// subordinating word ("that in December 2012,", "when in 2012"). Such an
// expression frames what follows and sets the story's running year; one
// inside a clause ("the dialogue, which began in 2011", "the 1992 riots",
// "reopened last December") does not.
func (m *matcher) opens(i int) bool {
	for k := i - 1; k >= 0; k-- {
		if m.boundary(k) {
			return true
		}
		switch m.kind(k) {
		case lxPrep, lxThe, lxPart, lxEdge, lxEarlier, lxConj:
			continue
		case lxUnit:
			if m.val(k) == unitYear { // "The year 2012 witnessed"
				continue
			}
			return false
		}
		t := m.toks[k]
		if t.Kind == Punct {
			if t.Text == "-" {
				continue
			}
			return false
		}
		for _, w := range [...]string{"then", "even", "also", "already", "again", "only", "just", "so", "yet", "but"} {
			if strings.EqualFold(t.Text, w) {
				goto next
			}
		}
		for _, w := range [...]string{"that", "when", "because", "while", "although", "though", "if", "where", "once", "whereas"} {
			if strings.EqualFold(t.Text, w) {
				return true
			}
		}
		return false
	next:
	}
	return true
}

// clause returns the token range [lo, hi) of the clause around token i,
// for tense: back to the previous clause boundary (a comma, semicolon,
// colon, quotation mark or bracket) and on to the next one; when the
// expression opens its clause ("In February, the two sides will meet"),
// the clause after it is included as well.
func (m *matcher) clause(i int) (int, int) {
	lo := i
	opens := true
	for lo > 0 && !m.boundary(lo-1) {
		lo--
		if k := m.kind(lo); k != lxPrep && k != lxThe && k != lxPart && k != lxEdge && k != lxEarlier {
			opens = false
		}
	}
	hi := i
	for hi < len(m.toks) && !m.boundary(hi) {
		hi++
	}
	if opens && hi < len(m.toks) {
		hi++
		for hi < len(m.toks) && !m.boundary(hi) {
			hi++
		}
	}
	return lo, hi
}

func (m *matcher) boundary(i int) bool {
	t := m.toks[i]
	if t.Kind != Punct {
		return false
	}
	switch t.Text {
	case ",", ";", ":", "\"", "“", "”", "(", ")", "‘", "’", "'", "—", "–":
		return true
	}
	return false
}

// futureAt reports whether the clause of token i is in the future tense.
// Reading back from the expression, the nearest marker decides: "will",
// "shall", "'ll", "upcoming" make it future; "was", "were", "had", "did"
// or a verb in -ed ("funding it suspended in June") make it past; the
// weaker "expected", "scheduled", "planned", "could", "might" (and "by",
// "until", "till" right before it, when deadline is set) make it future
// unless a past auxiliary follows in the clause ("A meeting scheduled for
// early December was delayed").
func (m *matcher) futureAt(i int, deadline bool) bool {
	lo, hi := m.clause(i)
	weak := deadline
	for k := i - 1; k >= lo; k-- {
		switch m.lx[k].kind {
		case lxFuture:
			if m.lx[k].val == 0 {
				return true
			}
			weak = true
			continue
		case lxPastAux:
			return false
		}
		if !weak && pastVerb(m.toks[k].Text) {
			return false
		}
	}
	past := false
	for k := i; k < hi; k++ {
		switch m.lx[k].kind {
		case lxFuture:
			if m.lx[k].val == 0 && !past {
				return true
			}
			weak = true
		case lxPastAux:
			past = true
		}
	}
	return weak && !past
}

// pastVerb reports whether w looks like a verb in the past tense: a
// lower-case word of five letters or more ending in "ed".
func pastVerb(w string) bool {
	n := len(w)
	return n >= 5 && w[n-2] == 'e' && w[n-1] == 'd' && w[0] >= 'a' && w[0] <= 'z'
}

// number returns the value of a plain digit token of at most 4 digits, or -1.
func (m *matcher) number(i int) (int, int) {
	if i < 0 || i >= len(m.toks) || m.toks[i].Kind != Number {
		return -1, 0
	}
	s := m.toks[i].Text
	if len(s) > 4 {
		return -1, 0
	}
	v := 0
	for k := 0; k < len(s); k++ {
		if !isDigit(s[k]) {
			return -1, 0
		}
		v = v*10 + int(s[k]-'0')
	}
	return v, len(s)
}

// dayNum returns the day of month of token i ("5", "05", "5th", "21st"), or 0.
func (m *matcher) dayNum(i int) int {
	if i < 0 || i >= len(m.toks) {
		return 0
	}
	t := m.toks[i]
	switch t.Kind {
	case Number:
		v, n := m.number(i)
		if n > 2 || v < 1 || v > 31 {
			return 0
		}
		// Not a time ("5:30") or a fraction ("5/6").
		if m.adjacent(i) && (m.punct(i+1, ":") || m.punct(i+1, "/") || m.punct(i+1, ".")) && m.adjacent(i+1) && i+2 < len(m.toks) && m.toks[i+2].Kind == Number {
			return 0
		}
		return v
	case Alnum:
		s := t.Text
		k := 0
		v := 0
		for k < len(s) && k < 2 && isDigit(s[k]) {
			v = v*10 + int(s[k]-'0')
			k++
		}
		if k == 0 || v < 1 || v > 31 {
			return 0
		}
		switch strings.ToLower(s[k:]) {
		case "st", "nd", "rd", "th":
			return v
		}
	}
	return 0
}

// year returns the year of a 4-digit token in [1000, 2099], or 0.
func (m *matcher) year(i int) int {
	v, n := m.number(i)
	if n != 4 || v < 1000 || v > 2099 {
		return 0
	}
	if m.adjacent(i) && (m.punct(i+1, "%") || m.toks[i+1].Kind == Number) {
		return 0
	}
	if m.adjacent(i-1) && (m.punct(i-1, "$") || m.punct(i-1, "#") || m.punct(i-1, "£") || m.punct(i-1, "€") || m.punct(i-1, "¥") || m.punct(i-1, ".")) {
		return 0
	}
	return v
}

// emit appends an expression spanning tokens [s, e) with value d, and
// updates the context. setYear makes d's year the running year if the
// expression frames its clause (see opens).
func (m *matcher) emit(s, e int, d parley.Date, setYear bool) {
	if setYear {
		from := s
		if m.frameFrom >= 0 {
			from = m.frameFrom
		}
		setYear = m.opens(from)
	}
	start := m.toks[s].Start
	end := m.toks[e-1].End
	m.out = append(m.out, parley.TimeExpr{Text: m.text[start-m.base : end-m.base], Start: start, End: end, Value: d})
	m.ctx.Last = d
	if setYear {
		m.ctx.Year = d.Year
		m.ctx.yearAt = m.ctx.n
	}
}

// match tries every pattern at token i and returns the number of tokens
// consumed, or 0.
func (m *matcher) match(i int) int {
	switch m.kind(i) {
	case lxRelDay:
		if !m.hasRef || i > 0 && upper(m.toks[i].Text) && (m.toks[i-1].Text == "'s" || m.toks[i-1].Text == "’s") {
			return 0 // "BBC Radio 4's Today programme"
		}
		m.emit(i, i+1, dayDate(m.ref.AddDate(0, 0, m.val(i))), false)
		return 1
	case lxLast, lxThis, lxNext:
		return m.relative(i, i, "")
	case lxEarlier:
		if k := m.kind(i + 1); k == lxThis || k == lxLast || k == lxNext {
			return m.relative(i, i+1, "")
		}
		return 0
	case lxPart, lxEdge, lxThe:
		if n := m.withPart(i); n > 0 {
			return n
		}
		if m.kind(i) == lxThe {
			if n := m.theWeekend(i); n > 0 {
				return n
			}
			return m.anaphoric(i)
		}
		return 0
	case lxWeekday:
		return m.weekday(i, i, 0)
	case lxMonth, lxMonthAbbr:
		return m.months(i, m.anchored(i), "", i)
	case lxNumWord:
		return m.ago(i)
	}
	switch m.toks[i].Kind {
	case Number:
		if n := m.iso(i); n > 0 {
			return n
		}
		if n := m.dayMonth(i, m.anchored(i), "", i); n > 0 {
			return n
		}
		if n := m.ago(i); n > 0 {
			return n
		}
		if n := m.decade(i, i, ""); n > 0 {
			return n
		}
		return m.bareYear(i)
	case Alnum:
		if n := m.dayMonth(i, m.anchored(i), "", i); n > 0 {
			return n
		}
		return m.decade(i, i, "")
	case Punct:
		if (m.toks[i].Text == "'" || m.toks[i].Text == "’") && m.adjacent(i) {
			return m.decade(i, i, "")
		}
	}
	return 0
}

// anchored reports whether the token before i makes a month name there a
// date: a preposition ("in May"), or a list ("January and March").
func (m *matcher) anchored(i int) bool {
	return m.kind(i-1) == lxPrep && m.val(i-1) == 1
}

// part parses a part-of-period prefix at i: "early", "mid-", "late",
// "the beginning of", "the end of", "end-". It returns the part and the
// number of tokens.
func (m *matcher) part(i int) (string, int) {
	k := i
	if m.kind(k) == lxThe {
		k++
	}
	switch m.kind(k) {
	case lxPart:
		if k != i {
			return "", 0 // "the early 1990s" is handled by decade
		}
		p := partName(m.val(k))
		if m.adjacent(k) && (m.punct(k+1, "-") || m.punct(k+1, "–")) {
			return p, k + 2 - i
		}
		return p, k + 1 - i
	case lxEdge:
		p := partName(m.val(k))
		if m.kind(k+1) == lxOf {
			return p, k + 2 - i
		}
		if k == i && m.adjacent(k) && m.punct(k+1, "-") {
			return p, 2
		}
	}
	return "", 0
}

func partName(v int) string {
	switch v {
	case 1:
		return "early"
	case 2:
		return "mid"
	case 3:
		return "late"
	}
	return ""
}

// withPart matches a part prefix followed by a month, year, decade or
// relative period: "early August", "mid-May", "late 2012", "the end of
// 2012", "the early 1990s", "late last year".
func (m *matcher) withPart(i int) int {
	if m.kind(i) == lxThe && m.kind(i+1) == lxPart {
		// "the early 1990s"
		if n := m.decade(i+2, i+1, partName(m.val(i+1))); n > 0 {
			return n + 2
		}
		if m.adjacent(i+1) && m.punct(i+2, "-") {
			if n := m.decade(i+3, i+1, partName(m.val(i+1))); n > 0 {
				return n + 3
			}
		}
		return 0
	}
	p, n := m.part(i)
	if n == 0 {
		return 0
	}
	j := i + n
	switch m.kind(j) {
	case lxLast, lxThis, lxNext:
		if r := m.relative(i, j, p); r > 0 {
			return n + r
		}
		return 0
	case lxMonth, lxMonthAbbr:
		if r := m.months(j, true, p, i); r > 0 {
			return n + r
		}
		return 0
	}
	if r := m.decade(j, i, p); r > 0 {
		return n + r
	}
	if y := m.year(j); y > 0 && !m.countAfter(j) {
		m.emit(i, j+1, parley.Date{Year: y, Precision: parley.PrecisionYear, Part: p}, true)
		return n + 1
	}
	return 0
}

// countAfter reports whether the token after i makes the number at i a
// count ("2012 people").
func (m *matcher) countAfter(i int) bool {
	return m.kind(i+1) == lxCount
}

// relative matches "last/this/next" at j (the expression starting at s,
// with part p) followed by a unit, a month or a weekday.
func (m *matcher) relative(s, j int, p string) int {
	if !m.hasRef {
		return 0
	}
	dir := 0
	switch m.kind(j) {
	case lxLast:
		dir = -1
	case lxNext:
		dir = 1
	case lxThis:
		if m.kind(j+1) == lxPast { // "this past Monday"
			dir = -1
			j++
		}
	default:
		return 0
	}
	k := j + 1
	ref := m.ref
	switch m.kind(k) {
	case lxUnit:
		if strings.HasSuffix(m.toks[k].Text, "s") || strings.HasSuffix(m.toks[k].Text, "S") {
			return 0 // "the coming months", "the last years"
		}
		switch m.val(k) {
		case unitWeek:
			if p != "" {
				return 0
			}
			d := ref.AddDate(0, 0, 7*dir)
			if dir == 0 && s != j && m.val(s) < 0 { // "earlier this week"
				d = ref.AddDate(0, 0, -((int(ref.Weekday()) + 6) % 7))
			}
			m.emit(s, k+1, dayDate(d), false)
		case unitWeekend:
			m.emit(s, k+1, dayDate(weekend(ref, dir)), false)
		case unitMonth:
			d := monthDate(ref.Year(), int(ref.Month())+dir)
			d.Part = p
			m.emit(s, k+1, d, false)
		case unitYear:
			m.emit(s, k+1, parley.Date{Year: ref.Year() + dir, Precision: parley.PrecisionYear, Part: p}, true)
		case unitDecade:
			if dir != 0 || p != "" {
				return 0
			}
			m.emit(s, k+1, parley.Date{Year: ref.Year() / 10 * 10, Precision: parley.PrecisionDecade}, false)
		default:
			return 0
		}
		return k + 1 - s
	case lxMonth, lxMonthAbbr:
		mo := m.val(k)
		if (mo == 3 || mo == 5 || mo == 8) && !upper(m.toks[k].Text) && k+1 < len(m.toks) &&
			m.toks[k+1].Kind != Punct && m.toks[k+1].Kind != Number {
			return 0 // "this may not be enough", "the last march of the season"
		}
		y := ref.Year()
		rm := int(ref.Month())
		switch {
		case dir < 0 && mo >= rm:
			y--
		case dir > 0 && mo <= rm:
			y++
		}
		d := parley.Date{Year: y, Month: mo, Precision: parley.PrecisionMonth, Part: p}
		m.emit(s, k+1, d, true)
		return k + 1 - s
	case lxWeekday:
		if p != "" {
			return 0
		}
		return m.weekday(k, s, dir)
	case lxDayPart:
		if dir < 0 && strings.EqualFold(m.toks[k].Text, "night") { // "last night"
			m.emit(s, k+1, dayDate(ref.AddDate(0, 0, -1)), false)
			return k + 1 - s
		}
		if dir == 0 && !strings.EqualFold(m.toks[k].Text, "night") { // "this morning"
			m.emit(s, k+1, dayDate(ref), false)
			return k + 1 - s
		}
	}
	return 0
}

// weekend returns the Saturday of the weekend before (dir -1), of (0) or
// after (1) the week of ref.
func weekend(ref time.Time, dir int) time.Time {
	wd := int(ref.Weekday())
	var sat time.Time
	switch wd {
	case 6:
		sat = ref
	case 0:
		sat = ref.AddDate(0, 0, -1)
	default:
		sat = ref.AddDate(0, 0, 6-wd) // the coming Saturday
	}
	switch {
	case dir < 0:
		return sat.AddDate(0, 0, -7)
	case dir > 0:
		return sat.AddDate(0, 0, 7)
	}
	return sat
}

// theWeekend matches "the weekend" after "over", "at", "during" or
// "on": the Saturday of the last weekend on or before publication, or of
// the next one in the future tense.
func (m *matcher) theWeekend(i int) int {
	if !m.hasRef || m.kind(i+1) != lxUnit || m.val(i+1) != unitWeekend || m.kind(i-1) != lxPrep {
		return 0
	}
	switch strings.ToLower(m.toks[i-1].Text) {
	case "over", "at", "during", "on":
	default:
		return 0
	}
	wd := int(m.ref.Weekday())
	d := m.ref.AddDate(0, 0, -((wd + 1) % 7))
	if m.futureAt(i, false) && wd != 6 && wd != 0 {
		d = m.ref.AddDate(0, 0, 6-wd)
	}
	m.emit(i, i+2, dayDate(d), false)
	return 2
}

// anaphoric matches "the previous day", "the following year", "the next
// month" at i ("the").
func (m *matcher) anaphoric(i int) int {
	dir := 0
	switch m.kind(i + 1) {
	case lxPrevious:
		dir = m.val(i + 1)
	case lxNext:
		if !strings.EqualFold(m.toks[i+1].Text, "next") {
			return 0 // "the coming months" is vague
		}
		dir = 1
	default:
		return 0
	}
	if m.kind(i+2) != lxUnit || strings.HasSuffix(m.toks[i+2].Text, "s") {
		return 0 // "the following days" is vague
	}
	last := m.ctx.Last
	switch m.val(i + 2) {
	case unitDay, unitWeek:
		step := 1
		if m.val(i+2) == unitWeek {
			step = 7
		}
		var anchor time.Time
		switch {
		case last.Precision == parley.PrecisionDay:
			anchor = last.Time()
		case dir < 0 && m.hasRef:
			anchor = m.ref
		default:
			return 0
		}
		m.emit(i, i+3, dayDate(anchor.AddDate(0, 0, dir*step)), false)
	case unitMonth:
		var y, mo int
		switch {
		case last.Precision >= parley.PrecisionMonth:
			y, mo = last.Year, last.Month
		case dir < 0 && m.hasRef:
			y, mo = m.ref.Year(), int(m.ref.Month())
		default:
			return 0
		}
		m.emit(i, i+3, monthDate(y, mo+dir), false)
	case unitYear:
		var y int
		switch {
		case m.ctx.year() != 0:
			y = m.ctx.year()
		case last.Precision >= parley.PrecisionYear:
			y = last.Year
		case dir < 0 && m.hasRef:
			y = m.ref.Year()
		default:
			return 0
		}
		m.emit(i, i+3, parley.Date{Year: y + dir, Precision: parley.PrecisionYear}, true)
	default:
		return 0
	}
	return 3
}

// weekday matches a weekday name at i (the expression starting at s; dir
// -1 after "last", 1 after "next"); a following explicit date ("Monday,
// March 5") gives the value instead.
func (m *matcher) weekday(i, s, dir int) int {
	if s == i && m.kind(i-1) == lxHoliday && m.toks[i-1].Text[0] >= 'A' && m.toks[i-1].Text[0] <= 'Z' {
		return 0 // "Good Friday", "Bloody Sunday"
	}
	j := i + 1
	if m.punct(j, ",") {
		j++
	}
	if ph, ok := m.monthPhraseAt(j); ok && ph.day > 0 {
		if n := m.months(j, true, "", s); n > 0 {
			return n
		}
	}
	if m.dayNum(j) > 0 {
		if n := m.dayMonth(j, true, "", s); n > 0 {
			return n
		}
	}
	if !m.hasRef {
		return 0
	}
	wd := m.val(i)
	rw := int(m.ref.Weekday())
	if k := m.kind(i + 1); (k == lxLast || k == lxThis || k == lxNext) && m.kind(i+2) == lxUnit && m.val(i+2) == unitWeek && dir == 0 {
		// "on saturday last week": that weekday in the week named.
		step := 0
		switch k {
		case lxLast:
			step = -7
		case lxNext:
			step = 7
		}
		monday := m.ref.AddDate(0, 0, -((rw + 6) % 7))
		m.emit(s, i+3, dayDate(monday.AddDate(0, 0, step+(wd+6)%7)), false)
		return i + 3 - s
	}
	back := (rw - wd + 7) % 7
	fwd := (wd - rw + 7) % 7
	var d time.Time
	switch {
	case dir < 0:
		if back == 0 {
			back = 7
		}
		d = m.ref.AddDate(0, 0, -back)
	case dir > 0:
		if fwd == 0 {
			fwd = 7
		}
		d = m.ref.AddDate(0, 0, fwd)
	case m.futureAt(s, m.deadlineBefore(s)):
		d = m.ref.AddDate(0, 0, fwd)
	default:
		d = m.ref.AddDate(0, 0, -back)
	}
	m.emit(s, i+1, dayDate(d), false)
	return i + 1 - s
}

// monthAt parses a month name at i: "December", "Dec.", "Sept". It returns
// the month and the number of tokens, or 0.
func (m *matcher) monthAt(i int) (int, int) {
	switch m.kind(i) {
	case lxMonth:
		return m.val(i), 1
	case lxMonthAbbr:
		if m.adjacent(i) && m.punct(i+1, ".") {
			return m.val(i), 2
		}
		if m.dayNum(i+1) > 0 || m.year(i+1) > 0 {
			if t := m.toks[i].Text; t[0] >= 'A' && t[0] <= 'Z' {
				return m.val(i), 1
			}
		}
	}
	return 0, 0
}

// monthPhrase is one month-based date in a sentence, before resolution.
type monthPhrase struct {
	s, e       int // tokens [s, e)
	year, mo   int
	day        int
	part       string
	yearGiven  bool
	numberNear bool // a day or year is part of the phrase
	deadline   bool // after "by", "until", "till": a deadline, usually ahead
}

// monthPhraseAt parses "December", "December 2012", "December, 2012",
// "March of 2012", "March 5", "March 5th, 2013", "Jan. 5" at i.
func (m *matcher) monthPhraseAt(i int) (monthPhrase, bool) {
	mo, n := m.monthAt(i)
	if n == 0 {
		return monthPhrase{}, false
	}
	ph := monthPhrase{s: i, e: i + n, mo: mo}
	j := i + n
	if d := m.dayNum(j); d > 0 && !m.countAfter(j) {
		ph.day = d
		ph.numberNear = true
		ph.e = j + 1
		k := j + 1
		if m.punct(k, ",") {
			k++
		}
		if y := m.year(k); y > 0 {
			ph.year, ph.yearGiven, ph.e = y, true, k+1
		} else {
			m.relativeYear(&ph)
		}
		return ph, true
	}
	k := j
	if m.punct(k, ",") || m.kind(k) == lxOf {
		k++
	}
	if y := m.year(k); y > 0 {
		ph.year, ph.yearGiven, ph.e, ph.numberNear = y, true, k+1, true
		return ph, true
	}
	m.relativeYear(&ph)
	return ph, true
}

// relativeYear extends a month phrase without a year by a relative one:
// "November last year", "May 25 last year", "March 12, this year", and
// the Indian English "November last" (the last November before
// publication).
func (m *matcher) relativeYear(ph *monthPhrase) {
	if !m.hasRef {
		return
	}
	k := ph.e
	if m.punct(k, ",") {
		k++
	}
	dir := 0
	switch m.kind(k) {
	case lxLast:
		dir = -1
	case lxNext:
		dir = 1
	case lxThis:
	default:
		return
	}
	ry := m.ref.Year()
	if m.kind(k+1) == lxUnit && m.val(k+1) == unitYear {
		ph.year, ph.yearGiven, ph.e, ph.numberNear = ry+dir, true, k+2, true
		return
	}
	if dir < 0 && k == ph.e && ph.day == 0 {
		switch m.kind(k + 1) {
		case lxUnit, lxMonth, lxMonthAbbr, lxWeekday, lxDayPart:
			return
		}
		y := ry
		if ph.mo >= int(m.ref.Month()) {
			y--
		}
		ph.year, ph.yearGiven, ph.e, ph.numberNear = y, true, k+1, true
	}
}

// monthOK reports whether the month name at i is a date: an unambiguous
// capitalised name, or one anchored by a preposition, a part prefix or a
// number ("in May", "May 5"), so that "Japan may respond", "a march in
// Delhi" and "the August assembly" are not dates.
func (m *matcher) monthOK(ph monthPhrase, anchored bool) bool {
	if ph.numberNear || anchored {
		return true
	}
	t := m.toks[ph.s].Text
	if t[0] < 'A' || t[0] > 'Z' {
		return false
	}
	// An all-capitals headline word ("MAY") is no evidence.
	if len(t) >= 2 && t[1] >= 'A' && t[1] <= 'Z' {
		return false
	}
	switch ph.mo {
	case 3, 5, 8:
		// A capitalised "March", "May", "August" after any preposition,
		// "of" or "and": "the first week of August", "on May".
		switch m.kind(ph.s - 1) {
		case lxPrep, lxOf, lxConj:
			return true
		}
		return false
	}
	return true
}

// months matches a month phrase at i and any list that follows it
// ("January and March 2012", "January, February and March"); the last
// year given applies to the months before it. s is where the expression
// starts (a part or weekday before i), p its part.
func (m *matcher) months(i int, anchored bool, p string, s int) int {
	ph, ok := m.monthPhraseAt(i)
	if !ok || !m.monthOK(ph, anchored) {
		return 0
	}
	ph.s = s
	ph.part = p
	ph.deadline = m.deadlineBefore(s)
	var group [12]monthPhrase
	group[0] = ph
	g := 1
	j := ph.e
	for g < len(group) {
		k := j
		if m.punct(k, ",") || (m.punct(k, "-") || m.punct(k, "–")) && m.adjacent(k-1) {
			k++
		}
		if m.kind(k) == lxConj {
			k++
		}
		if k == j {
			break
		}
		start := k
		np, nn := m.part(k)
		k += nn
		next, ok := m.monthPhraseAt(k)
		if !ok || !next.numberNear && !upper(m.toks[k].Text) {
			break // "in January and may meet again"
		}
		next.s = start
		next.part = np
		group[g] = next
		g++
		j = next.e
	}
	// The year given last applies to the phrases before it without one.
	y := 0
	for k := g - 1; k >= 0; k-- {
		if group[k].yearGiven {
			y = group[k].year
		} else if y != 0 {
			group[k].year = y
			group[k].yearGiven = true
		}
	}
	m.frameFrom = group[0].s
	for k := 0; k < g; k++ {
		m.resolveMonth(group[k])
	}
	m.frameFrom = -1
	return j - s
}

// resolveMonth resolves and emits one month phrase.
func (m *matcher) resolveMonth(ph monthPhrase) {
	y := ph.year
	setYear := ph.yearGiven
	if !ph.yearGiven {
		switch {
		case m.ctx.year() != 0:
			y = m.ctx.year()
			m.ctx.yearAt = m.ctx.n
		case !m.hasRef:
			return
		default:
			y = m.guessYear(ph.mo, ph.day, m.futureAt(ph.s, ph.deadline))
		}
	}
	if ph.day > 0 {
		if ph.day > daysIn(y, ph.mo) {
			return
		}
		m.emit(ph.s, ph.e, parley.Date{Year: y, Month: ph.mo, Day: ph.day, Precision: parley.PrecisionDay}, setYear)
		return
	}
	m.emit(ph.s, ph.e, parley.Date{Year: y, Month: ph.mo, Precision: parley.PrecisionMonth, Part: ph.part}, setYear)
}

// guessYear picks the year of a month (and day, when day > 0) without one,
// relative to the publication date: the latest one not after it, or a day
// up to 31 days after it, or in a future-tense sentence the first one on
// or after it (for a day: after the week before it).
func (m *matcher) guessYear(mo, day int, ahead bool) int {
	ry, rm, _ := m.ref.Date()
	if day == 0 {
		switch {
		case ahead && mo < int(rm):
			return ry + 1
		case !ahead && mo > int(rm):
			return ry - 1
		}
		return ry
	}
	const dayLen = 24 * time.Hour
	var past, future int // candidate years
	for y := ry - 1; y <= ry+1; y++ {
		if day > daysIn(y, mo) {
			continue
		}
		c := time.Date(y, time.Month(mo), day, 0, 0, 0, 0, time.UTC)
		if ahead {
			if future == 0 && !c.Before(m.ref.Add(-7*dayLen)) {
				future = y
			}
			continue
		}
		if !c.After(m.ref) {
			past = y
		} else if future == 0 && c.Sub(m.ref) <= 31*dayLen {
			future = y
		}
	}
	switch {
	case future != 0:
		return future
	case past != 0:
		return past
	}
	return ry // an impossible day; the caller rejects it
}

// dayMonth matches "5 March", "5th of March", "5 March 2013", "the 5th of
// March" at i (a day number).
func (m *matcher) dayMonth(i int, anchored bool, p string, s int) int {
	d := m.dayNum(i)
	if d == 0 {
		return 0
	}
	j := i + 1
	if m.kind(j) == lxOf && m.toks[i].Kind == Alnum {
		j++
	}
	mo, n := m.monthAt(j)
	if n == 0 && m.kind(j) == lxMonthAbbr && upper(m.toks[j].Text) {
		mo, n = m.val(j), 1 // "25 Dec"
	}
	if n == 0 {
		return 0
	}
	ph := monthPhrase{s: s, e: j + n, mo: mo, day: d, numberNear: true}
	k := j + n
	if m.punct(k, ",") {
		k++
	}
	if y := m.year(k); y > 0 {
		ph.year, ph.yearGiven, ph.e = y, true, k+1
	}
	if s == i && m.kind(i-1) == lxThe {
		ph.s = i - 1 // "the 5th of March"
	}
	ph.deadline = m.deadlineBefore(ph.s)
	m.resolveMonth(ph)
	return ph.e - s
}

// iso matches "2013-03-05" and "2013-03" at i.
func (m *matcher) iso(i int) int {
	y, n := m.number(i)
	if n != 4 || y < 1000 || y > 2099 || !m.adjacent(i) || !m.punct(i+1, "-") || !m.adjacent(i+1) {
		return 0
	}
	mo, mn := m.number(i + 2)
	if mn != 2 {
		return 0
	}
	if mo == (y+1)%100 && !(m.adjacent(i+2) && m.punct(i+3, "-")) {
		// "2002-03": a fiscal or season year, from 2002.
		m.emit(i, i+3, parley.Date{Year: y, Precision: parley.PrecisionYear}, false)
		return 3
	}
	if mo < 1 || mo > 12 {
		return 0
	}
	if m.adjacent(i+2) && m.punct(i+3, "-") && m.adjacent(i+3) {
		d, dn := m.number(i + 4)
		if dn != 2 || d < 1 || d > daysIn(y, mo) {
			return 0
		}
		m.emit(i, i+5, parley.Date{Year: y, Month: mo, Day: d, Precision: parley.PrecisionDay}, true)
		return 5
	}
	m.emit(i, i+3, parley.Date{Year: y, Month: mo, Precision: parley.PrecisionMonth}, true)
	return 3
}

// ago matches "two days ago", "3 years ago", "a week ago" at i.
func (m *matcher) ago(i int) int {
	if m.kind(i+1) != lxUnit || m.kind(i+2) != lxAgo && m.kind(i+2) != lxEarlier {
		return 0
	}
	if m.kind(i+2) == lxEarlier {
		return m.later(i)
	}
	if !m.hasRef {
		return 0
	}
	var n int
	if m.kind(i) == lxNumWord {
		n = m.val(i)
	} else {
		v, digits := m.number(i)
		if digits == 0 || digits > 3 {
			return 0
		}
		n = v
	}
	ref := m.ref
	switch m.val(i + 1) {
	case unitDay:
		m.emit(i, i+3, dayDate(ref.AddDate(0, 0, -n)), false)
	case unitWeek:
		m.emit(i, i+3, dayDate(ref.AddDate(0, 0, -7*n)), false)
	case unitMonth:
		m.emit(i, i+3, monthDate(ref.Year(), int(ref.Month())-n), false)
	case unitYear:
		m.emit(i, i+3, parley.Date{Year: ref.Year() - n, Precision: parley.PrecisionYear}, true)
	case unitDecade:
		m.emit(i, i+3, parley.Date{Year: (ref.Year() - 10*n) / 10 * 10, Precision: parley.PrecisionDecade}, false)
	default:
		return 0
	}
	return 3
}

// later matches "two days later", "a year earlier" at i: counted from
// the last date of the story (ctx.Last, or the running year), at least as
// precise as the unit; without one it matches nothing.
func (m *matcher) later(i int) int {
	var n int
	if m.kind(i) == lxNumWord {
		n = m.val(i)
	} else {
		v, digits := m.number(i)
		if digits == 0 || digits > 3 {
			return 0
		}
		n = v
	}
	n *= m.val(i + 2) // earlier -1, later +1
	last := m.ctx.Last
	switch m.val(i + 1) {
	case unitDay, unitWeek:
		if last.Precision != parley.PrecisionDay {
			return 0
		}
		if m.val(i+1) == unitWeek {
			n *= 7
		}
		m.emit(i, i+3, dayDate(last.Time().AddDate(0, 0, n)), false)
	case unitMonth:
		if last.Precision < parley.PrecisionMonth {
			return 0
		}
		m.emit(i, i+3, monthDate(last.Year, last.Month+n), false)
	case unitYear:
		y := m.ctx.year()
		if y == 0 {
			if last.Precision < parley.PrecisionYear {
				return 0
			}
			y = last.Year
		}
		m.emit(i, i+3, parley.Date{Year: y + n, Precision: parley.PrecisionYear}, true)
	default:
		return 0
	}
	return 3
}

// decade matches "1990s", "1990's", "'90s" at i (the expression starting
// at s, with part p) and returns the tokens consumed from i.
func (m *matcher) decade(i, s int, p string) int {
	if i < 0 || i >= len(m.toks) {
		return 0
	}
	t := m.toks[i]
	y, n := 0, 0
	switch t.Kind {
	case Alnum:
		// "1990s"
		if len(t.Text) == 5 && (t.Text[4] == 's' || t.Text[4] == 'S') {
			v, ok := atoi4(t.Text[:4])
			if ok && v%10 == 0 && v >= 1000 {
				y, n = v, 1
			}
		}
	case Number:
		// "1990's"
		v, digits := m.number(i)
		if digits == 4 && v%10 == 0 && v >= 1000 && m.adjacent(i) && i+1 < len(m.toks) &&
			(m.toks[i+1].Text == "'s" || m.toks[i+1].Text == "’s") {
			y, n = v, 2
		}
	case Punct:
		// "'90s"
		if m.adjacent(i) && i+1 < len(m.toks) && m.toks[i+1].Kind == Alnum {
			u := m.toks[i+1].Text
			if len(u) == 3 && isDigit(u[0]) && u[1] == '0' && (u[2] == 's' || u[2] == 'S') {
				tens := int(u[0]-'0') * 10
				ry := 2030
				if m.hasRef {
					ry = m.ref.Year()
				}
				y = 1900 + tens
				if 2000+tens <= ry {
					y = 2000 + tens
				}
				n = 2
			}
		}
	}
	if n == 0 {
		return 0
	}
	m.emit(s, i+n, parley.Date{Year: y, Precision: parley.PrecisionDecade, Part: p}, false)
	return i + n - s
}

func atoi4(s string) (int, bool) {
	v := 0
	for k := 0; k < len(s); k++ {
		if !isDigit(s[k]) {
			return 0, false
		}
		v = v*10 + int(s[k]-'0')
	}
	return v, true
}

// bareYear matches a year on its own ("in 2012", "The year 2012
// witnessed", "2012 was") when the words around it make it one: not
// "$2012 million", "2,012 people", "Resolution 2012" or "2012 people".
func (m *matcher) bareYear(i int) int {
	y := m.year(i)
	if y == 0 || m.countAfter(i) {
		return 0
	}
	if m.adjacent(i) && (m.punct(i+1, "-") || m.punct(i+1, "–") || m.punct(i+1, "/") || m.punct(i+1, ":")) && i+2 < len(m.toks) && m.toks[i+2].Kind == Number {
		if _, n := m.number(i + 2); n != 4 {
			return 0 // "2012-13", "2012/3", a phone number or a time
		}
	}
	ok, frame, weak := false, false, false
	switch m.kind(i - 1) {
	case lxGuard:
		return 0
	case lxPrep, lxPart, lxEdge:
		ok, frame = true, true
	case lxConj:
		ok, frame, weak = true, true, m.year(i-2) == 0 // "between 2008 and 2010 talks"
	case lxOf, lxThe:
		ok = true // "the end of 2012" is matched elsewhere; "the 2012 elections", "order of 1994"
	case lxUnit:
		ok = m.val(i-1) == unitYear // "the year 2012"
		frame = ok
	case lxNone:
		switch {
		case i == 0:
			ok, frame, weak = true, true, true
		case m.toks[i-1].Kind == Punct:
			switch m.toks[i-1].Text {
			case ",", "(", ";", "-", "–", "—", "[":
				ok, weak = true, true
			}
		default:
			// "fiscal 2012", "spring 2012", "Vision 2030"
			switch strings.ToLower(m.toks[i-1].Text) {
			case "fiscal", "spring", "summer", "autumn", "fall", "winter", "vision", "agenda", "circa", "c", "year's", "calendar":
				ok = true
			}
		}
	}
	if !ok || y < 1800 && m.kind(i-1) != lxUnit && m.kind(i-1) != lxPrep {
		return 0
	}
	if weak && m.pluralAfter(i) {
		return 0 // "2459 houses, 2082 shops"
	}
	// Only a year that frames the sentence ("In 2012, ...", "2012 was")
	// becomes the running year; one that names a thing ("the 1992 riots",
	// "the order of 1994") does not.
	m.emit(i, i+1, parley.Date{Year: y, Precision: parley.PrecisionYear}, frame)
	return 1
}

// pluralAfter reports whether a lower-case plural noun follows token i
// ("2082 shops"), which makes the number a count.
func (m *matcher) pluralAfter(i int) bool {
	if i+1 >= len(m.toks) || m.toks[i+1].Kind != Word {
		return false
	}
	w := m.toks[i+1].Text
	if len(w) < 4 || w[0] < 'a' || w[0] > 'z' || w[len(w)-1] != 's' {
		return false
	}
	switch w {
	case "was", "has", "marks", "sees", "brings", "begins", "ends", "looks", "seems", "promises", "remains":
		return false
	}
	return true
}

func dayDate(t time.Time) parley.Date {
	return parley.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day(), Precision: parley.PrecisionDay}
}

// monthDate returns the month mo of year y at month precision, carrying
// months outside 1-12 into the years before or after.
func monthDate(y, mo int) parley.Date {
	for mo < 1 {
		mo += 12
		y--
	}
	for mo > 12 {
		mo -= 12
		y++
	}
	return parley.Date{Year: y, Month: mo, Precision: parley.PrecisionMonth}
}

func daysIn(y, mo int) int {
	switch mo {
	case 4, 6, 9, 11:
		return 30
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	}
	return 31
}

// upper reports whether s starts with an ASCII capital letter.
func upper(s string) bool { return s != "" && s[0] >= 'A' && s[0] <= 'Z' }
