package dict

import (
	"strings"
)

// Agent is one agent dictionary entry: a role noun and the code it adds to
// an actor. "WOMAN [~CVL]" adds CVL after the country (JPN+CVL = JPNCVL);
// "MSF {} [NGO~]" puts NGO before it (NGO+ARN = NGOARN).
//
// Names holds the noun phrase and its plural forms, as upper-case words:
// regular plurals of the last word are generated unless the entry gives its
// own in braces ("GOLDEN_GOOSE {GOLDEN_GEESE}") or none ("POLICE {}").
// "!PERSON!" substitutions defined in the file ("!PERSON! = MAN, WOMAN")
// are expanded.
type Agent struct {
	Names  [][]string
	Code   string // without the "~"
	Prefix bool   // the code goes before the actor's code (NGO~)
	Line   int
}

func parseAgents(b []byte, errs *errorList) []Agent {
	subs := map[string][]string{}
	var out []Agent
	lines(b, func(n int, raw, line string) {
		t := strings.TrimSpace(line)
		if t == "" {
			return
		}
		// Substitution set: !PERSON! = MAN, MEN, WOMAN
		if t[0] == '!' {
			if i := strings.IndexByte(t, '='); i > 0 {
				name := strings.TrimSpace(t[:i])
				if len(name) < 3 || name[len(name)-1] != '!' || strings.Contains(name[1:len(name)-1], "!") {
					errs.add(n, "bad substitution name %q", name)
					return
				}
				var vals []string
				for _, v := range strings.Split(t[i+1:], ",") {
					if v = strings.TrimSpace(strings.ToUpper(v)); v != "" {
						vals = append(vals, v)
					}
				}
				if len(vals) == 0 {
					errs.add(n, "substitution %s has no values", name)
					return
				}
				subs[strings.ToUpper(name)] = vals
				return
			}
		}
		name, rest := t, ""
		if i := strings.IndexByte(t, '['); i >= 0 {
			name, rest = t[:i], t[i:]
		} else {
			errs.add(n, "agent %q has no [code]", t)
			return
		}
		j := strings.IndexByte(rest, ']')
		if j < 0 {
			errs.add(n, "unclosed code in %q", t)
			return
		}
		code := strings.ToUpper(strings.Join(strings.Fields(rest[1:j]), ""))
		a := Agent{Line: n}
		switch {
		case strings.HasPrefix(code, "~"):
			a.Code = code[1:]
		case strings.HasSuffix(code, "~"):
			a.Code, a.Prefix = code[:len(code)-1], true
		default:
			a.Code = code
		}
		if a.Code == "" || !validCode(a.Code) || strings.ContainsAny(a.Code, "~/") {
			errs.add(n, "bad agent code %q", rest[:j+1])
			return
		}
		// Plurals in braces.
		var plurals []string
		explicit := false
		if i := strings.IndexByte(name, '{'); i >= 0 {
			k := strings.IndexByte(name[i:], '}')
			if k < 0 {
				errs.add(n, "unclosed { in %q", t)
				return
			}
			explicit = true
			plurals = strings.Fields(name[i+1 : i+k])
			name = name[:i] + name[i+k+1:]
		}
		name = strings.TrimSpace(name)
		if name == "" {
			errs.add(n, "agent without a name")
			return
		}
		forms := expandSubs(strings.ToUpper(name), subs)
		if forms == nil {
			errs.add(n, "unknown substitution in %q", name)
			return
		}
		seen := map[string]bool{}
		add := func(p string) {
			w := words(p)
			if len(w) == 0 {
				return
			}
			k := strings.Join(w, " ")
			if !seen[k] {
				seen[k] = true
				a.Names = append(a.Names, w)
			}
		}
		for _, f := range forms {
			add(f)
			if !explicit {
				w := words(f)
				if len(w) > 0 {
					for _, p := range NounPlurals(w[len(w)-1]) {
						w2 := append(append([]string(nil), w[:len(w)-1]...), p)
						add(strings.Join(w2, " "))
					}
				}
			}
		}
		for _, p := range plurals {
			for _, f := range expandSubs(strings.ToUpper(p), subs) {
				add(f)
			}
		}
		if len(a.Names) == 0 {
			errs.add(n, "agent without a name")
			return
		}
		out = append(out, a)
	})
	return out
}

// expandSubs replaces each !NAME! in s by each of its values; nil when a
// substitution is unknown.
func expandSubs(s string, subs map[string][]string) []string {
	i := strings.IndexByte(s, '!')
	if i < 0 {
		return []string{s}
	}
	j := strings.IndexByte(s[i+1:], '!')
	if j < 0 {
		return nil
	}
	key := s[i : i+j+2]
	vals, ok := subs[key]
	if !ok {
		return nil
	}
	var out []string
	for _, v := range vals {
		rest := expandSubs(s[i+j+2:], subs)
		if rest == nil {
			return nil
		}
		for _, r := range rest {
			out = append(out, s[:i]+v+r)
		}
	}
	return out
}

// NounPlurals returns the regular plural forms of an upper-case noun:
// POLICEMAN -> POLICEMEN, CITY -> CITIES, BOSS -> BOSSES, SOLDIER -> SOLDIERS.
func NounPlurals(w string) []string {
	n := len(w)
	if n == 0 {
		return nil
	}
	switch {
	case strings.HasSuffix(w, "MAN") && n > 3:
		return []string{w[:n-3] + "MEN"}
	case strings.HasSuffix(w, "S") || strings.HasSuffix(w, "X") || strings.HasSuffix(w, "Z") ||
		strings.HasSuffix(w, "CH") || strings.HasSuffix(w, "SH"):
		return []string{w + "ES"}
	case strings.HasSuffix(w, "Y") && n > 1 && !isVowel(w[n-2]):
		return []string{w[:n-1] + "IES"}
	}
	return []string{w + "S"}
}

func isVowel(c byte) bool {
	switch c {
	case 'A', 'E', 'I', 'O', 'U':
		return true
	}
	return false
}

// Discard is a phrase that makes the coder skip a sentence, or with Story
// set ("+TYPHOON") the whole story.
type Discard struct {
	Words []string
	Story bool
	Line  int
}

func parseDiscards(b []byte, errs *errorList) []Discard {
	var out []Discard
	lines(b, func(n int, raw, line string) {
		t := strings.TrimSpace(line)
		if t == "" {
			return
		}
		d := Discard{Line: n}
		if t[0] == '+' {
			d.Story = true
			t = t[1:]
		}
		if i := strings.IndexByte(t, ';'); i >= 0 {
			t = t[:i]
		}
		d.Words = words(t)
		if len(d.Words) == 0 {
			errs.add(n, "empty discard phrase")
			return
		}
		out = append(out, d)
	})
	return out
}
