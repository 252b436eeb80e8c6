package actors

import (
	"bytes"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/parley-events/parley/actors/source"
	"github.com/parley-events/parley/cameo"
	"github.com/parley-events/parley/dict"
)

// loaded reads every built-in file through package dict, failing on any
// error: the built-in files must read cleanly with the reader users' files
// go through.
func loaded(tb testing.TB) []*dict.File {
	tb.Helper()
	var out []*dict.File
	for _, name := range Names() {
		f, err := dict.ReadFS(Files(), name)
		if err != nil {
			tb.Fatalf("dict.ReadFS(%s): %v", name, err)
		}
		out = append(out, f)
	}
	return out
}

// index maps each actor name (words joined by "_") to its entries.
func index(tb testing.TB) map[string][]*dict.Actor {
	tb.Helper()
	m := map[string][]*dict.Actor{}
	for _, f := range loaded(tb) {
		for i := range f.Actors {
			a := &f.Actors[i]
			for _, n := range a.Names {
				k := strings.Join(n, "_")
				m[k] = append(m[k], a)
			}
		}
	}
	return m
}

func TestFilesReadCleanly(t *testing.T) {
	names := Names()
	want := map[string]dict.Kind{
		"parley.countries.actors.txt":     dict.KindActors,
		"parley.people.actors.txt":        dict.KindActors,
		"parley.international.actors.txt": dict.KindActors,
		"parley.agents.txt":               dict.KindAgents,
	}
	if len(names) != len(want) {
		t.Errorf("Names() = %v, want %d files", names, len(want))
	}
	for _, f := range loaded(t) {
		if k, ok := want[f.Name]; !ok || f.Kind != k {
			t.Errorf("%s read as %v, want %v", f.Name, f.Kind, k)
		}
		if len(f.Actors)+len(f.Agents) == 0 {
			t.Errorf("%s has no entries", f.Name)
		}
	}
	if _, err := fs.ReadFile(Files(), "parley.agents.txt"); err != nil {
		t.Errorf("Files() does not hold parley.agents.txt: %v", err)
	}
}

func TestCodesAreValid(t *testing.T) {
	for _, f := range loaded(t) {
		for _, a := range f.Actors {
			for _, c := range a.Codes {
				if !cameo.ValidActor(c.Code) {
					t.Errorf("%s:%d %s: %q is not a valid CAMEO actor code", f.Name, a.Line, a.Name(), c.Code)
				}
			}
		}
		for _, a := range f.Agents {
			if a.Prefix || !cameo.ValidRole(a.Code) {
				t.Errorf("%s:%d: agent code %q (prefix %v) is not a role", f.Name, a.Line, a.Code, a.Prefix)
			}
		}
	}
}

// TestNoConflictingNames checks that a name is never listed twice with
// different codes, in any file.
func TestNoConflictingNames(t *testing.T) {
	for name, entries := range index(t) {
		if len(entries) < 2 {
			continue
		}
		first := codesOf(entries[0])
		for _, e := range entries[1:] {
			if codesOf(e) != first {
				t.Errorf("%s is listed with codes %s and %s", name, first, codesOf(e))
			}
		}
	}
	seen := map[string]int{}
	for _, f := range loaded(t) {
		for _, a := range f.Agents {
			for _, n := range a.Names {
				k := strings.Join(n, "_")
				if seen[k] > 0 {
					t.Errorf("agent %s listed twice", k)
				}
				seen[k]++
			}
		}
	}
}

func codesOf(a *dict.Actor) string {
	var b strings.Builder
	for _, c := range a.Codes {
		b.WriteString(c.Code)
		if c.Dated() {
			b.WriteString("@")
		}
		b.WriteString(" ")
	}
	return b.String()
}

