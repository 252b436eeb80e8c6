package places

import (
	"errors"
	"strings"
	"testing"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/cameo"
)

func TestLookup(t *testing.T) {
	tests := []struct {
		words   []string
		country string
		kind    string
	}{
		{[]string{"Ulaanbaatar"}, "MNG", "capital"},
		{[]string{"Ulan", "Bator"}, "MNG", "capital"},
		{[]string{"Mongolia"}, "MNG", "country"},
		{[]string{"Pyongyang"}, "PRK", "capital"},
		{[]string{"Geneva"}, "CHE", "city"},
		{[]string{"Genève"}, "CHE", "city"},
		{[]string{"Vienna"}, "AUT", "capital"},
		{[]string{"Davos"}, "CHE", "city"},
		{[]string{"Aleppo"}, "SYR", "city"},
		{[]string{"Mosul"}, "IRQ", "city"},
		{[]string{"Kharkiv"}, "UKR", "city"},
		{[]string{"Kharkov"}, "UKR", "city"},
		{[]string{"Gaza"}, "PSE", "city"},
		{[]string{"Gaza", "Strip"}, "PSE", "region"},
		{[]string{"Crimea"}, "UKR", "region"},
		{[]string{"Kashmir"}, "IND", "region"},
		{[]string{"Donbas"}, "UKR", "region"},
		{[]string{"Diaoyu", "Islands"}, "JPN", "region"},
		{[]string{"Senkaku", "Islands"}, "JPN", "region"},
		{[]string{"Dokdo"}, "KOR", "region"},
		{[]string{"Takeshima"}, "KOR", "region"},
		{[]string{"Southern", "Kurils"}, "RUS", "region"},
		{[]string{"new", "york"}, "USA", "city"},
		{[]string{"St.", "Petersburg"}, "RUS", "city"},
		{[]string{"Port-au-Prince"}, "HTI", "capital"},
		{[]string{"port", "au", "prince"}, "HTI", "capital"},
		{[]string{"N'Djamena"}, "TCD", "capital"},
		{[]string{"Washington", "D.C."}, "USA", "capital"},
		{[]string{"Sao", "Paulo"}, "BRA", "city"},
		{[]string{"São", "Paulo"}, "BRA", "city"},
		{[]string{"Singapore"}, "SGP", "country"},
		{[]string{"Tokyo"}, "JPN", "capital"},
		{[]string{"Panmunjom"}, "KOR", "city"},
		{[]string{"South", "China", "Sea"}, "", "sea"},
	}
	for _, tt := range tests {
		name := strings.Join(tt.words, " ")
		p, ok := Lookup(tt.words...)
		if !ok {
			t.Errorf("Lookup(%q) found nothing", name)
			continue
		}
		if p.Country != tt.country || p.Kind != tt.kind {
			t.Errorf("Lookup(%q) = %v, want country %q kind %s", name, p, tt.country, tt.kind)
		}
	}
	for _, bad := range [][]string{{"Atlantis"}, {}, {""}, {"New"}, {"the"}} {
		if p, ok := Lookup(bad...); ok {
			t.Errorf("Lookup(%q) = %v, want nothing", bad, p)
		}
	}
}

func TestMatch(t *testing.T) {
	words := strings.Fields("talks were held in Ulan Bator , Mongolia and in New York City last week")
	tests := []struct {
		start   int
		n       int
		country string
	}{
		{4, 2, "MNG"}, {7, 1, "MNG"}, {10, 3, "USA"}, {0, 0, ""}, {13, 0, ""},
	}
	for _, tt := range tests {
		p, n, ok := Match(words, tt.start)
		if n != tt.n || ok != (tt.n > 0) || p.Country != tt.country {
			t.Errorf("Match at %d (%q) = %v, %d, %v; want %d words, %q", tt.start, words[tt.start], p, n, ok, tt.n, tt.country)
		}
	}
	if _, _, ok := Match(words, -1); ok {
		t.Error("Match(-1) ok")
	}
	if _, _, ok := Match(words, len(words)); ok {
		t.Error("Match(len) ok")
	}
}

