package server

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzHighlight checks that any spans, however wrong, give valid UTF-8
// with the text's characters in order and never panic.
func FuzzHighlight(f *testing.F) {
	f.Add("Japan’s envoy met North Korea.", 0, 30, 0, 5, 14, 17)
	f.Add("", 0, 0, -1, 3, 2, 1)
	f.Add("é", 0, 2, 1, 2, 0, 1)
	f.Fuzz(func(t *testing.T, text string, lo, hi, a, b, c, d int) {
		if !utf8.ValidString(text) {
			return
		}
		out := string(highlight(text, lo, hi, []mark{{a, b, "src", "x"}, {c, d, "trg", "<y>"}}))
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 from %q", text)
		}
		if strings.Count(out, "<mark") != strings.Count(out, "</mark>") {
			t.Fatalf("unbalanced marks: %s", out)
		}
		s, e := sentenceBounds(text, a, b)
		if s < 0 || e > len(text) || s > e {
			t.Fatalf("sentenceBounds(%q, %d, %d) = %d, %d", text, a, b, s, e)
		}
	})
}
