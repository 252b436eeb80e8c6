package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"unicode"
	"unicode/utf8"

	"github.com/parley-events/parley"
	"golang.org/x/text/unicode/norm"
)

// finish sets the story's Hash and, when id is empty and the story has
// none, its ID (the first 16 hex digits of the hash).
func finish(s *parley.Story, id string) {
	sum := sha256.Sum256(normalizeForHash(s.Text))
	s.Hash = hex.EncodeToString(sum[:])
	if id != "" {
		s.ID = id
	}
	if s.ID == "" {
		s.ID = s.Hash[:16]
	}
}

// normalizeForHash is the body as the hash sees it: NFKC, lower case,
// runs of white space as one space, no leading or trailing space. Two
// copies of a story that differ only in layout or case hash the same.
func normalizeForHash(text string) []byte {
	if !isASCII(text) {
		text = norm.NFKC.String(text)
	}
	b := make([]byte, 0, len(text))
	space := false
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v' {
				space = len(b) > 0
				continue
			}
			if space {
				b = append(b, ' ')
				space = false
			}
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if unicode.IsSpace(r) {
			space = len(b) > 0
			continue
		}
		if space {
			b = append(b, ' ')
			space = false
		}
		b = utf8.AppendRune(b, unicode.ToLower(r))
	}
	return b
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
