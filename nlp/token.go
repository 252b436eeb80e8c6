package nlp

import (
	"unicode"
	"unicode/utf8"
)

// TokenKind classifies a Token.
type TokenKind uint8

const (
	Word   TokenKind = iota + 1 // letters, with internal apostrophes ("don't") or dots ("U.S.")
	Number                      // digits, with internal separators: "2012", "2,012", "10.5"
	Alnum                       // letters and digits mixed: "1990s", "10th", "G20", "MH17"
	Punct                       // any other single character ("$", "%", "-", "“"), or "..."
)

func (k TokenKind) String() string {
	switch k {
	case Word:
		return "word"
	case Number:
		return "number"
	case Alnum:
		return "alnum"
	case Punct:
		return "punct"
	}
	return "none"
}

// Token is one token of a text. Start and End are byte offsets (End
// exclusive) into the string given to Tokens, plus its base; Text is that
// substring.
type Token struct {
	Text       string
	Start, End int
	Kind       TokenKind
}

// Tokens splits text into tokens. base is added to every offset, so that a
// sentence's tokens carry offsets into its story (pass Sentence.Start).
//
// Words split at hyphens and before a possessive "'s" ("Kim", "Jong", "-",
// "un"; "Korea", "'s"); dotted abbreviations made of single letters keep
// their dots ("U.S.", "e.g."); numbers keep internal thousands separators
// and decimal points ("2,012", "10.5"); every other character is a token of
// its own, except that "..." stays together.
func Tokens(text string, base int) []Token {
	return AppendTokens(nil, text, base)
}

// AppendTokens appends the tokens of text to dst and returns the extended
// slice, so that callers can reuse one buffer across sentences.
func AppendTokens(dst []Token, text string, base int) []Token {
	i := 0
	n := len(text)
	for i < n {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
				i++
				continue
			case isASCIIAlnum(c):
				j, kind := scanWord(text, i)
				dst = append(dst, Token{Text: text[i:j], Start: base + i, End: base + j, Kind: kind})
				i = j
				continue
			case c == '.' && i+2 < n && text[i+1] == '.' && text[i+2] == '.':
				j := i + 3
				for j < n && text[j] == '.' {
					j++
				}
				dst = append(dst, Token{Text: text[i:j], Start: base + i, End: base + j, Kind: Punct})
				i = j
				continue
			case (c == '\'') && i+1 < n && (text[i+1] == 's' || text[i+1] == 'S') && (i+2 == n || !isWordRuneAt(text, i+2)) && i > 0 && isWordRuneBefore(text, i):
				dst = append(dst, Token{Text: text[i : i+2], Start: base + i, End: base + i + 2, Kind: Word})
				i += 2
				continue
			default:
				dst = append(dst, Token{Text: text[i : i+1], Start: base + i, End: base + i + 1, Kind: Punct})
				i++
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j, kind := scanWord(text, i)
			dst = append(dst, Token{Text: text[i:j], Start: base + i, End: base + j, Kind: kind})
			i = j
		case r == '’' && i+size < n && (text[i+size] == 's' || text[i+size] == 'S') && (i+size+1 == n || !isWordRuneAt(text, i+size+1)) && i > 0 && isWordRuneBefore(text, i):
			j := i + size + 1
			dst = append(dst, Token{Text: text[i:j], Start: base + i, End: base + j, Kind: Word})
			i = j
		default:
			dst = append(dst, Token{Text: text[i : i+size], Start: base + i, End: base + i + size, Kind: Punct})
			i += size
		}
	}
	return dst
}

func isASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isWordRuneAt reports whether a letter, digit or mark starts at text[i].
func isWordRuneAt(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	c := text[i]
	if c < utf8.RuneSelf {
		return isASCIIAlnum(c)
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// isWordRuneBefore reports whether a letter, digit or mark ends at text[:i].
func isWordRuneBefore(text string, i int) bool {
	if i <= 0 {
		return false
	}
	c := text[i-1]
	if c < utf8.RuneSelf {
		return isASCIIAlnum(c)
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// scanWord scans a word, number or alphanumeric token starting at text[i]
// and returns its end and kind.
func scanWord(text string, i int) (int, TokenKind) {
	n := len(text)
	start := i
	letters, digits := false, false
	for i < n {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case isASCIILetter(c):
				letters = true
				i++
				continue
			case isDigit(c):
				digits = true
				i++
				continue
			case c == '.':
				// "10.5": a decimal point between digits.
				if digits && !letters && i+1 < n && isDigit(text[i+1]) && isDigit(text[i-1]) {
					i++
					continue
				}
				// "U.S.", "e.g.": single letters each followed by a dot.
				if letters && !digits && i-start >= 1 && isSingleLetterSegment(text, start, i) && i+2 <= n {
					if j := scanDotted(text, start); j > 0 {
						return j, Word
					}
				}
				return i, kindOf(letters, digits)
			case c == ',':
				// "2,012": thousands separators between digit groups of three.
				if digits && !letters && isDigit(text[i-1]) && threeDigits(text, i+1) {
					i++
					continue
				}
				return i, kindOf(letters, digits)
			case c == '\'':
				// "don't", "O'Neill"; but "Korea's" stops before "'s".
				if letters && i+1 < n && isASCIILetter(text[i+1]) && !possessiveAt(text, i+1) {
					i++
					continue
				}
				return i, kindOf(letters, digits)
			}
			return i, kindOf(letters, digits)
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsLetter(r) || unicode.IsMark(r):
			letters = true
			i += size
		case unicode.IsDigit(r):
			digits = true
			i += size
		case r == '’' && letters && i+size < n && isWordRuneAt(text, i+size) && !possessiveAt(text, i+size):
			i += size
		default:
			return i, kindOf(letters, digits)
		}
	}
	return i, kindOf(letters, digits)
}

// possessiveAt reports whether text[i:] is "s" (or "S") ending a word.
func possessiveAt(text string, i int) bool {
	return i < len(text) && (text[i] == 's' || text[i] == 'S') && !isWordRuneAt(text, i+1)
}

func threeDigits(text string, i int) bool {
	return i+3 <= len(text) && isDigit(text[i]) && isDigit(text[i+1]) && isDigit(text[i+2]) &&
		(i+3 == len(text) || !isDigit(text[i+3]))
}

// isSingleLetterSegment reports whether text[start:i] is one ASCII letter
// or ends with "X" after a dot (the segments of "U.S.").
func isSingleLetterSegment(text string, start, i int) bool {
	return i-start == 1 || (i-start >= 2 && text[i-2] == '.')
}

// scanDotted returns the end of a dotted abbreviation of single letters
// starting at text[start] ("U.S.", "U.N.", "e.g.", "a.m."), including its
// final dot, or 0 if there is none.
func scanDotted(text string, start int) int {
	i := start
	segs := 0
	for i+1 < len(text) && isASCIILetter(text[i]) && text[i+1] == '.' {
		segs++
		i += 2
	}
	if segs < 2 || (i < len(text) && isWordRuneAt(text, i)) {
		return 0
	}
	return i
}

func kindOf(letters, digits bool) TokenKind {
	switch {
	case letters && digits:
		return Alnum
	case digits:
		return Number
	}
	return Word
}
