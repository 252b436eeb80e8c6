package ingest

import (
	"strconv"
	"strings"
	"time"
)

// ParsePublished parses a publication date or time as news sites and
// corpora write it:
//
//	2013-01-22, 2013-1-22, 2013/01/22, 20130122
//	2013-1-22 22:53:06, 2013-01-22T22:53:06Z, 2013-01-22T22:53:06+08:00 (RFC 3339)
//	Tue, 22 Jan 2013 22:53:06 GMT (RFC 1123), with a numeric zone too
//	22 January 2013, January 22, 2013, Jan. 22, 2013, Tuesday, January 22nd, 2013
//	January 22, 2013 10:53 PM, 22 Jan 2013 22:53 UTC
//	01/22/2013 and 22/01/2013 when the day is above 12 (the order is unambiguous)
//
// A time without a zone is read as UTC; a numeric zone is kept. It reports
// false for anything else, for impossible dates (2013-02-30) and for years
// outside 1800-2200. It does not allocate for the ISO forms.
func ParsePublished(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	if t, ok := parseISO(s); ok {
		return t, true
	}
	return parseWords(s)
}

// parseISO reads Y-M-D or Y/M/D or YYYYMMDD with an optional time and zone.
func parseISO(s string) (time.Time, bool) {
	p := scanner{s: s}
	y, n := p.num()
	if n == 8 && p.done() { // 20130122
		return mkdate(y/10000, y/100%100, y%100, 0, 0, 0, 0, time.UTC)
	}
	if n != 4 {
		return time.Time{}, false
	}
	sep := p.peek()
	if sep != '-' && sep != '/' && sep != '.' {
		return time.Time{}, false
	}
	p.i++
	mo, n := p.num()
	if n < 1 || n > 2 || p.peek() != sep {
		return time.Time{}, false
	}
	p.i++
	d, n := p.num()
	if n < 1 || n > 2 {
		return time.Time{}, false
	}
	if p.done() {
		return mkdate(y, mo, d, 0, 0, 0, 0, time.UTC)
	}
	c := p.peek()
	if c != 'T' && c != 't' && c != ' ' {
		return time.Time{}, false
	}
	p.i++
	p.spaces()
	h, mi, sec, nsec, ok := p.clock()
	if !ok {
		return time.Time{}, false
	}
	p.spaces()
	loc, ok := p.zone()
	if !ok {
		return time.Time{}, false
	}
	p.spaces()
	if !p.done() {
		return time.Time{}, false
	}
	return mkdate(y, mo, d, h, mi, sec, nsec, loc)
}

// scanner walks a date string byte by byte.
type scanner struct {
	s string
	i int
}

func (p *scanner) done() bool { return p.i >= len(p.s) }

func (p *scanner) peek() byte {
	if p.i < len(p.s) {
		return p.s[p.i]
	}
	return 0
}

func (p *scanner) spaces() {
	for p.i < len(p.s) && p.s[p.i] == ' ' {
		p.i++
	}
}

// num reads up to 9 digits and returns their value and count.
func (p *scanner) num() (v, n int) {
	for p.i < len(p.s) && n < 9 && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
		v = v*10 + int(p.s[p.i]-'0')
		p.i++
		n++
	}
	return v, n
}

// clock reads H:MM[:SS[.frac]] with an optional am/pm.
func (p *scanner) clock() (h, mi, sec, nsec int, ok bool) {
	h, n := p.num()
	if n < 1 || n > 2 || p.peek() != ':' {
		return 0, 0, 0, 0, false
	}
	p.i++
	mi, n = p.num()
	if n != 2 {
		return 0, 0, 0, 0, false
	}
	if p.peek() == ':' {
		p.i++
		sec, n = p.num()
		if n != 2 {
			return 0, 0, 0, 0, false
		}
		if c := p.peek(); c == '.' || c == ',' {
			p.i++
			start := p.i
			f, n := p.num()
			if n == 0 {
				return 0, 0, 0, 0, false
			}
			for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' { // more than 9 digits
				p.i++
			}
			n = min(n, p.i-start)
			for ; n < 9; n++ {
				f *= 10
			}
			nsec = f
		}
	}
	save := p.i
	p.spaces()
	if p.i+2 <= len(p.s) {
		switch strings.ToLower(p.s[p.i : p.i+2]) {
		case "am", "pm":
			if h < 1 || h > 12 || (p.i+2 < len(p.s) && isLetter(p.s[p.i+2])) {
				return 0, 0, 0, 0, false
			}
			if strings.EqualFold(p.s[p.i:p.i+2], "pm") && h != 12 {
				h += 12
			} else if strings.EqualFold(p.s[p.i:p.i+2], "am") && h == 12 {
				h = 0
			}
			p.i += 2
			return h, mi, sec, nsec, true
		}
	}
	p.i = save
	return h, mi, sec, nsec, true
}

