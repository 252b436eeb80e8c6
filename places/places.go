package places

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/parley-events/parley"
)

//go:embed data/*.txt
var data embed.FS

// files are read in this order; when two places share a name, the one
// read first is the one Lookup returns (a country before its capital, a
// capital before a city of the same name).
var files = []string{"data/countries.txt", "data/capitals.txt", "data/cities.txt", "data/regions.txt"}

// Place is one entry of the gazetteer. Kind is "country" (at its
// approximate centre), "capital", "city", "region" or "sea". Country is
// the ISO 3166 alpha-3 code of the country the place belongs to, or ""
// for seas and areas held by several.
type Place struct {
	Name    string
	Country string
	Lat     float64
	Lon     float64
	Kind    string
}

// Gazetteer finds places by name. It is immutable and safe for concurrent
// use.
type Gazetteer struct {
	places    []Place
	byName    map[string]int // normalised name -> index
	countries map[string]int // ISO3 -> index of the country entry
	maxWords  int
	// firstWords holds the first word of every name, so that Match
	// rejects most words with one map lookup.
	firstWords map[string]bool
}

// Default returns the built-in gazetteer, parsed once from the embedded
// data files.
var Default = sync.OnceValue(func() *Gazetteer {
	g, err := load()
	if err != nil {
		// The embedded data is checked by the package tests; failing here
		// means the binary was built from a broken tree.
		panic(err)
	}
	return g
})

func load() (*Gazetteer, error) {
	g := &Gazetteer{byName: map[string]int{}, countries: map[string]int{}, firstWords: map[string]bool{}}
	for _, name := range files {
		b, err := data.ReadFile(name)
		if err != nil {
			return nil, err
		}
		if err := g.add(name, b); err != nil {
			return nil, err
		}
	}
	return g, nil
}

// Parse reads a gazetteer in parley's format: one place a line,
//
//	kind | name; other name ... | ISO3 or --- | lat | lon
//
// with # comments. name is used in error messages.
func Parse(name string, b []byte) (*Gazetteer, error) {
	g := &Gazetteer{byName: map[string]int{}, countries: map[string]int{}, firstWords: map[string]bool{}}
	if err := g.add(name, b); err != nil {
		return nil, err
	}
	return g, nil
}

func (g *Gazetteer) add(name string, b []byte) error {
	sc := bufio.NewScanner(bytes.NewReader(b))
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "|")
		if len(f) != 5 {
			return parley.Errorf(parley.Invalid, "places", "%s:%d: %d fields, want kind | names | country | lat | lon", name, n, len(f))
		}
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		lat, err1 := strconv.ParseFloat(f[3], 64)
		lon, err2 := strconv.ParseFloat(f[4], 64)
		if err1 != nil || err2 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
			return parley.Errorf(parley.Invalid, "places", "%s:%d: bad coordinates %q, %q", name, n, f[3], f[4])
		}
		country := f[2]
		if country == "---" {
			country = ""
		} else if len(country) != 3 {
			return parley.Errorf(parley.Invalid, "places", "%s:%d: bad country code %q", name, n, f[2])
		}
		var names []string
		for _, s := range strings.Split(f[1], ";") {
			if s = strings.TrimSpace(s); s != "" {
				names = append(names, s)
			}
		}
		if len(names) == 0 || f[0] == "" {
			return parley.Errorf(parley.Invalid, "places", "%s:%d: no kind or no name", name, n)
		}
		idx := len(g.places)
		g.places = append(g.places, Place{Name: names[0], Country: country, Lat: lat, Lon: lon, Kind: f[0]})
		if f[0] == "country" {
			if _, dup := g.countries[country]; !dup {
				g.countries[country] = idx
			}
		}
		for _, s := range names {
			key := normalize(s)
			if key == "" {
				continue
			}
			if _, dup := g.byName[key]; !dup {
				g.byName[key] = idx
			}
			head, _, _ := strings.Cut(key, " ")
			g.firstWords[head] = true
			if w := strings.Count(key, " ") + 1; w > g.maxWords {
				g.maxWords = w
			}
		}
	}
	return sc.Err()
}

// Lookup finds the place named by words ("Ulaanbaatar"; "New", "York";
// "St.", "Petersburg"), ignoring case, accents and punctuation inside
// names ("Port-au-Prince" and "port au prince" are the same name).
func (g *Gazetteer) Lookup(words ...string) (Place, bool) {
	i, ok := g.byName[normalize(strings.Join(words, " "))]
	if !ok {
		return Place{}, false
	}
	return g.places[i], true
}

