// Package source reads the compact sources from which parley's built-in
// actor dictionaries are generated (see internal/gen/actorgen), so that the
// generator and the tests share one reading of them.
package source

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Country is one line of countries.src.
type Country struct {
	ISO        string
	Names      []string            // names and short forms; Names[0] is the main name
	Adjectives []string            // demonyms and adjectives
	Seats      []string            // capitals and seats of government (ISO+GOV)
	Other      map[string][]string // role -> seats coded ISO+role (LEG, MIL, ...)
	Line       int
}

// ParseCountries reads countries.src.
func ParseCountries(data []byte) ([]Country, error) {
	var out []Country
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "|")
		if len(f) != 5 {
			return nil, fmt.Errorf("countries.src:%d: %d fields, want 5", i+1, len(f))
		}
		c := Country{ISO: strings.TrimSpace(f[0]), Names: list(f[1]), Adjectives: list(f[2]), Seats: list(f[3]), Other: map[string][]string{}, Line: i + 1}
		if len(c.ISO) != 3 || len(c.Names) == 0 {
			return nil, fmt.Errorf("countries.src:%d: bad code %q or no name", i+1, c.ISO)
		}
		role := ""
		for _, item := range list(f[4]) {
			if r, name, ok := strings.Cut(item, "="); ok && len(r) == 3 {
				role, item = r, name
			}
			if role == "" {
				return nil, fmt.Errorf("countries.src:%d: %q has no ROLE= before it", i+1, item)
			}
			c.Other[role] = append(c.Other[role], strings.TrimSpace(item))
		}
		out = append(out, c)
	}
	return out, nil
}

// Term is one term of office.
type Term struct {
	Office string // e.g. JPN.HOG
	Code   string // the actor code during the term, e.g. JPNGOV
	Start  string // YYYY-MM-DD
	End    string // YYYY-MM-DD, or "" while in office
	Line   int
}

// StartTime and EndTime parse the term's dates; EndTime is the zero time
// for a term still running.
func (t Term) StartTime() time.Time { d, _ := time.Parse(time.DateOnly, t.Start); return d }
func (t Term) EndTime() time.Time   { d, _ := time.Parse(time.DateOnly, t.End); return d }

// Person is everyone with one canonical name in people.src.
type Person struct {
	Names       []string // Names[0] is canonical
	Nationality string   // ISO code used for ELI outside the terms
	Terms       []Term
}

// Offices lists the person's offices, in order of first term.
func (p Person) Offices() []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range p.Terms {
		if !seen[t.Office] {
			seen[t.Office] = true
			out = append(out, t.Office)
		}
	}
	return out
}

// ParsePeople reads people.src. Lines are
//
//	OFFICE | CODE | START | END | NAME; NAME ... [| NATIONALITY]
//
// START and END are YYYY-MM-DD or YYYY-MM (the first and the last day of
// the month); END is empty while the term runs. A later line with the same
// first name adds a term (and names) to the same person.
func ParsePeople(data []byte) ([]Person, error) {
	var out []Person
	index := map[string]int{}
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "|")
		if len(f) != 5 && len(f) != 6 {
			return nil, fmt.Errorf("people.src:%d: %d fields, want 5 or 6", i+1, len(f))
		}
		t := Term{Office: strings.TrimSpace(f[0]), Code: strings.TrimSpace(f[1]), Line: i + 1}
		var err error
		if t.Start, err = day(f[2], false); err != nil || t.Start == "" {
			return nil, fmt.Errorf("people.src:%d: start %q: bad date", i+1, strings.TrimSpace(f[2]))
		}
		if t.End, err = day(f[3], true); err != nil {
			return nil, fmt.Errorf("people.src:%d: end %q: bad date", i+1, strings.TrimSpace(f[3]))
		}
		if t.End != "" && t.End < t.Start {
			return nil, fmt.Errorf("people.src:%d: term ends before it starts", i+1)
		}
		names := list(f[4])
		if len(names) == 0 || len(t.Code) < 3 {
			return nil, fmt.Errorf("people.src:%d: no name or code", i+1)
		}
		nat := t.Code[:3]
		if len(f) == 6 {
			nat = strings.TrimSpace(f[5])
		}
		key := strings.ToUpper(names[0])
		j, ok := index[key]
		if !ok {
			j = len(out)
			index[key] = j
			out = append(out, Person{Nationality: nat})
		}
		p := &out[j]
		if len(f) == 6 || strings.HasPrefix(p.Nationality, "IGO") {
			p.Nationality = nat
		}
		for _, n := range names {
			if !contains(p.Names, n) {
				p.Names = append(p.Names, n)
			}
		}
		p.Terms = append(p.Terms, t)
	}
	for i := range out {
		sort.SliceStable(out[i].Terms, func(a, b int) bool { return out[i].Terms[a].Start < out[i].Terms[b].Start })
	}
	return out, nil
}

func day(s string, end bool) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t.Format(time.DateOnly), nil
	}
	t, err := time.Parse("2006-01", s)
	if err != nil {
		return "", err
	}
	if end {
		t = t.AddDate(0, 1, -1)
	}
	return t.Format(time.DateOnly), nil
}

// Phrase writes a name as a dictionary phrase: upper case, words joined by
// underscores ("North Korea" gives NORTH_KOREA).
func Phrase(name string) string {
	return strings.ToUpper(strings.Join(strings.Fields(name), "_"))
}

func list(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ";") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

var folds = map[rune]string{
	'á': "a", 'à': "a", 'â': "a", 'ä': "a", 'ã': "a", 'å': "a", 'ā': "a",
	'ç': "c", 'č': "c", 'ć': "c", 'đ': "d",
	'é': "e", 'è': "e", 'ê': "e", 'ë': "e", 'ě': "e", 'ē': "e",
	'í': "i", 'ì': "i", 'î': "i", 'ï': "i", 'ı': "i", 'İ': "I",
	'ñ': "n", 'ń': "n", 'ł': "l",
	'ó': "o", 'ò': "o", 'ô': "o", 'ö': "o", 'õ': "o", 'ø': "o", 'ō': "o", 'ő': "o",
	'ú': "u", 'ù': "u", 'û': "u", 'ü': "u", 'ū': "u", 'ű': "u",
	'ý': "y", 'ÿ': "y", 'ş': "s", 'š': "s", 'ś': "s", 'ğ': "g", 'ř': "r",
	'ž': "z", 'ź': "z", 'ż': "z", '\'': "'", '’': "'",
	'Á': "A", 'É': "E", 'Í': "I", 'Ó': "O", 'Ö': "O", 'Ú': "U", 'Ü': "U", 'Ç': "C", 'Ş': "S", 'Č': "C", 'Š': "S", 'Ž': "Z",
}

// Fold replaces accented Latin letters by their plain forms ("Erdoğan"
// gives "Erdogan"), so that a dictionary lists both spellings.
func Fold(s string) string {
	var b strings.Builder
	for _, r := range s {
		if f, ok := folds[r]; ok {
			b.WriteString(f)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Variants returns name and, when it differs, its folded spelling.
func Variants(name string) []string {
	if f := Fold(name); f != name {
		return []string{name, f}
	}
	return []string{name}
}