// zone reads Z, +hh:mm, +hhmm, +hh, or a zone name (UTC, GMT and a few
// common abbreviations), or nothing (UTC).
func (p *scanner) zone() (*time.Location, bool) {
	if p.done() {
		return time.UTC, true
	}
	c := p.peek()
	if c == 'Z' || c == 'z' {
		p.i++
		return time.UTC, true
	}
	if c == '+' || c == '-' {
		sign := 1
		if c == '-' {
			sign = -1
		}
		p.i++
		start := p.i
		hh, n := p.num()
		var mm int
		switch {
		case n == 4:
			hh, mm = hh/100, hh%100
		case n == 2 && p.peek() == ':':
			p.i++
			var n2 int
			mm, n2 = p.num()
			if n2 != 2 {
				return nil, false
			}
		case n == 2 || n == 1:
		default:
			p.i = start
			return nil, false
		}
		if hh > 14 || mm > 59 {
			return nil, false
		}
		off := sign * (hh*3600 + mm*60)
		if off == 0 {
			return time.UTC, true
		}
		return time.FixedZone("", off), true
	}
	start := p.i
	for p.i < len(p.s) && isLetter(p.s[p.i]) {
		p.i++
	}
	name := p.s[start:p.i]
	off, ok := zoneOffset(name)
	if !ok {
		p.i = start
		return nil, false
	}
	// "GMT+8", "UTC+05:30"
	if c := p.peek(); c == '+' || c == '-' {
		return p.zone()
	}
	if off == 0 {
		return time.UTC, true
	}
	return time.FixedZone(strings.ToUpper(name), off), true
}

func zoneOffset(name string) (int, bool) {
	switch strings.ToUpper(name) {
	case "UTC", "GMT", "UT", "Z":
		return 0, true
	case "EST":
		return -5 * 3600, true
	case "EDT":
		return -4 * 3600, true
	case "CST":
		return -6 * 3600, true
	case "CDT":
		return -5 * 3600, true
	case "MST":
		return -7 * 3600, true
	case "MDT":
		return -6 * 3600, true
	case "PST":
		return -8 * 3600, true
	case "PDT":
		return -7 * 3600, true
	case "BST", "CET":
		return 3600, true
	case "CEST":
		return 2 * 3600, true
	case "IST":
		return 5*3600 + 1800, true
	case "JST", "KST":
		return 9 * 3600, true
	}
	return 0, false
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }

// parseWords reads dates with a month name, RFC 1123 and numeric d/m/y or
// m/d/y when unambiguous: the string is cut into words and numbers, and
// each piece must be understood.
func parseWords(s string) (time.Time, bool) {
	var (
		year, month, day = -1, -1, -1
		h, mi, sec, nsec int
		haveClock        bool
		loc              = time.UTC
		haveZone         bool
		nums             [3]int // a purely numeric date: its parts
		nnums            int
	)
	p := scanner{s: s}
	for !p.done() {
		c := p.peek()
		switch {
		case c == ' ' || c == ',' || c == '.' || c == '\t':
			p.i++
		case c == '-' && (haveClock || year < 0):
			// "22-Jan-2013" separators; a '-' after a clock is a zone.
			if haveClock && !haveZone {
				z, ok := p.zone()
				if !ok {
					return time.Time{}, false
				}
				loc, haveZone = z, true
				continue
			}
			p.i++
		case c == '+':
			if !haveClock || haveZone {
				return time.Time{}, false
			}
			z, ok := p.zone()
			if !ok {
				return time.Time{}, false
			}
			loc, haveZone = z, true
		case isDigit(c):
			start := p.i
			v, n := p.num()
			if p.peek() == ':' { // a clock
				if haveClock {
					return time.Time{}, false
				}
				p.i = start
				var ok bool
				h, mi, sec, nsec, ok = p.clock()
				if !ok {
					return time.Time{}, false
				}
				haveClock = true
				continue
			}
			if c := p.peek(); c == '/' || (c == '-' && month < 0 && p.i+1 < len(p.s) && isDigit(p.s[p.i+1])) {
				// numeric date d/m/y, m/d/y or y/m/d pieces
				if nnums >= 2 {
					return time.Time{}, false
				}
				nums[nnums] = v
				nnums++
				p.i++
				continue
			}
			if nnums > 0 { // the last piece of a numeric date
				if nnums != 2 {
					return time.Time{}, false
				}
				nums[2] = v
				nnums = 3
				if !numericDate(nums, &year, &month, &day) {
					return time.Time{}, false
				}
				continue
			}
			// ordinal suffix: 22nd, 1st, 3rd, 4th
			if p.i+2 <= len(p.s) {
				switch strings.ToLower(p.s[p.i : p.i+2]) {
				case "st", "nd", "rd", "th":
					if p.i+2 == len(p.s) || !isLetter(p.s[p.i+2]) {
						p.i += 2
					}
				}
			}
			if p.i < len(p.s) && isLetter(p.s[p.i]) {
				return time.Time{}, false
			}
			switch {
			case n == 4 && year < 0:
				year = v
			case n <= 2 && day < 0:
				day = v
			default:
				return time.Time{}, false
			}
		case isLetter(c):
			start := p.i
			for p.i < len(p.s) && isLetter(p.s[p.i]) {
				p.i++
			}
			w := p.s[start:p.i]
			if m := monthNumber(w); m > 0 {
				if month >= 0 {
					return time.Time{}, false
				}
				month = m
				continue
			}
			if isWeekday(w) || isFiller(w) {
				continue
			}
			if haveClock && !haveZone {
				p.i = start
				z, ok := p.zone()
				if !ok {
					return time.Time{}, false
				}
				loc, haveZone = z, true
				continue
			}
			return time.Time{}, false
		case c == '(' || c == ')':
			p.i++
		default:
			return time.Time{}, false
		}
	}
	if nnums != 0 && nnums != 3 {
		return time.Time{}, false
	}
	if year < 0 || month < 0 || day < 0 {
		return time.Time{}, false
	}
	return mkdate(year, month, day, h, mi, sec, nsec, loc)
}

