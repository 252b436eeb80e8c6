package cameo

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
)

func TestLookup(t *testing.T) {
	tests := []struct {
		code      string
		ok        bool
		quad      int
		plover    string
		goldstein float64
		name      string
	}{
		{"036", true, 1, "AGREE", 4, "Express intent to meet or negotiate"},
		{"042", true, 1, "CONSULT", 1.9, "Make a visit"},
		{"0311", true, 1, "AGREE", 5.2, "Express intent to cooperate economically"},
		{"010", true, 1, "", 0, "Make statement, not specified below"},
		{"016", true, 1, "REJECT", -2, "Deny responsibility"},
		{"020", true, 1, "REQUEST", 3, "Appeal, not specified below"},
		{"0234", true, 1, "REQUEST", 3.4, "Appeal for military protection or peacekeeping"},
		{"057", true, 1, "SUPPORT", 8, "Sign formal agreement"},
		{"081", true, 2, "CONCEDE", 5, "Ease administrative sanctions, not specified below"},
		{"084", true, 2, "RETREAT", 7, "Return, release, not specified below"},
		{"0871", true, 2, "RETREAT", 9, "Declare truce, ceasefire"},
		{"090", true, 2, "ACCUSE", -2, "Investigate, not specified below"},
		{"112", true, 3, "ACCUSE", -2, "Accuse, not specified below"},
		{"125", true, 3, "REJECT", -5, "Reject proposal to meet, discuss, or negotiate"},
		{"138", true, 3, "THREATEN", -7, "Threaten to use military force, not specified below"},
		{"141", true, 3, "PROTEST", -6.5, "Demonstrate or rally"},
		{"154", true, 4, "MOBILIZE", -7.2, "Mobilize or increase armed forces"},
		{"163", true, 4, "COERCE", -8, "Impose embargo, boycott, or sanctions"},
		{"173", true, 4, "COERCE", -5, "Arrest, detain, or charge with legal action"},
		{"190", true, 4, "ASSAULT", -10, "Use conventional military force, not specified below"},
		{"2042", true, 4, "ASSAULT", -10, "Detonate nuclear weapons"},
		{"19", true, 4, "ASSAULT", -10, "Fight"},
		{"08", true, 2, "CONCEDE", 5, "Yield"},
		{" 036 ", true, 1, "AGREE", 4, "Express intent to meet or negotiate"},
		{"0369", true, 1, "AGREE", 4, "Express intent to meet or negotiate"}, // falls back to the parent
		{"999", false, 0, "", 0, ""},
		{"21", false, 0, "", 0, ""},
		{"", false, 0, "", 0, ""},
		{"abc", false, 0, "", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			c, ok := Lookup(tt.code)
			if ok != tt.ok {
				t.Fatalf("Lookup(%q) ok = %v, want %v", tt.code, ok, tt.ok)
			}
			if !ok {
				return
			}
			if c.QuadClass != tt.quad || c.PLOVER != tt.plover || c.Goldstein != tt.goldstein || c.Name != tt.name {
				t.Errorf("Lookup(%q) = %+v, want quad %d plover %q goldstein %v name %q", tt.code, c, tt.quad, tt.plover, tt.goldstein, tt.name)
			}
			if c.Code != strings.TrimSpace(tt.code) {
				t.Errorf("Lookup(%q).Code = %q", tt.code, c.Code)
			}
			if got := PLOVER(tt.code); got != tt.plover {
				t.Errorf("PLOVER(%q) = %q, want %q", tt.code, got, tt.plover)
			}
		})
	}
}

func TestQuadClass(t *testing.T) {
	for root := 1; root <= 20; root++ {
		want := 4
		switch {
		case root <= 5:
			want = 1
		case root <= 9:
			want = 2
		case root <= 14:
			want = 3
		}
		code := strconv.Itoa(root)
		if root < 10 {
			code = "0" + code
		}
		for _, c := range []string{code, code + "0", code + "12"} {
			if got := QuadClass(c); got != want {
				t.Errorf("QuadClass(%q) = %d, want %d", c, got, want)
			}
		}
	}
	for _, bad := range []string{"", "0", "00", "21", "x1", "12345"} {
		if got := QuadClass(bad); got != 0 {
			t.Errorf("QuadClass(%q) = %d, want 0", bad, got)
		}
	}
}