func TestCountries(t *testing.T) {
	capitals := map[string]bool{}
	for _, p := range All() {
		if p.Kind == "capital" {
			capitals[p.Country] = true
		}
	}
	// Uninhabited territories have no capital.
	noCapital := map[string]bool{"ATA": true, "ATF": true, "BVT": true, "HMD": true, "IOT": true, "UMI": true}
	for _, iso := range cameo.Countries() {
		p, ok := Country(iso)
		if !ok {
			t.Errorf("Country(%s): no entry", iso)
			continue
		}
		if p.Country != iso || p.Kind != "country" {
			t.Errorf("Country(%s) = %v", iso, p)
		}
		if !capitals[iso] && !noCapital[iso] {
			t.Errorf("%s has no capital", iso)
		}
	}
	if p, ok := Country("mng"); !ok || p.Lat < 41 || p.Lat > 52 || p.Lon < 87 || p.Lon > 120 {
		t.Errorf("Country(mng) = %v, %v; want a point inside Mongolia", p, ok)
	}
	if _, ok := Country("XXX"); ok {
		t.Error("Country(XXX) ok")
	}
}

func TestData(t *testing.T) {
	all := All()
	others := 0
	kinds := map[string]bool{"country": true, "capital": true, "city": true, "region": true, "sea": true}
	for _, p := range all {
		if !kinds[p.Kind] {
			t.Errorf("%v: unknown kind", p)
		}
		if p.Country == "" && p.Kind != "sea" && p.Kind != "region" {
			t.Errorf("%v: no country", p)
		}
		if p.Country != "" {
			if _, ok := cameo.Country(p.Country); !ok {
				t.Errorf("%v: %q is not a country code", p, p.Country)
			}
		}
		if p.Lat == 0 && p.Lon == 0 {
			t.Errorf("%v: no coordinates", p)
		}
		if p.Kind != "country" {
			others++
		}
		// A capital or city lies near its country's centre: within a
		// box generous enough for Russia, Canada and the Pacific.
		if c, ok := Country(p.Country); ok && p.Kind != "country" && p.Kind != "sea" {
			if d := abs(p.Lat - c.Lat); d > 40 {
				t.Errorf("%v is %.0f degrees of latitude from %s's centre", p, d, p.Country)
			}
		}
	}
	if others < 400 {
		t.Errorf("%d places besides countries, want at least 400", others)
	}
	// No name may point at two places in different countries.
	// No name may point at two places in different countries: read the
	// files again and compare every listed name with what Lookup gives.
	for _, file := range files {
		b, err := data.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			f := strings.Split(line, "|")
			if strings.HasPrefix(line, "#") || len(f) != 5 {
				continue
			}
			country := strings.TrimSpace(f[2])
			if country == "---" {
				country = ""
			}
			for _, n := range strings.Split(f[1], ";") {
				if p, ok := Lookup(n); !ok || p.Country != country {
					t.Errorf("%s: name %q gives %v, listed for %q", file, strings.TrimSpace(n), p, country)
				}
			}
		}
	}
	if n := len(Default().Names()); n < len(all) {
		t.Errorf("%d names for %d places", n, len(all))
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func TestParseErrors(t *testing.T) {
	bad := []string{
		"city | Foo | JPN | 35",
		"city | Foo | JPN | north | 139",
		"city | Foo | JPN | 95 | 139",
		"city | Foo | JAPAN | 35 | 139",
		"city |  | JPN | 35 | 139",
	}
	for _, b := range bad {
		_, err := Parse("test.txt", []byte(b))
		if err == nil {
			t.Errorf("Parse(%q) succeeded", b)
			continue
		}
		var pe *parley.Error
		if !errors.As(err, &pe) || parley.KindOf(err) != parley.Invalid {
			t.Errorf("Parse(%q) error %v is not an Invalid parley.Error", b, err)
		}
	}
	g, err := Parse("test.txt", []byte("# comment\n\ncity | Foo Bar; Foobar | JPN | 35 | 139\n"))
	if err != nil {
		t.Fatal(err)
	}
	if p, ok := g.Lookup("foo", "bar"); !ok || p.Name != "Foo Bar" {
		t.Errorf("Lookup(foo bar) = %v, %v", p, ok)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("city | Foo | JPN | 35 | 139\n"))
	f.Add([]byte("sea | A; B | --- | -1.5 | 2e1"))
	f.Fuzz(func(t *testing.T, b []byte) {
		g, err := Parse("fuzz", b)
		if err != nil {
			return
		}
		for _, p := range g.All() {
			g.Lookup(p.Name)
		}
	})
}

func BenchmarkMatch(b *testing.B) {
	words := strings.Fields("talks between the two countries were held in Ulan Bator , Mongolia in November")
	for b.Loop() {
		for i := range words {
			Match(words, i)
		}
	}
}
