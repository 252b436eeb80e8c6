package dict

import (
	"strconv"
	"strings"
)

// Actor is one actor dictionary entry: its names (the first is the entry's
// name, the others its "+" synonyms), each as upper-case words, and its
// codes, some restricted to dates.
//
//	GOLLUM
//	+SMEAGOL
//		[HOB <950601]
//		[HOBGOV 19950601-19990815]
//		[HOBREB >990816]
type Actor struct {
	Names [][]string
	Codes []DatedCode
	Line  int // line of the first name
}

// Name is the entry's name as written, words joined by "_".
func (a *Actor) Name() string {
	if len(a.Names) == 0 {
		return ""
	}
	return strings.Join(a.Names[0], "_")
}

// DatedCode is an actor code valid from From to To (YYYYMMDD, inclusive);
// zero means open. A code with both zero is the default.
type DatedCode struct {
	Code     string
	From, To int
}

// Dated reports whether c carries a date restriction.
func (c DatedCode) Dated() bool { return c.From != 0 || c.To != 0 }

// Covers reports whether date (YYYYMMDD) is within c's restriction.
func (c DatedCode) Covers(date int) bool {
	return (c.From == 0 || date >= c.From) && (c.To == 0 || date <= c.To)
}

// CodeOn returns the actor's code on date (YYYYMMDD; 0 when unknown): the
// first dated code that covers the date, else the first undated code, else
// "" (the actor has no code then). With an unknown date, the undated code,
// else the last dated one, is used.
func (a *Actor) CodeOn(date int) string {
	var def string
	for _, c := range a.Codes {
		if !c.Dated() {
			if def == "" {
				def = c.Code
			}
			continue
		}
		if date != 0 && c.Covers(date) {
			return c.Code
		}
	}
	if def != "" || date != 0 {
		return def
	}
	if n := len(a.Codes); n > 0 {
		return a.Codes[n-1].Code
	}
	return ""
}

func parseActors(b []byte, errs *errorList) []Actor {
	var out []Actor
	var cur *Actor
	flush := func(n int) {
		if cur == nil {
			return
		}
		if len(cur.Codes) == 0 {
			errs.add(cur.Line, "actor %s has no code", cur.Name())
		} else {
			out = append(out, *cur)
		}
		cur = nil
	}
	lines(b, func(n int, raw, line string) {
		t := strings.TrimSpace(line)
		if t == "" {
			return
		}
		indented := len(line) > 0 && (line[0] == ' ' || line[0] == '\t')
		switch {
		case t[0] == '[' && (indented || cur != nil):
			if cur == nil {
				errs.add(n, "code %s without an actor name before it", t)
				return
			}
			codes, ok := parseCodes(t, n, errs)
			if ok {
				cur.Codes = append(cur.Codes, codes...)
			}
		case t[0] == '+':
			if cur == nil {
				errs.add(n, "synonym %s without an actor before it", t)
				return
			}
			name, rest := splitCodes(t[1:])
			w := words(name)
			if len(w) == 0 {
				errs.add(n, "empty synonym")
				return
			}
			cur.Names = append(cur.Names, w)
			if rest != "" {
				if codes, ok := parseCodes(rest, n, errs); ok {
					cur.Codes = append(cur.Codes, codes...)
				}
			}
		default:
			name, rest := splitCodes(t)
			w := words(name)
			if len(w) == 0 {
				errs.add(n, "cannot read %q", t)
				return
			}
			if cur != nil && len(cur.Codes) > 0 {
				flush(n)
			}
			if cur == nil {
				cur = &Actor{Line: n}
			}
			// A name without a code of its own joins the names before the
			// next code (PETRARCH's reading of stacked names).
			cur.Names = append(cur.Names, w)
			if rest != "" {
				if codes, ok := parseCodes(rest, n, errs); ok {
					cur.Codes = append(cur.Codes, codes...)
				}
			}
		}
	})
	flush(0)
	return out
}

// splitCodes splits "NAME [CODE] [CODE2]" into the name and the codes part.
func splitCodes(s string) (name, codes string) {
	i := strings.IndexByte(s, '[')
	if i < 0 {
		return strings.TrimSpace(s), ""
	}
	return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i:])
}

