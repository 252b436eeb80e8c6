package dict

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/parley-events/parley"
)

func TestActors(t *testing.T) {
	src := `<!-- a comment
spanning lines -->
JAPAN [JPN] # comment
+JAPANESE
+NIPPON_
GOLLUM  # person
+SMEAGOL
	[HOB < 950601]
	[HOBGOV 19950601 - 19990815]
	[HOBREB > 990816]
THE_SHIRE  [FRO/BIL/SAM]
STACKED_NAME
OTHER_NAME
	[XYZ]
BAD [950601-990815]
NOCODE
`
	f, err := Parse("test.actors.txt", []byte(src))
	if f.Kind != KindActors {
		t.Fatalf("kind %v, want actors", f.Kind)
	}
	var pe *parley.Error
	if err == nil || !errors.As(err, &pe) || pe.Kind != parley.Invalid {
		t.Fatalf("want Invalid errors for the bad lines, got %v", err)
	}
	// BAD's code is a date, so BAD (and NOCODE stacked under it) has none.
	if !strings.Contains(err.Error(), "test.actors.txt:15: bad actor code") || !strings.Contains(err.Error(), "has no code") {
		t.Errorf("errors should name line 15: %v", err)
	}
	if len(f.Actors) != 4 {
		t.Fatalf("got %d actors, want 4: %+v", len(f.Actors), f.Actors)
	}
	if got := f.Actors[0].Names; !reflect.DeepEqual(got, [][]string{{"JAPAN"}, {"JAPANESE"}, {"NIPPON"}}) {
		t.Errorf("names %v", got)
	}
	g := f.Actors[1]
	for _, c := range []struct {
		date int
		want string
	}{{19900101, "HOB"}, {19950531, "HOB"}, {19950601, "HOBGOV"}, {19990815, "HOBGOV"}, {19990817, "HOBREB"}, {20200101, "HOBREB"}} {
		if got := g.CodeOn(c.date); got != c.want {
			t.Errorf("CodeOn(%d) = %s, want %s", c.date, got, c.want)
		}
	}
	if got := len(f.Actors[2].Codes); got != 3 {
		t.Errorf("FRO/BIL/SAM gave %d codes, want 3", got)
	}
	if got := f.Actors[3].Names; len(got) != 2 || got[0][0] != "STACKED" {
		t.Errorf("stacked names %v", got)
	}
}

func TestAgents(t *testing.T) {
	src := `!PERSON! = MAN, WOMAN
WOMAN {WOMEN} [~CVL]
POLICE {} [ ~COP]
MINISTRY [~GOV]
MSF {} [NGO~]
CONGRESS!PERSON! [~LEG]
NOCODE
`
	f, err := Parse("x.agents.txt", []byte(src))
	if err == nil || !strings.Contains(err.Error(), "x.agents.txt:7") {
		t.Fatalf("want an error for line 7, got %v", err)
	}
	names := map[string]string{}
	for _, a := range f.Agents {
		for _, n := range a.Names {
			names[strings.Join(n, " ")] = a.Code
		}
		if a.Code == "NGO" && !a.Prefix {
			t.Errorf("MSF should be a prefix agent")
		}
	}
	for name, code := range map[string]string{"WOMAN": "CVL", "WOMEN": "CVL", "POLICE": "COP", "MINISTRY": "GOV", "MINISTRIES": "GOV", "CONGRESSMAN": "LEG", "CONGRESSWOMEN": "LEG", "MSF": "NGO"} {
		if names[name] != code {
			t.Errorf("%s: got %q, want %q", name, names[name], code)
		}
	}
	if _, ok := names["POLICES"]; ok {
		t.Errorf("POLICE {} must have no plural")
	}
}

func TestVerbs(t *testing.T) {
	src := `&CURRENCY
+DOLLARS
+SWISS FRANCS
--- BREAK [1717] ---
BREAK { BROKE BROKEN }
+BREAK_DOWN {+BROKE_DOWN}
WIRE_+TAP [1711]
- + KNOWN_ * IN_ $  [076]  # comment
- * &CURRENCY [903]
- * &UNKNOWN [1]
- no star [2]
`
	f, err := Parse("my.verbs.txt", []byte(src))
	if err == nil || !strings.Contains(err.Error(), "my.verbs.txt:10") || !strings.Contains(err.Error(), "my.verbs.txt:11") {
		t.Fatalf("want errors for lines 10 and 11, got %v", err)
	}
	v := f.Verbs
	if len(v.Synsets["CURRENCY"]) != 2 {
		t.Errorf("synset %v", v.Synsets)
	}
	b := v.Blocks[0]
	if b.Name != "BREAK" || b.Code != "1717" || len(b.Verbs) != 3 {
		t.Fatalf("block %+v", b)
	}
	if w := b.Verbs[2]; !reflect.DeepEqual(w.Words, []string{"WIRE", "TAP"}) || w.Head != 1 || w.Code != "1711" {
		t.Errorf("multi-word verb %+v", w)
	}
	p := b.Patterns[0]
	want := []Elem{{Kind: ElemTarget}, {Kind: ElemWord, Word: "KNOWN", Adjacent: false}}
	if !reflect.DeepEqual(p.Pre, want) {
		t.Errorf("pre %+v, want %+v", p.Pre, want)
	}
	wantPost := []Elem{{Kind: ElemWord, Word: "IN", Adjacent: false}, {Kind: ElemSource}}
	if !reflect.DeepEqual(p.Post, wantPost) || p.Code != "076" {
		t.Errorf("post %+v code %s, want %+v", p.Post, p.Code, wantPost)
	}
}