func TestLookups(t *testing.T) {
	idx := index(t)
	tests := []struct {
		name string
		date int // YYYYMMDD, 0 unknown
		want string
	}{
		{"DPRK", 0, "PRK"},
		{"N._KOREA", 0, "PRK"},
		{"NK", 0, "PRK"},
		{"NORTH_KOREAN", 0, "PRK"},
		{"NORTH_KOREA", 0, "PRK"},
		{"PYONGYANG", 0, "PRKGOV"},
		{"ROK", 0, "KOR"},
		{"SOUTH_KOREA", 0, "KOR"},
		{"BLUE_HOUSE", 0, "KORGOV"},
		{"JAPAN", 0, "JPN"},
		{"JAPANESE", 0, "JPN"},
		{"TOKYO", 0, "JPNGOV"},
		{"KANTEI", 0, "JPNGOV"},
		{"PRC", 0, "CHN"},
		{"ZHONGNANHAI", 0, "CHNGOV"},
		{"BEIJING", 0, "CHNGOV"},
		{"UK", 0, "GBR"},
		{"DOWNING_STREET", 0, "GBRGOV"},
		{"U.S.", 0, "USA"},
		{"USA", 0, "USA"},
		{"WHITE_HOUSE", 0, "USAGOV"},
		{"PENTAGON", 0, "USAMIL"},
		{"KREMLIN", 0, "RUSGOV"},
		{"MOSCOW", 0, "RUSGOV"},
		{"ELYSEE", 0, "FRAGOV"},
		{"ÉLYSÉE", 0, "FRAGOV"},
		{"UAE", 0, "ARE"},
		{"DRC", 0, "COD"},
		{"IRANIAN", 0, "IRN"},
		{"ULAANBAATAR", 0, "MNGGOV"},
		{"MONGOLIA", 0, "MNG"},
		{"KOSOVO", 0, "KSV"},
		{"UN", 0, "IGOUNO"},
		{"UNSC", 0, "IGOUNO"},
		{"IAEA", 0, "IGOUNOIAE"},
		{"EU", 0, "IGOEUREEC"},
		{"NATO", 0, "IGOWSTNAT"},
		{"ASEAN", 0, "IGOSEAASN"},
		{"ICRC", 0, "NGOHLHIRC"},
		{"JAPANESE_RED_CROSS", 0, "JPNNGOHLH"},
		{"NORTH_KOREAN_RED_CROSS", 0, "PRKNGOHLH"},
		{"IMF", 0, "IGOIMF"},
		{"TALIBAN", 20000101, "AFGGOV"},
		{"TALIBAN", 20100101, "AFGREB"},
		{"TALIBAN", 20230101, "AFGGOV"},
		{"KOIZUMI", 20020917, "JPNGOV"},
		{"KOIZUMI_JUNICHIRO", 20020917, "JPNGOV"},
		{"JUNICHIRO_KOIZUMI", 20100101, "JPNELI"},
		{"KOIZUMI", 19990101, "JPNELI"},
		{"SHINZO_ABE", 20070101, "JPNGOV"},
		{"ABE_SHINZO", 20100101, "JPNELI"},
		{"ABE", 20150101, "JPNGOV"},
		{"KIM_JONG-UN", 20121220, "PRKGOV"},
		{"KIM_JONG_UN", 20121220, "PRKGOV"},
		{"KIM_JONG-IL", 20020917, "PRKGOV"},
		{"KIM_JONG-IL", 20130101, "PRKELI"},
		{"PUTIN", 20100101, "RUSGOV"},
		{"MEDVEDEV", 20220101, "RUSGOV"},
		{"BAN_KI-MOON", 20050101, "KORGOV"},
		{"BAN_KI-MOON", 20100101, "IGOUNO"},
		{"BAN_KI-MOON", 20180101, "KORELI"},
		{"ERDOGAN", 20100101, "TURGOV"},
		{"ERDOĞAN", 20200101, "TURGOV"},
		{"TRUMP", 20190101, "USAGOV"},
		{"TRUMP", 20230101, "USAELI"},
		{"TRUMP", 20250301, "USAGOV"},
		{"OBAMA", 20170301, "USAELI"},
		{"ZELENSKY", 20230101, "UKRGOV"},
		{"MERKEL", 20100101, "DEUGOV"},
		{"VON_DER_LEYEN", 20150101, "DEUGOV"},
		{"VON_DER_LEYEN", 20210101, "IGOEUREEC"},
		{"NETANYAHU", 20000101, "ISRELI"},
		{"NETANYAHU", 20240101, "ISRGOV"},
		{"LAVROV", 20240101, "RUSGOV"},
	}
	for _, tt := range tests {
		entries := idx[tt.name]
		if len(entries) == 0 {
			t.Errorf("%s: not in the built-in dictionaries", tt.name)
			continue
		}
		if got := entries[0].CodeOn(tt.date); got != tt.want {
			t.Errorf("%s on %d: code %s, want %s", tt.name, tt.date, got, tt.want)
		}
	}
}