// numericDate resolves three numbers into y/m/d, d/m/y or m/d/y; day and
// month are accepted only when their order is unambiguous.
func numericDate(n [3]int, year, month, day *int) bool {
	if *year >= 0 || *month >= 0 || *day >= 0 {
		return false
	}
	switch {
	case n[0] >= 1000: // y/m/d
		*year, *month, *day = n[0], n[1], n[2]
	case n[2] >= 1000:
		*year = n[2]
		switch {
		case n[0] > 12 && n[1] <= 12:
			*day, *month = n[0], n[1]
		case n[1] > 12 && n[0] <= 12:
			*month, *day = n[0], n[1]
		case n[0] == n[1]:
			*month, *day = n[0], n[1]
		default:
			return false // 03/04/2013: ambiguous
		}
	default:
		return false
	}
	return true
}

var monthNames = [...]string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}

// monthNumber returns 1-12 for a month name or its abbreviation (Jan,
// Sept), else 0.
func monthNumber(w string) int {
	if len(w) < 3 || len(w) > 9 {
		return 0
	}
	var b [9]byte
	for i := 0; i < len(w); i++ {
		b[i] = w[i] | 0x20
	}
	lw := string(b[:len(w)])
	for i, m := range monthNames {
		if lw == m || (len(lw) == 3 && lw == m[:3]) || (lw == "sept" && i == 8) {
			return i + 1
		}
	}
	return 0
}

func isWeekday(w string) bool {
	lw := strings.ToLower(w)
	for _, d := range [...]string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"} {
		if lw == d || lw == d[:3] || (len(lw) == 4 && lw == d[:4]) {
			return true
		}
	}
	return false
}

func isFiller(w string) bool {
	switch strings.ToLower(w) {
	case "at", "on", "of", "the":
		return true
	}
	return false
}

// mkdate builds a time, rejecting impossible fields instead of normalising
// them as time.Date would.
func mkdate(y, mo, d, h, mi, sec, nsec int, loc *time.Location) (time.Time, bool) {
	if y < 1800 || y > 2200 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 60 {
		return time.Time{}, false
	}
	if d > daysIn(time.Month(mo), y) {
		return time.Time{}, false
	}
	if sec == 60 {
		sec = 59 // leap second: keep the day right
	}
	return time.Date(y, time.Month(mo), d, h, mi, sec, nsec, loc), true
}

func daysIn(m time.Month, y int) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// unixTime reads a number of seconds (or milliseconds) since 1970 as
// corpora sometimes store publication times.
func unixTime(s string) (time.Time, bool) {
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil || v <= 0 {
		return time.Time{}, false
	}
	switch {
	case v >= 1e11 && v < 1e14: // milliseconds
		return time.UnixMilli(v).UTC(), true
	case v >= 1e8 && v < 1e11:
		return time.Unix(v, 0).UTC(), true
	}
	return time.Time{}, false
}
