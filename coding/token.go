package coding

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tok is one token of a sentence as the coder sees it: the upper-case form
// used for dictionary look-ups and its byte span in the story text.
type tok struct {
	up         string // upper case, TreeBank-like: "'S", "N'T", "DID"
	text       string // as written
	low        string // lower case (for modality)
	start, end int
	cap        bool // starts with an upper-case letter in the text
	punct      bool
}

// tokenize splits text (which starts at byte base of the story) into
// tokens, appending to dst. It splits punctuation, possessive "'s" and
// "n't" contractions the way the Penn TreeBank does ("didn't" gives "did"
// "n't", "won't" gives "wo" "n't"), keeps abbreviations ("U.S.", "K.U.")
// and hyphenated words whole, and treats "_" as a space.
func tokenize(dst []tok, text string, base int) []tok {
	i := 0
	n := len(text)
	for i < n {
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) || r == '_' {
			i += size
			continue
		}
		// A run of non-space characters.
		j := i
		for j < n {
			r2, s2 := utf8.DecodeRuneInString(text[j:])
			if unicode.IsSpace(r2) || r2 == '_' {
				break
			}
			j += s2
		}
		dst = splitWord(dst, text, i, j, base)
		i = j
	}
	return dst
}

func isOpenPunct(r rune) bool {
	switch r {
	case '(', '[', '{', '"', '\'', '“', '‘', '`', '«':
		return true
	}
	return false
}

func isClosePunct(r rune) bool {
	switch r {
	case ',', ';', ':', '!', '?', ')', ']', '}', '"', '\'', '”', '’', '.', '»', '`':
		return true
	}
	return false
}

// splitWord splits text[i:j] (no spaces) into tokens.
func splitWord(dst []tok, text string, i, j, base int) []tok {
	// Leading punctuation.
	for i < j {
		r, s := utf8.DecodeRuneInString(text[i:j])
		if !isOpenPunct(r) && !(r == '-' && i+s < j && text[i+s] == '-') {
			break
		}
		if r == '-' {
			dst = appendTok(dst, text, i, i+2, base, true)
			i += 2
			continue
		}
		dst = appendTok(dst, text, i, i+s, base, true)
		i += s
	}
	// Trailing punctuation, collected right to left.
	var tail [8][2]int
	nt := 0
	for j > i && nt < len(tail) {
		r, s := utf8.DecodeLastRuneInString(text[i:j])
		if !isClosePunct(r) {
			break
		}
		if r == '.' && isAbbrev(text[i:j]) {
			break
		}
		// Possessive plural "nations'" keeps its apostrophe as a token.
		tail[nt] = [2]int{j - s, j}
		nt++
		j -= s
	}
	if j > i {
		w := text[i:j]
		// Possessive 's / ’s.
		if k := possessive(w); k > 0 {
			dst = splitInner(dst, text, i, i+k, base)
			dst = appendTok(dst, text, i+k, j, base, false)
		} else if k := contraction(w); k > 0 {
			dst = appendTok(dst, text, i, i+k, base, false)
			dst = appendTok(dst, text, i+k, j, base, false)
		} else {
			dst = splitInner(dst, text, i, j, base)
		}
	}
	for k := nt - 1; k >= 0; k-- {
		dst = appendTok(dst, text, tail[k][0], tail[k][1], base, true)
	}
	return dst
}

// splitInner splits inner punctuation that separates words ("Japan/China",
// "talks--which") but keeps hyphens, apostrophes and periods of
// abbreviations.
func splitInner(dst []tok, text string, i, j, base int) []tok {
	start := i
	for k := i; k < j; {
		r, s := utf8.DecodeRuneInString(text[k:j])
		if r == '/' || r == ',' || r == ';' || (r == '-' && k+1 < j && text[k+1] == '-') {
			if k > start {
				dst = appendTok(dst, text, start, k, base, false)
			}
			w := s
			if r == '-' {
				w = 2
			}
			dst = appendTok(dst, text, k, k+w, base, true)
			k += w
			start = k
			continue
		}
		k += s
	}
	if j > start {
		dst = appendTok(dst, text, start, j, base, false)
	}
	return dst
}

// possessive returns the index of "'s" at the end of w, or 0.
func possessive(w string) int {
	if len(w) > 2 && (strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "'S")) {
		return len(w) - 2
	}
	if len(w) > 4 && (strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "’S")) {
		return len(w) - 4
	}
	return 0
}

// contraction returns the index of "n't" at the end of w, or 0.
func contraction(w string) int {
	lw := strings.ToLower(w)
	for _, suf := range []string{"n't", "n’t"} {
		if len(lw) > len(suf) && strings.HasSuffix(lw, suf) {
			return len(w) - len(suf)
		}
	}
	return 0
}

// isAbbrev reports whether w, ending in ".", is an abbreviation whose
// period belongs to it: "U.S.", "K.U.", "Mr.", "W.".
func isAbbrev(w string) bool {
	if strings.Count(w, ".") >= 2 {
		core := strings.TrimRight(w, ".")
		return strings.Contains(core, ".") && len(core) <= 12
	}
	core := w[:len(w)-1]
	if len(core) == 1 && core[0] >= 'A' && core[0] <= 'Z' {
		return true
	}
	switch core {
	case "Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "Sgt", "Capt", "Maj", "Rep", "Sen", "Gov", "Pres", "Prof", "St", "Jr", "Sr", "No", "Adm", "Cmdr", "Rev", "Mt", "Ft", "Co", "Corp", "Inc", "Ltd", "Jan", "Feb", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", "vs", "etc":
		return true
	}
	return false
}

func appendTok(dst []tok, text string, i, j, base int, punct bool) []tok {
	w := text[i:j]
	t := tok{start: base + i, end: base + j, punct: punct, text: w}
	r, _ := utf8.DecodeRuneInString(w)
	t.cap = unicode.IsUpper(r)
	t.up = upper(w)
	t.low = strings.ToLower(w)
	if !punct {
		// Normalise typographic apostrophes.
		if strings.ContainsRune(t.up, '’') {
			t.up = strings.ReplaceAll(t.up, "’", "'")
			t.low = strings.ReplaceAll(t.low, "’", "'")
		}
	} else {
		switch w {
		case "’", "‘", "`":
			t.up, t.low = "'", "'"
		case "“", "”", "«", "»":
			t.up, t.low = "\"", "\""
		}
	}
	return append(dst, t)
}

// upper is strings.ToUpper with an ASCII fast path.
func upper(s string) string {
	ascii, hasLower := true, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			ascii = false
			break
		}
		if c >= 'a' && c <= 'z' {
			hasLower = true
		}
	}
	if ascii && !hasLower {
		return s
	}
	return strings.ToUpper(s)
}