func TestCodesTable(t *testing.T) {
	all := Codes()
	if len(all) < 300 {
		t.Fatalf("Codes() has %d codes, want every CAMEO code (over 300)", len(all))
	}
	types := map[string]bool{}
	for _, p := range PLOVERTypes() {
		types[p] = true
	}
	roots := map[string]bool{}
	for i, c := range all {
		if i > 0 && all[i-1].Code >= c.Code {
			t.Errorf("codes not sorted or duplicated at %q", c.Code)
		}
		if len(c.Code) < 2 || len(c.Code) > 4 || !digits(c.Code) {
			t.Errorf("bad code %q", c.Code)
		}
		if c.Name == "" {
			t.Errorf("%s has no name", c.Code)
		}
		if c.Goldstein < -10 || c.Goldstein > 10 {
			t.Errorf("%s Goldstein %v out of range", c.Code, c.Goldstein)
		}
		if c.QuadClass != QuadClass(c.Code) {
			t.Errorf("%s QuadClass %d, want %d", c.Code, c.QuadClass, QuadClass(c.Code))
		}
		if c.PLOVER != "" && !types[c.PLOVER] {
			t.Errorf("%s PLOVER %q is not a PLOVER type", c.Code, c.PLOVER)
		}
		if c.PLOVER == "" && Root(c.Code) != "01" {
			t.Errorf("%s has no PLOVER type; only root 01 codes may be dropped", c.Code)
		}
		if len(c.Code) == 2 {
			roots[c.Code] = true
		} else if _, ok := Lookup(c.Code[:len(c.Code)-1]); len(c.Code) == 4 && !ok {
			t.Errorf("%s has no parent code", c.Code)
		}
	}
	if len(roots) != 20 {
		t.Errorf("%d roots, want 20", len(roots))
	}
	all[0].Name = "changed"
	if Codes()[0].Name == "changed" {
		t.Error("Codes() returns the package's own slice")
	}
}

func TestActorCodes(t *testing.T) {
	if n := len(Countries()); n < 249 {
		t.Errorf("%d countries, want every ISO 3166 alpha-3 code (249) and KSV", n)
	}
	for _, tt := range []struct{ code, want string }{
		{"PRK", "North Korea"}, {"kor", "South Korea"}, {"JPN", "Japan"}, {"MNG", "Mongolia"}, {"KSV", "Kosovo"},
	} {
		if got, ok := Country(tt.code); !ok || got != tt.want {
			t.Errorf("Country(%q) = %q, %v; want %q", tt.code, got, ok, tt.want)
		}
	}
	if _, ok := Country("XXX"); ok {
		t.Error("Country(XXX) ok")
	}
	for _, r := range strings.Fields("GOV MIL REB OPP PTY COP JUD SPY MED EDU BUS CRM CVL LEG ELI HLH REF MOD RAD AGR LAB IND UAF INS SEP REL HRI DEV ENV") {
		if m, ok := Role(r); !ok || m == "" {
			t.Errorf("Role(%q) missing", r)
		}
	}
	for _, b := range []string{"IGO", "NGO", "MNC", "IMG"} {
		if _, ok := Block(b); !ok {
			t.Errorf("Block(%q) missing", b)
		}
	}
	valid := []string{"JPN", "JPNGOV", "PRKGOVMIL", "IGOUNO", "IGOUNOIAE", "NGOHLHIRC", "IGOEEC", "IGOWSTNAT", "MEA", "USAELI", "---", "NGO", "IMGMOS"}
	for _, c := range valid {
		if !ValidActor(c) {
			t.Errorf("ValidActor(%q) = false", c)
		}
	}
	invalid := []string{"", "JP", "jpn", "JPNG", "XYZ", "JPNXYZ", "GOV", "JPNGOV!", "UNOIGO"}
	for _, c := range invalid {
		if ValidActor(c) {
			t.Errorf("ValidActor(%q) = true", c)
		}
	}
	for c, want := range map[string]bool{"GOV": true, "GOVMIL": true, "JPN": false, "": false, "GO": false} {
		if got := ValidRole(c); got != want {
			t.Errorf("ValidRole(%q) = %v, want %v", c, got, want)
		}
	}
}

// TestAgreesWithSource checks the generated table against the code books
// it was generated from, when ../shared is beside the repository.
func TestAgreesWithSource(t *testing.T) {
	const names = "../../shared/data/cameo/GDELT.CAMEO.eventcodes.txt"
	const weights = "../../shared/data/cameo/GDELT.CAMEO.goldsteinscale.txt"
	if _, err := os.Stat(names); err != nil {
		t.Skip("../shared not present; the table is checked by the other tests")
	}
	n := 0
	forEachRow(t, names, func(code, name string) {
		n++
		c, ok := Lookup(code)
		if !ok {
			t.Errorf("code %s from the code book is missing", code)
			return
		}
		if !strings.EqualFold(c.Name, strings.TrimSpace(name)) {
			t.Errorf("%s name %q, code book %q", code, c.Name, name)
		}
	})
	if n != len(codes) {
		t.Errorf("code book has %d codes, table %d", n, len(codes))
	}
	forEachRow(t, weights, func(code, w string) {
		want, err := strconv.ParseFloat(w, 64)
		if err != nil {
			t.Fatalf("%s: %v", code, err)
		}
		if c, _ := Lookup(code); c.Goldstein != want {
			t.Errorf("%s Goldstein %v, code book %v", code, c.Goldstein, want)
		}
	})
}

func forEachRow(t *testing.T, path string, f func(a, b string)) {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Scan() // header
	for sc.Scan() {
		a, b, ok := strings.Cut(strings.TrimRight(sc.Text(), "\r"), "\t")
		if ok && a != "" {
			f(a, b)
		}
	}
}