func TestAgents(t *testing.T) {
	roles := map[string]string{}
	for _, f := range loaded(t) {
		for _, a := range f.Agents {
			for _, n := range a.Names {
				roles[strings.Join(n, "_")] = a.Code
			}
		}
	}
	tests := map[string]string{
		"DELEGATION": "GOV", "DELEGATIONS": "GOV", "GOVERNMENT": "GOV", "MINISTRY": "GOV", "MINISTRIES": "GOV",
		"FOREIGN_MINISTER": "GOV", "AMBASSADOR": "GOV", "ENVOY": "GOV", "DIPLOMATS": "GOV", "OFFICIALS": "GOV",
		"SPOKESMAN": "GOV", "SPOKESMEN": "GOV", "PRIME_MINISTER": "GOV", "PRESIDENT": "GOV", "PREMIER": "GOV",
		"LEADER": "GOV", "KING": "GOV", "MINISTRY_OF_FOREIGN_AFFAIRS": "GOV",
		"ARMY": "MIL", "MILITARY": "MIL", "TROOPS": "MIL", "SOLDIERS": "MIL", "NAVY": "MIL", "AIR_FORCE": "MIL",
		"POLICE": "COP", "POLICEMEN": "COP", "REBELS": "REB", "INSURGENTS": "INS", "MILITANTS": "REB",
		"OPPOSITION": "OPP", "COURT": "JUD", "JUDGE": "JUD", "PARLIAMENT": "LEG", "LAWMAKERS": "LEG", "LEGISLATURE": "LEG",
		"PARTY": "PTY", "ACTIVISTS": "OPP", "PROTESTERS": "OPP", "STUDENTS": "EDU", "JOURNALISTS": "MED", "MEDIA": "MED",
		"BUSINESSMEN": "BUS", "COMPANIES": "BUS", "CIVILIANS": "CVL", "PEOPLE": "CVL", "WOMAN": "CVL", "WOMEN": "CVL",
		"MAN": "CVL", "MEN": "CVL", "RESIDENTS": "CVL", "VILLAGERS": "CVL", "REFUGEES": "REF", "WORKERS": "LAB",
		"FARMERS": "AGR", "DOCTORS": "HLH", "CLERICS": "REL", "WIVES": "CVL", "STATE_MEDIA": "GOVMED",
		"FORMER_PRIME_MINISTER": "ELI", "SEPARATISTS": "SEP", "GUNMEN": "UAF",
	}
	for noun, want := range tests {
		if got := roles[noun]; got != want {
			t.Errorf("agent %s: role %q, want %q", noun, got, want)
		}
	}
}

// TestEveryCountry checks that each ISO 3166 code in package cameo has an
// entry coded with it, and a name.
func TestEveryCountry(t *testing.T) {
	bare := map[string]bool{}
	for _, f := range loaded(t) {
		if f.Name != "parley.countries.actors.txt" {
			continue
		}
		for _, a := range f.Actors {
			for _, c := range a.Codes {
				bare[c.Code] = true
			}
		}
	}
	for _, iso := range cameo.Countries() {
		if !bare[iso] {
			t.Errorf("no country entry coded %s", iso)
		}
	}
}