// parseCodes reads one or more "[CODE dates]" groups.
func parseCodes(s string, n int, errs *errorList) ([]DatedCode, bool) {
	var out []DatedCode
	for {
		s = strings.TrimSpace(s)
		if s == "" {
			break
		}
		if s[0] != '[' {
			errs.add(n, "unexpected %q after the codes", s)
			return out, len(out) > 0
		}
		j := strings.IndexByte(s, ']')
		if j < 0 {
			errs.add(n, "unclosed code %q", s)
			return out, len(out) > 0
		}
		c, err := parseDatedCode(s[1:j])
		if err != "" {
			errs.add(n, "%s", err)
		} else {
			out = append(out, c...)
		}
		s = s[j+1:]
	}
	return out, len(out) > 0
}

// parseDatedCode reads "HOBGOV 19950601-19990815", "HOB <950601",
// "HOBREB >990816", "ZBW". A code with "/" ("FRO/BIL/SAM") gives one
// DatedCode per part, which the coder reads as a compound actor.
func parseDatedCode(s string) ([]DatedCode, string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, "empty code []"
	}
	code := s
	rest := ""
	if i := strings.IndexAny(s, " \t<>"); i >= 0 {
		code, rest = s[:i], strings.TrimSpace(s[i:])
	}
	code = strings.ToUpper(code)
	if !validCode(code) {
		return nil, "bad actor code " + strconv.Quote(code)
	}
	var from, to int
	if rest != "" {
		var ok bool
		from, to, ok = parseRestriction(rest)
		if !ok {
			return nil, "bad date restriction " + strconv.Quote(rest) + " (want <DATE, >DATE or DATE-DATE, dates YYMMDD or YYYYMMDD)"
		}
	}
	var out []DatedCode
	for _, c := range strings.Split(code, "/") {
		if c == "" {
			return nil, "bad actor code " + strconv.Quote(code)
		}
		out = append(out, DatedCode{Code: c, From: from, To: to})
	}
	return out, ""
}

func validCode(c string) bool {
	if c == "" {
		return false
	}
	letters := 0
	for i := 0; i < len(c); i++ {
		ch := c[i]
		switch {
		case ch >= 'A' && ch <= 'Z':
			letters++
		case ch >= '0' && ch <= '9', ch == '-', ch == '+', ch == '#', ch == '/', ch == '~':
		default:
			return false
		}
	}
	// A code is letters (or a placeholder such as --- or +++); a date
	// mistakenly written as a code ("950601-990815") is not one.
	return letters > 0 || strings.Trim(c, "-+#/") == ""
}

func parseRestriction(s string) (from, to int, ok bool) {
	s = strings.ReplaceAll(s, " ", "")
	switch {
	case strings.HasPrefix(s, "<"):
		d, ok := parseDictDate(s[1:])
		if !ok {
			return 0, 0, false
		}
		// "<D": valid before D.
		return 0, dayBefore(d), true
	case strings.HasPrefix(s, ">"):
		d, ok := parseDictDate(s[1:])
		return d, 0, ok
	}
	i := strings.IndexByte(s, '-')
	if i < 0 {
		return 0, 0, false
	}
	a, ok1 := parseDictDate(s[:i])
	b, ok2 := parseDictDate(s[i+1:])
	if !ok1 || !ok2 || b < a {
		return 0, 0, false
	}
	return a, b, true
}

// parseDictDate reads YYYYMMDD or YYMMDD (years before 30 are 20YY).
func parseDictDate(s string) (int, bool) {
	if len(s) != 6 && len(s) != 8 {
		return 0, false
	}
	v, err := strconv.Atoi(s)
	if err != nil || v < 0 {
		return 0, false
	}
	if len(s) == 6 {
		yy := v / 10000
		if yy < 30 {
			v += 20000000
		} else {
			v += 19000000
		}
	}
	m, d := v/100%100, v%100
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return 0, false
	}
	return v, true
}

// dayBefore returns the YYYYMMDD date before d, roughly (day 0 is fine for
// comparisons).
func dayBefore(d int) int { return d - 1 }
