package cameo

import (
	"sort"
	"strings"
)

//go:generate go run ../internal/gen/cameogen -shared ../../shared -out codes_gen.go

// Code is one CAMEO event code: its name, Goldstein weight, QuadClass and
// PLOVER 2021 type. PLOVER is empty for codes PLOVER drops (most of root
// 01, public statements).
type Code struct {
	Code, Name string
	Goldstein  float64
	QuadClass  int
	PLOVER     string
}

var byCode = func() map[string]int {
	m := make(map[string]int, len(codes))
	for i, c := range codes {
		m[c.Code] = i
	}
	return m
}()

// Lookup returns the CAMEO code with the given digits ("036", "0311", "19").
// A four-digit code that the table does not list (a user dictionary may use
// one) is answered with its three-digit parent's name, Goldstein weight and
// PLOVER type, and the code itself kept. Surrounding spaces are ignored.
func Lookup(code string) (Code, bool) {
	code = strings.TrimSpace(code)
	if i, ok := byCode[code]; ok {
		return codes[i], true
	}
	if len(code) == 4 && digits(code) {
		if i, ok := byCode[code[:3]]; ok {
			c := codes[i]
			c.Code = code
			return c, true
		}
	}
	return Code{}, false
}

// QuadClass returns the QuadClass of a code from its root, as GDELT assigns
// it: roots 01-05 give 1 (verbal cooperation), 06-09 give 2 (material
// cooperation), 10-14 give 3 (verbal conflict), 15-20 give 4 (material
// conflict). It returns 0 for a string that is not an event code.
func QuadClass(code string) int {
	code = strings.TrimSpace(code)
	if len(code) < 2 || len(code) > 4 || !digits(code) {
		return 0
	}
	r := int(code[0]-'0')*10 + int(code[1]-'0')
	switch {
	case r >= 1 && r <= 5:
		return 1
	case r >= 6 && r <= 9:
		return 2
	case r >= 10 && r <= 14:
		return 3
	case r >= 15 && r <= 20:
		return 4
	}
	return 0
}

// PLOVER returns the PLOVER 2021 type of a code, or "" for a code PLOVER
// drops or an unknown code.
func PLOVER(code string) string {
	c, _ := Lookup(code)
	return c.PLOVER
}

// Root returns the two-digit root of a code ("0311" gives "03").
func Root(code string) string {
	if len(code) < 2 {
		return ""
	}
	return code[:2]
}

// Codes returns every CAMEO event code, sorted by code. The slice is a copy.
func Codes() []Code {
	return append([]Code(nil), codes...)
}

// PLOVERTypes returns the sixteen PLOVER 2021 event types.
func PLOVERTypes() []string {
	return []string{"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID",
		"RETREAT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST",
		"SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
}

// Country returns the short English name of an ISO 3166-1 alpha-3 code
// ("PRK" gives "North Korea"). Kosovo is KSV, as in CAMEO.
func Country(alpha3 string) (name string, ok bool) {
	name, ok = countries[strings.ToUpper(alpha3)]
	return name, ok
}

// Countries returns every country and territory code, sorted.
func Countries() []string { return sortedKeys(countries) }

// Role returns the meaning of a CAMEO role code ("GOV" gives "government").
func Role(code string) (meaning string, ok bool) {
	meaning, ok = roles[strings.ToUpper(code)]
	return meaning, ok
}

// Roles returns every role code, sorted.
func Roles() []string { return sortedKeys(roles) }

// Block returns the meaning of a code that stands for actors outside any
// single state: IGO, NGO, IMG, MNC, UIS, INT, NGM.
func Block(code string) (meaning string, ok bool) {
	meaning, ok = blocks[strings.ToUpper(code)]
	return meaning, ok
}

// Region returns the name of a CAMEO regional code ("MEA" gives "Middle
// East").
func Region(code string) (name string, ok bool) {
	name, ok = regions[strings.ToUpper(code)]
	return name, ok
}

// Org returns the name of a named international organisation's code, as it
// follows IGO or NGO ("UNO" gives "United Nations", as in IGOUNO).
func Org(code string) (name string, ok bool) {
	name, ok = orgs[strings.ToUpper(code)]
	return name, ok
}

// ValidActor reports whether code is a well-formed CAMEO actor code:
// groups of three capital letters, the first a country, region or block,
// each following one a role, organisation, region or country. "---" (the
// TABARI null actor) is valid.
func ValidActor(code string) bool {
	if code == "---" {
		return true
	}
	if code == "" || len(code)%3 != 0 {
		return false
	}
	for i := 0; i < len(code); i++ {
		if code[i] < 'A' || code[i] > 'Z' {
			return false
		}
	}
	head := code[:3]
	_, c := countries[head]
	_, r := regions[head]
	_, b := blocks[head]
	if !c && !r && !b {
		return false
	}
	for i := 3; i < len(code); i += 3 {
		part := code[i : i+3]
		_, ro := roles[part]
		_, o := orgs[part]
		_, rg := regions[part]
		_, cn := countries[part]
		if !ro && !o && !rg && !cn {
			return false
		}
	}
	return true
}

// ValidRole reports whether code is one or more role codes ("GOV",
// "GOVMIL"), the form an agent dictionary appends to a country.
func ValidRole(code string) bool {
	if code == "" || len(code)%3 != 0 {
		return false
	}
	for i := 0; i < len(code); i += 3 {
		part := code[i : i+3]
		_, ro := roles[part]
		_, o := orgs[part]
		if !ro && !o {
			return false
		}
	}
	return true
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