func TestVerbForms(t *testing.T) {
	for base, want := range map[string][]string{
		"ATTACK": {"ATTACK", "ATTACKS", "ATTACKED", "ATTACKING"},
		"STAB":   {"STAB", "STABS", "STABED", "STABING", "STABBED", "STABBING"},
		"RAISE":  {"RAISE", "RAISES", "RAISED", "RAISING"},
		"DENY":   {"DENY", "DENIES", "DENIED", "DENYING"},
		"REACH":  {"REACH", "REACHES", "REACHED", "REACHING"},
	} {
		if got := VerbForms(base); !reflect.DeepEqual(got, want) {
			t.Errorf("VerbForms(%s) = %v, want %v", base, got, want)
		}
	}
}

func TestDetectKind(t *testing.T) {
	for _, c := range []struct {
		name, content string
		want          Kind
	}{
		{"PETR.Validate.verbs.txt", "", KindVerbs},
		{"x.txt", "--- ATTACK [190] ---\nATTACK\n", KindVerbs},
		{"x.txt", "WOMAN [~CVL]\n", KindAgents},
		{"x.txt", "JAPAN [JPN]\n", KindActors},
		{"x.txt", "TYPHOON\n+ESPN\n", KindDiscards},
		{"x.txt", "", KindUnknown},
	} {
		if got := DetectKind(c.name, []byte(c.content)); got != c.want {
			t.Errorf("DetectKind(%q, %q) = %v, want %v", c.name, c.content, got, c.want)
		}
	}
	if _, err := Parse("x.txt", nil); parley.KindOf(err) != parley.Invalid {
		t.Errorf("an unknown kind should be Invalid, got %v", err)
	}
}

func FuzzVerbs(f *testing.F) {
	f.Add([]byte("&S\n+A B\n--- X [010] ---\nX {Y Z}\n+A_B {+C_B}\n- + A_* &S $ ^ % [011:012]\n"))
	f.Add([]byte("--- [\n- * [\n&\n+\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		fl, _ := Parse("f.verbs.txt", b)
		if fl == nil || fl.Verbs == nil {
			t.Fatal("nil result")
		}
		for _, bl := range fl.Verbs.Blocks {
			for _, v := range bl.Verbs {
				if len(v.Words) == 0 || v.Head < 0 || v.Head >= len(v.Words) {
					t.Fatalf("bad verb %+v", v)
				}
			}
		}
	})
}

func FuzzActors(f *testing.F) {
	f.Add([]byte("A [B]\n+C\n\t[D <950101]\n\t[E 20010101-20020101]\n[F]\nG\n"))
	f.Add([]byte("[\n+\n\t[>]\nX [Y/]\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		fl, _ := Parse("f.actors.txt", b)
		for _, a := range fl.Actors {
			if len(a.Names) == 0 || len(a.Codes) == 0 {
				t.Fatalf("actor without names or codes: %+v", a)
			}
			a.CodeOn(20000101)
		}
	})
}

func FuzzAgents(f *testing.F) {
	f.Add([]byte("!P! = A, B\nX!P! {Y} [~GOV]\nZ [NGO~]\n"))
	f.Add([]byte("!\n!!=\n{ [\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		fl, _ := Parse("f.agents.txt", b)
		for _, a := range fl.Agents {
			if a.Code == "" || len(a.Names) == 0 {
				t.Fatalf("bad agent %+v", a)
			}
		}
	})
}

func FuzzDiscards(f *testing.F) {
	f.Add([]byte("+TYPHOON\nBASEBALL ; x\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		fl, _ := Parse("f.discards.txt", b)
		for _, d := range fl.Discards {
			if len(d.Words) == 0 {
				t.Fatal("empty discard")
			}
		}
	})
}

// Binary data is refused whole; a line of invalid UTF-8 or control
// characters is one error naming the line, and the lines around it are read.
func TestParseBadBytes(t *testing.T) {
	fl, err := Parse("x.actors.txt", []byte("JAPAN [JPN]\n\x00\x01\x02\xff\nCHINA [CHN]\n"))
	if parley.KindOf(err) != parley.Invalid || len(fl.Actors) != 0 {
		t.Errorf("binary file: %d actors, error %v; want none and Invalid", len(fl.Actors), err)
	}
	if fl, err := Parse("x.verbs.txt", []byte{0, 1, 2}); err == nil || fl.Verbs == nil {
		t.Errorf("binary verbs file: %+v, %v", fl, err)
	}
	fl, err = Parse("x.actors.txt", []byte("JAPAN [JPN]\nCAF\xe9 [FRA]\nESC\x1b [ESC]\nCHINA [CHN]\r\n"))
	var pe *parley.Error
	if !errors.As(err, &pe) || pe.Op != "dict: x.actors.txt:2" {
		t.Errorf("error %v, want the first one on dict: x.actors.txt:2", err)
	}
	if j, ok := err.(interface{ Unwrap() []error }); !ok || len(j.Unwrap()) != 2 {
		t.Errorf("error %v, want one per bad line (2)", err)
	}
	if len(fl.Actors) != 2 {
		t.Errorf("%d actors read around the bad lines, want 2: %+v", len(fl.Actors), fl.Actors)
	}
}
