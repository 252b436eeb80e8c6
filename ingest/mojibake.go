package ingest

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// repairMojibakeAll repairs text that was mis-decoded more than once
// ("Ã¢â‚¬Å“" is "“" mis-decoded twice): repairMojibake until nothing
// changes. Each repair shortens the text, so this ends.
func repairMojibakeAll(s string) (string, int) {
	total := 0
	for {
		fixed, n := repairMojibake(s)
		if n == 0 {
			break
		}
		s, total = fixed, total+n
	}
	return s, total
}

// repairMojibake undoes UTF-8 text that was once decoded as Windows-1252
// (or Latin-1) and encoded again: "â€œ" becomes "“", "Ã©" becomes "é".
// Each run of non-ASCII characters that Windows-1252 can encode is turned
// back into bytes, and every complete multi-byte UTF-8 sequence among them
// is decoded; other characters are kept as they are, so genuine accented
// text ("café", "£5") is left alone. A U+FFFD after "â€" stands for the
// byte 0x9D, which Windows-1252 does not define ("â€�" is "”"); "Â"
// before a space was a no-break space. It returns the repaired text and
// the number of sequences repaired (0: s is returned unchanged).
func repairMojibake(s string) (string, int) {
	if !mayBeMojibake(s) {
		return s, 0
	}
	var b strings.Builder
	n := 0
	last := 0 // s[:last] is written or decided
	var runBytes []byte
	var runRunes []rune
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r < utf8.RuneSelf {
			i++
			continue
		}
		// a run of encodable non-ASCII runes starting at i
		start := i
		runBytes, runRunes = runBytes[:0], runRunes[:0]
		for i < len(s) {
			r, size = utf8.DecodeRuneInString(s[i:])
			c, ok := cp1252Byte(r, runBytes)
			if !ok {
				break
			}
			runBytes = append(runBytes, c)
			runRunes = append(runRunes, r)
			i += size
		}
		if len(runBytes) < 2 {
			if len(runBytes) == 0 {
				i += size // a rune Windows-1252 cannot hold
			}
			continue
		}
		fixed, k := redecode(runBytes, runRunes)
		if k == 0 {
			continue
		}
		if b.Len() == 0 {
			b.Grow(len(s))
		}
		b.WriteString(s[last:start])
		b.WriteString(fixed)
		last = i
		n += k
	}
	if n == 0 {
		return s, 0
	}
	b.WriteString(s[last:])
	out := b.String()
	if strings.Contains(out, "Â ") { // "Â" + no-break space that became a space
		out = strings.ReplaceAll(out, "Â ", " ")
	}
	return out, n
}

// mayBeMojibake is a fast test for the lead characters of UTF-8 read as
// Windows-1252 ("Â".."ô" followed by another non-ASCII character).
func mayBeMojibake(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != 0xC3 && s[i] != 0xC2 { // "Ã", "â": U+00C0-U+00FF start with C3
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r < 0xC2 || r > 0xF4 {
			continue
		}
		if j := i + size; j < len(s) && s[j] >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// cp1252Byte is the Windows-1252 byte for r. C1 controls stand for their
// own byte (Latin-1 decoding), and U+FFFD after "â€" for 0x9D.
func cp1252Byte(r rune, prev []byte) (byte, bool) {
	switch {
	case r < utf8.RuneSelf:
		return 0, false
	case r >= 0x80 && r <= 0x9F:
		return byte(r), true
	case r == utf8.RuneError:
		if n := len(prev); n >= 2 && prev[n-2] == 0xE2 && prev[n-1] == 0x80 {
			return 0x9D, true
		}
		return 0, false
	}
	return charmap.Windows1252.EncodeRune(r)
}

// redecode decodes the complete multi-byte UTF-8 sequences in b and keeps
// the original rune for every other byte. It returns the text and how many
// sequences it decoded.
func redecode(b []byte, orig []rune) (string, int) {
	var out []byte
	n := 0
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r != utf8.RuneError && size >= 2 {
			out = utf8.AppendRune(out, r)
			i += size
			n++
			continue
		}
		out = utf8.AppendRune(out, orig[i])
		i++
	}
	return string(out), n
}