// Match finds the longest place name that starts at words[start] and
// returns the place and the number of words it covers. A name neither
// starts nor ends with a punctuation token.
func (g *Gazetteer) Match(words []string, start int) (Place, int, bool) {
	if start < 0 || start >= len(words) {
		return Place{}, 0, false
	}
	first := normalize(words[start])
	if first == "" {
		return Place{}, 0, false
	}
	head, _, _ := strings.Cut(first, " ")
	if !g.firstWords[head] {
		return Place{}, 0, false
	}
	max := len(words) - start
	if max > g.maxWords+2 { // a name may be written with extra tokens ("D", ".", "C")
		max = g.maxWords + 2
	}
	keys := make([]string, 0, max)
	parts := make([]string, 0, max)
	parts = append(parts, first)
	keys = append(keys, first)
	for n := 2; n <= max; n++ {
		w := normalize(words[start+n-1])
		if w == "" {
			keys = append(keys, "") // a name does not end in punctuation
			continue
		}
		parts = append(parts, w)
		keys = append(keys, strings.Join(parts, " "))
	}
	for n := len(keys); n >= 1; n-- {
		if keys[n-1] == "" {
			continue
		}
		if i, ok := g.byName[keys[n-1]]; ok {
			return g.places[i], n, true
		}
	}
	return Place{}, 0, false
}

// Country returns the country entry (at its approximate centre) for an ISO
// 3166 alpha-3 code.
func (g *Gazetteer) Country(iso3 string) (Place, bool) {
	i, ok := g.countries[strings.ToUpper(iso3)]
	if !ok {
		return Place{}, false
	}
	return g.places[i], true
}

// All returns every place, in file order.
func (g *Gazetteer) All() []Place { return append([]Place(nil), g.places...) }

// Lookup finds a place in the built-in gazetteer; see Gazetteer.Lookup.
func Lookup(words ...string) (Place, bool) { return Default().Lookup(words...) }

// Match finds the longest built-in place name at words[start]; see
// Gazetteer.Match.
func Match(words []string, start int) (Place, int, bool) { return Default().Match(words, start) }

// Country returns the built-in country entry for iso3; see
// Gazetteer.Country.
func Country(iso3 string) (Place, bool) { return Default().Country(iso3) }

// All returns every built-in place.
func All() []Place { return Default().All() }

// String formats a place for messages: "Ulaanbaatar (MNG capital 47.89,106.91)".
func (p Place) String() string {
	return fmt.Sprintf("%s (%s %s %.2f,%.2f)", p.Name, p.Country, p.Kind, p.Lat, p.Lon)
}

// normalize lower-cases a name, folds accents, turns hyphens and
// underscores into spaces and drops dots, apostrophes and commas.
func normalize(s string) string {
	if w, ok := asciiWord(s); ok {
		return w
	}
	var b strings.Builder
	for _, r := range s {
		if f, ok := folds[r]; ok {
			b.WriteString(f)
			continue
		}
		switch r {
		case '-', '_', '\t':
			b.WriteByte(' ')
		case '.', '\'', '’', ',', '(', ')':
		default:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(strings.ToLower(b.String())), " ")
}

var folds = map[rune]string{
	'á': "a", 'à': "a", 'â': "a", 'ä': "a", 'ã': "a", 'å': "a", 'ā': "a",
	'ç': "c", 'č': "c", 'ć': "c", 'đ': "d",
	'é': "e", 'è': "e", 'ê': "e", 'ë': "e", 'ě': "e", 'ē': "e",
	'í': "i", 'ì': "i", 'î': "i", 'ï': "i", 'ı': "i", 'İ': "i",
	'ñ': "n", 'ń': "n", 'ł': "l",
	'ó': "o", 'ò': "o", 'ô': "o", 'ö': "o", 'õ': "o", 'ø': "o", 'ō': "o", 'ő': "o",
	'ú': "u", 'ù': "u", 'û': "u", 'ü': "u", 'ū': "u", 'ű': "u",
	'ý': "y", 'ÿ': "y", 'ş': "s", 'š': "s", 'ś': "s", 'ğ': "g", 'ř': "r",
	'ž': "z", 'ź': "z", 'ż': "z",
	'Á': "a", 'É': "e", 'Í': "i", 'Ó': "o", 'Ö': "o", 'Ú': "u", 'Ü': "u", 'Ç': "c", 'Ş': "s", 'Č': "c", 'Š': "s", 'Ž': "z",
}

// Names returns every normalised name the gazetteer knows, sorted.
func (g *Gazetteer) Names() []string {
	out := make([]string, 0, len(g.byName))
	for k := range g.byName {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// asciiWord lower-cases a word of ASCII letters and digits, the common
// case, with at most one allocation; ok is false for anything else.
func asciiWord(s string) (string, bool) {
	upper := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c >= 'A' && c <= 'Z':
			upper = true
		default:
			return "", false
		}
	}
	if !upper {
		return s, true
	}
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b), true
}