// TestGeneratedFilesUpToDate regenerates the country and people files from
// their sources and compares them with the embedded files.
func TestGeneratedFilesUpToDate(t *testing.T) {
	cs, ps := sources(t)
	for name, want := range map[string][]byte{
		"parley.countries.actors.txt": source.CountryFile(cs),
		"parley.people.actors.txt":    source.PeopleFile(ps),
	} {
		got, err := fs.ReadFile(Files(), name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is stale: run go generate ./actors", name)
		}
	}
}

func sources(tb testing.TB) ([]source.Country, []source.Person) {
	tb.Helper()
	cb, err := os.ReadFile("source/countries.src")
	if err != nil {
		tb.Fatal(err)
	}
	cs, err := source.ParseCountries(cb)
	if err != nil {
		tb.Fatal(err)
	}
	pb, err := os.ReadFile("source/people.src")
	if err != nil {
		tb.Fatal(err)
	}
	ps, err := source.ParsePeople(pb)
	if err != nil {
		tb.Fatal(err)
	}
	return cs, ps
}

// TestTerms checks the office holders: codes valid, dates in order, and no
// two people holding the same office at once (a handover day may be shared).
func TestTerms(t *testing.T) {
	_, ps := sources(t)
	type held struct {
		who  string
		term source.Term
	}
	offices := map[string][]held{}
	for _, p := range ps {
		if !cameo.ValidActor(p.Nationality + "ELI") {
			t.Errorf("%s: nationality %q is not a country", p.Names[0], p.Nationality)
		}
		for _, tm := range p.Terms {
			if !cameo.ValidActor(tm.Code) {
				t.Errorf("people.src:%d: bad code %q", tm.Line, tm.Code)
			}
			if tm.StartTime().IsZero() || (tm.End != "" && tm.EndTime().Before(tm.StartTime())) {
				t.Errorf("people.src:%d: bad dates %s to %s", tm.Line, tm.Start, tm.End)
			}
			if tm.StartTime().Year() < 1940 || tm.StartTime().Year() > 2026 {
				t.Errorf("people.src:%d: start %s out of range", tm.Line, tm.Start)
			}
			offices[tm.Office] = append(offices[tm.Office], held{p.Names[0], tm})
		}
	}
	for office, hs := range offices {
		for i := range hs {
			for j := i + 1; j < len(hs); j++ {
				a, b := hs[i].term, hs[j].term
				if overlap(a, b) {
					t.Errorf("%s: %s (%s to %s) and %s (%s to %s) overlap", office, hs[i].who, a.Start, a.End, hs[j].who, b.Start, b.End)
				}
			}
		}
	}
}

// overlap reports whether two terms share more than a handover day.
func overlap(a, b source.Term) bool {
	end := func(t source.Term) string {
		if t.End == "" {
			return "9999-12-31"
		}
		return t.End
	}
	if a.Start > b.Start {
		a, b = b, a
	}
	return b.Start < end(a)
}

func TestCoverage(t *testing.T) {
	cs, ps := sources(t)
	if len(cs) < 249 {
		t.Errorf("%d countries and territories, want every ISO 3166 code", len(cs))
	}
	needed := strings.Fields("ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA PRK IRN ISR SYR IRQ UKR PAK EGY AFG VEN")
	has := map[string]map[string]bool{}
	for _, p := range ps {
		for _, tm := range p.Terms {
			c, kind, _ := strings.Cut(tm.Office, ".")
			if has[c] == nil {
				has[c] = map[string]bool{}
			}
			has[c][kind] = true
			// Terms running in 2000 or later only are required below.
		}
	}
	for _, c := range needed {
		if !has[c]["FM"] {
			t.Errorf("%s: no foreign ministers", c)
		}
		if !has[c]["HOS"] && !has[c]["HOG"] && !has[c]["LDR"] {
			t.Errorf("%s: no head of state or government", c)
		}
	}
	for _, body := range []string{"EU.COM", "EU.CO", "EU.HR", "UN.SG", "NATO.SG"} {
		c, k, _ := strings.Cut(body, ".")
		if !has[c][k] {
			t.Errorf("no %s", body)
		}
	}
}
