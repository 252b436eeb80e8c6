package nlp

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTokens(t *testing.T) {
	tests := []struct {
		text string
		want string // tokens as text/kind separated by spaces
	}{
		{"", ""},
		{"North Korea's envoy", "North/word Korea/word 's/word envoy/word"},
		{"Kim Jong-un", "Kim/word Jong/word -/punct un/word"},
		{"The U.S. and the U.N.", "The/word U.S./word and/word the/word U.N./word"},
		{"$10.5 billion, 3.5%", "$/punct 10.5/number billion/word ,/punct 3.5/number %/punct"},
		{"2,012 people in 2012.", "2,012/number people/word in/word 2012/number ./punct"},
		{"the 1990s and the 100th", "the/word 1990s/alnum and/word the/word 100th/alnum"},
		{"don't stop", "don't/word stop/word"},
		{"“Stop,” he said...", "“/punct Stop/word ,/punct ”/punct he/word said/word .../punct"},
		{"Japan’s envoy", "Japan/word ’s/word envoy/word"},
		{"2013-03-05", "2013/number -/punct 03/number -/punct 05/number"},
		{"Mr. Abe", "Mr/word ./punct Abe/word"},
		{"Zürich and Москва", "Zürich/word and/word Москва/word"},
		{"e.g. Iran", "e.g./word Iran/word"},
		{"'90s", "'/punct 90s/alnum"},
	}
	for _, tt := range tests {
		const base = 10
		got := Tokens(tt.text, base)
		var parts []string
		for _, tok := range got {
			if tok.Start < base || tok.End > base+len(tt.text) || tt.text[tok.Start-base:tok.End-base] != tok.Text {
				t.Errorf("Tokens(%q): token %q has bad span [%d, %d)", tt.text, tok.Text, tok.Start, tok.End)
			}
			parts = append(parts, tok.Text+"/"+tok.Kind.String())
		}
		if diff := cmp.Diff(tt.want, strings.Join(parts, " ")); diff != "" {
			t.Errorf("Tokens(%q) mismatch (-want +got):\n%s", tt.text, diff)
		}
	}
}

func TestAppendTokensReuses(t *testing.T) {
	buf := make([]Token, 0, 16)
	got := AppendTokens(buf, "one two", 0)
	if len(got) != 2 || &got[0] != &buf[:1][0] {
		t.Errorf("AppendTokens did not append into the given buffer")
	}
	if allocs := testing.AllocsPerRun(100, func() { buf = AppendTokens(buf[:0], "In early August, talks restarted.", 0) }); allocs != 0 {
		t.Errorf("AppendTokens allocates %v times per call with a large enough buffer", allocs)
	}
}

func FuzzTokens(f *testing.F) {
	for _, s := range []string{"U.S.A. 10.5 2,012 'Korea's'", "\xff\xfe", "a’s ’s", "...."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		prev := 0
		for _, tok := range Tokens(text, 0) {
			if tok.Start < prev || tok.End > len(text) || tok.Start >= tok.End || text[tok.Start:tok.End] != tok.Text {
				t.Fatalf("token %q: bad span [%d, %d)", tok.Text, tok.Start, tok.End)
			}
			prev = tok.End
		}
	})
}
