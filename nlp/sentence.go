package nlp

import (
	"unicode"
	"unicode/utf8"

	"github.com/parley-events/parley"
)

// Sentences splits text into sentences. Each Sentence has its Index (0,
// 1, ...), its Start and End byte offsets into text and its Text
// (text[Start:End], without surrounding white space); Times and Context are
// left empty (Analyze fills them).
//
// A sentence ends at ".", "!", "?", "…" or "..." followed by white space
// (closing quotes and brackets after the mark belong to the sentence), at a
// blank line (so a headline without final punctuation is a sentence of its
// own), and at the end of a bullet line. A period does not end a sentence
// after a title ("Mr.", "Gen.", "Sen."), an initial ("J. R. R. Tolkien"),
// a number label ("No. 5", "Jan. 5"), a dotted abbreviation ("U.S.", "U.N.")
// or a company suffix ("Inc.", "Co.") unless the next word plainly starts a
// new sentence ("The", "He", "But", ...). A quotation followed by a
// lower-case word continues ("Stop!" he said). In all-lower-case text a
// period followed by a lower-case word still ends a sentence unless the
// word before it is a known abbreviation. A sentence longer than
// MaxSentenceBytes is cut at the next space (see MaxSentenceBytes).
func Sentences(text string) []parley.Sentence {
	return AppendSentences(nil, text)
}

// MaxSentenceBytes bounds a sentence: text that runs on for longer than this
// without a sentence end (no real news sentence does) is cut at the next
// space, and at any character after twice the bound when it has no space.
// The coder's work on a sentence grows faster than its length, so an
// unbounded sentence lets one bad input stall a whole batch.
const MaxSentenceBytes = 4096

// AppendSentences appends the sentences of text to dst and returns the
// extended slice; each new sentence's Index is its position in the result.
func AppendSentences(dst []parley.Sentence, text string) []parley.Sentence {
	sp := splitter{text: text, dst: dst, start: -1, lower: lowerCase(text)}
	sp.run()
	return sp.dst
}

type splitter struct {
	text   string
	dst    []parley.Sentence
	start  int  // start of the current sentence, -1 between sentences
	bullet bool // the current sentence is a bullet item
	lower  bool // the text is in lower case (no capitals to mark sentence starts)
}

// lowerCase reports whether text is written without capitals (some corpora
// lower-case everything): fewer than 1 in 200 of its first 1,000 ASCII
// letters are capitals.
func lowerCase(text string) bool {
	upper, letters := 0, 0
	for i := 0; i < len(text) && letters < 1000; i++ {
		c := text[i]
		switch {
		case c >= 'A' && c <= 'Z':
			upper++
			if upper >= 5 {
				return false // a cased text, whatever follows
			}
			letters++
		case c >= 'a' && c <= 'z':
			letters++
		}
	}
	return letters >= 20 && upper*200 < letters
}

func (sp *splitter) run() {
	text := sp.text
	n := len(text)
	i := 0
	for i < n {
		c := text[i]
		if c == '\n' {
			j := i + 1
			blank := false
			for j < n {
				d := text[j]
				if d == '\n' {
					blank = true
				} else if d != ' ' && d != '\t' && d != '\r' && d != '\f' && d != '\v' {
					break
				}
				j++
			}
			if sp.start >= 0 && (blank || sp.bullet || bulletLen(text, j) > 0) {
				sp.emit(i)
			}
			i = j
			continue
		}
		if sp.start < 0 {
			if c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' {
				i++
				continue
			}
			if c >= utf8.RuneSelf {
				r, size := utf8.DecodeRuneInString(text[i:])
				if unicode.IsSpace(r) {
					i += size
					continue
				}
			}
			sp.start = i
			sp.bullet = false
			if lineStart(text, i) {
				if b := bulletLen(text, i); b > 0 {
					sp.bullet = true
					i += b
					continue
				}
			}
		}
		switch {
		case c == '.' || c == '!' || c == '?':
			i = sp.terminal(i)
		case c == 0xE2 && i+2 < n && text[i+1] == 0x80 && text[i+2] == 0xA6: // …
			i = sp.terminal(i)
		case c == 0xE3 && i+2 < n && text[i+1] == 0x80 && text[i+2] == 0x82: // 。
			i = sp.terminal(i)
		case c == 0xEF && i+2 < n && text[i+1] == 0xBC && (text[i+2] == 0x81 || text[i+2] == 0x9F): // ！？
			i = sp.terminal(i)
		default:
			// A run-on "sentence" (a page of text without punctuation, a
			// 50 MB line) is cut at the first space after MaxSentenceBytes,
			// or at any character after twice that, so that the stages
			// after the splitter see bounded sentences.
			if l := i - sp.start; sp.start >= 0 && l >= MaxSentenceBytes &&
				(c == ' ' || c == '\t' || (l >= 2*MaxSentenceBytes && utf8.RuneStart(c))) {
				sp.emit(i)
				continue
			}
			i++
		}
	}
	if sp.start >= 0 {
		sp.emit(n)
	}
}

// emit ends the current sentence at end (trimming white space before it).
func (sp *splitter) emit(end int) {
	text := sp.text
	start := sp.start
	sp.start = -1
	for end > start {
		c := text[end-1]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' {
			end--
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeLastRuneInString(text[start:end])
			if unicode.IsSpace(r) {
				end -= size
				continue
			}
		}
		break
	}
	if end <= start {
		return
	}
	sp.dst = append(sp.dst, parley.Sentence{Index: len(sp.dst), Start: start, End: end, Text: text[start:end]})
}

// Character classes of the next word after a sentence-final mark.
const (
	nextEnd = iota
	nextUpper
	nextLower
	nextDigit
	nextOther
)

// terminal handles the sentence-final mark at text[p]: it scans the run of
// marks and closing quotes after it, ends the sentence there if it should,
// and returns the index to continue from.
func (sp *splitter) terminal(p int) int {
	text := sp.text
	n := len(text)
	j := p
	bang, dots, ellipsis, cjk := false, 0, false, false
marks:
	for j < n {
		switch c := text[j]; {
		case c == '.':
			dots++
			j++
		case c == '!' || c == '?':
			bang = true
			j++
		case c == 0xE2 && j+2 < n && text[j+1] == 0x80 && text[j+2] == 0xA6:
			ellipsis = true
			j += 3
		case c == 0xE3 && j+2 < n && text[j+1] == 0x80 && text[j+2] == 0x82:
			bang, cjk = true, true // 。 always ends a sentence, with no space after it
			j += 3
		case c == 0xEF && j+2 < n && text[j+1] == 0xBC && (text[j+2] == 0x81 || text[j+2] == 0x9F):
			bang, cjk = true, true
			j += 3
		default:
			break marks
		}
	}
	quote := false
closers:
	for j < n {
		switch c := text[j]; {
		case c == '"' || c == '\'':
			quote = true
			j++
		case c == ')' || c == ']' || c == '}':
			j++
		case c == 0xE2 && j+2 < n && text[j+1] == 0x80 && (text[j+2] == 0x9D || text[j+2] == 0x99): // ” ’
			quote = true
			j += 3
		case c == 0xC2 && j+1 < n && text[j+1] == 0xBB: // »
			quote = true
			j += 2
		default:
			break closers
		}
	}
	if j < n && !cjk && !spaceAt(text, j) {
		return j // "U.S.A", "10.5", "e.g.,"
	}
	next, word := nextWord(text, j, sp.lower)
	if sp.shouldBreak(p, next, word, bang, dots, ellipsis, quote) {
		sp.emit(j)
	}
	return j
}

func (sp *splitter) shouldBreak(p, next int, word string, bang bool, dots int, ellipsis, quote bool) bool {
	if next == nextEnd {
		return true
	}
	if quote && next == nextLower && (!sp.lower || attribution[word]) {
		return false // "Stop!" he said. / "No." she said.
	}
	if bang {
		return true
	}
	if ellipsis || dots >= 2 {
		return next == nextUpper // "and then ... nothing" continues
	}
	w := wordBefore(sp.text, p)
	if w == "" {
		return true
	}
	var buf [8]byte
	key, ok := lowerKey(&buf, w)
	if ok {
		switch abbrevs[key] {
		case abTitle:
			return false
		case abNumber:
			return next != nextDigit
		case abOther:
			return next == nextUpper && (starters[word] || key == "etc")
		}
	}
	letters, digits, dotted := 0, 0, false
	for k := 0; k < len(w); k++ {
		switch c := w[k]; {
		case isASCIILetter(c):
			letters++
		case isDigit(c):
			digits++
		case c == '.':
			dotted = true
		case c >= utf8.RuneSelf:
			letters++
		}
	}
	if dotted && digits == 0 {
		// "U.S", "U.N", "e.g": a dotted abbreviation.
		return next == nextUpper && starters[word]
	}
	if digits == 0 && isSingleLetter(w) {
		// An initial: "J. R. R. Tolkien", "George W. Bush", "m. venkaiah
		// naidu".
		return next != nextUpper && next != nextLower || next == nextUpper && len(word) > 1 && starters[word]
	}
	// In cased text a lower-case word after a period continues the
	// sentence (an unknown abbreviation, or a typo for a comma); in
	// lower-cased text it starts the next one.
	return next != nextLower || sp.lower
}

func isSingleLetter(w string) bool {
	if len(w) == 1 {
		return isASCIILetter(w[0])
	}
	r, size := utf8.DecodeRuneInString(w)
	return size == len(w) && unicode.IsLetter(r)
}

// lowerKey writes w in lower case to buf and returns it, or false when w
// is too long or not ASCII (no abbreviation is).
func lowerKey(buf *[8]byte, w string) (string, bool) {
	if len(w) > len(buf) {
		return "", false
	}
	for k := 0; k < len(w); k++ {
		c := w[k]
		if c >= utf8.RuneSelf {
			return "", false
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[k] = c
	}
	return string(buf[:len(w)]), true
}

// wordBefore returns the word that ends at text[p], without opening quotes
// or brackets.
func wordBefore(text string, p int) string {
	k := p
	for k > 0 {
		c := text[k-1]
		if c < utf8.RuneSelf {
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' || c == '[' || c == '"' || c == '\'' || c == '/' {
				break
			}
			k--
			continue
		}
		r, size := utf8.DecodeLastRuneInString(text[:k])
		if unicode.IsSpace(r) || r == '“' || r == '‘' || r == '«' {
			break
		}
		k -= size
	}
	return text[k:p]
}

// nextWord classifies the first word after white space and opening quotes
// at text[j:], and returns its leading ASCII letters when it starts with a
// capital (or with any letter when lower is set).
func nextWord(text string, j int, lower bool) (int, string) {
	n := len(text)
	for j < n {
		c := text[j]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == '"' || c == '\'' || c == '(' || c == '[' {
			j++
			continue
		}
		if c < utf8.RuneSelf {
			switch {
			case c >= 'A' && c <= 'Z':
				e := j + 1
				for e < n && isASCIILetter(text[e]) {
					e++
				}
				return nextUpper, text[j:e]
			case c >= 'a' && c <= 'z':
				if lower {
					e := j + 1
					for e < n && isASCIILetter(text[e]) {
						e++
					}
					return nextLower, text[j:e]
				}
				return nextLower, ""
			case isDigit(c):
				return nextDigit, ""
			}
			return nextOther, ""
		}
		r, size := utf8.DecodeRuneInString(text[j:])
		switch {
		case unicode.IsSpace(r) || r == '“' || r == '‘' || r == '«':
			j += size
			continue
		case unicode.IsUpper(r):
			return nextUpper, ""
		case unicode.IsLower(r):
			return nextLower, ""
		case unicode.IsDigit(r):
			return nextDigit, ""
		}
		return nextOther, ""
	}
	return nextEnd, ""
}

// spaceAt reports whether a white-space character starts at text[i].
func spaceAt(text string, i int) bool {
	c := text[i]
	if c < utf8.RuneSelf {
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsSpace(r)
}

// lineStart reports whether only spaces separate text[i] from the start of
// its line.
func lineStart(text string, i int) bool {
	for k := i - 1; k >= 0; k-- {
		switch text[k] {
		case '\n':
			return true
		case ' ', '\t', '\r':
			continue
		}
		return false
	}
	return true
}

// bulletLen returns the length of a bullet marker with its following space
// at text[i] ("- ", "* ", "• ", "1. ", "2) ", "a) "), or 0.
func bulletLen(text string, i int) int {
	n := len(text)
	if i >= n {
		return 0
	}
	m := 0
	switch c := text[i]; {
	case c == '-' || c == '*' || c == '+':
		m = 1
	case c == 0xE2 && i+2 < n && text[i+1] == 0x80 && (text[i+2] == 0xA2 || text[i+2] == 0x93 || text[i+2] == 0x94): // • – —
		m = 3
	case c == 0xC2 && i+1 < n && text[i+1] == 0xB7: // ·
		m = 2
	case isDigit(c):
		k := i
		for k < n && k-i < 3 && isDigit(text[k]) {
			k++
		}
		if k < n && (text[k] == '.' || text[k] == ')') {
			m = k + 1 - i
		}
	case isASCIILetter(c) && i+1 < n && text[i+1] == ')':
		m = 2
	}
	if m == 0 || i+m >= n || (text[i+m] != ' ' && text[i+m] != '\t') {
		return 0
	}
	return m + 1
}

// Abbreviation classes.
const (
	abNone   = iota
	abTitle  // never ends a sentence: "Mr.", "Gen."
	abNumber // does not end one before a number: "No. 5", "Jan. 5"
	abOther  // ends one only before a plain sentence start: "Inc.", "etc."
)

var abbrevs = map[string]uint8{
	"mr": abTitle, "mrs": abTitle, "ms": abTitle, "dr": abTitle, "prof": abTitle, "gen": abTitle,
	"lt": abTitle, "col": abTitle, "maj": abTitle, "capt": abTitle, "cpt": abTitle, "sgt": abTitle,
	"cpl": abTitle, "pvt": abTitle, "adm": abTitle, "cmdr": abTitle, "cdr": abTitle, "brig": abTitle,
	"sen": abTitle, "sens": abTitle, "rep": abTitle, "reps": abTitle, "gov": abTitle, "pres": abTitle,
	"rev": abTitle, "hon": abTitle, "supt": abTitle, "insp": abTitle, "amb": abTitle, "messrs": abTitle,
	"mme": abTitle, "mlle": abTitle, "st": abTitle, "mt": abTitle, "ft": abTitle, "vs": abTitle,
	"gens": abTitle, "dept": abTitle, "asst": abTitle, "det": abTitle, "sr": abOther, "jr": abOther,
	"no": abNumber, "nos": abNumber, "art": abNumber, "vol": abNumber, "pp": abNumber, "fig": abNumber,
	"sec": abNumber, "ch": abNumber, "para": abNumber, "op": abNumber, "rs": abNumber,
	"jan": abNumber, "feb": abNumber, "mar": abNumber, "apr": abNumber, "jun": abNumber, "jul": abNumber,
	"aug": abNumber, "sep": abNumber, "sept": abNumber, "oct": abNumber, "nov": abNumber, "dec": abNumber,
	"inc": abOther, "co": abOther, "corp": abOther, "ltd": abOther, "llc": abOther, "plc": abOther,
	"bros": abOther, "etc": abOther, "cf": abOther, "al": abOther, "approx": abOther, "est": abOther,
	"govt": abOther, "univ": abOther, "assn": abOther, "ave": abOther, "blvd": abOther, "rd": abOther,
	"viz": abOther, "ca": abOther,
}

// attribution are lower-case words that continue a sentence after a
// closing quotation in lower-cased text ("stop!" he said).
var attribution = map[string]bool{
	"he": true, "she": true, "they": true, "it": true, "we": true, "i": true, "you": true, "said": true, "says": true,
	"asked": true, "added": true, "told": true, "replied": true, "shouted": true, "according": true, "remarked": true,
	"claimed": true, "alleged": true, "stated": true, "wrote": true, "insisted": true, "explained": true,
}

// starters are capitalised words that plainly begin a sentence; after an
// ambiguous abbreviation ("U.S.", "Inc.") they mark a sentence break.
var starters = map[string]bool{
	"The": true, "A": true, "An": true, "He": true, "She": true, "It": true, "They": true, "We": true,
	"I": true, "You": true, "This": true, "That": true, "These": true, "Those": true, "There": true,
	"Here": true, "His": true, "Her": true, "Its": true, "Their": true, "Our": true, "My": true,
	"But": true, "And": true, "Or": true, "So": true, "Yet": true, "In": true, "On": true, "At": true,
	"As": true, "After": true, "Before": true, "Since": true, "When": true, "While": true, "If": true,
	"Although": true, "Though": true, "However": true, "Meanwhile": true, "Also": true, "Both": true,
	"Some": true, "Many": true, "Most": true, "All": true, "Such": true, "Earlier": true, "Later": true,
	"Then": true, "Now": true, "What": true, "Why": true, "How": true, "Who": true, "Where": true,
	"For": true, "With": true, "By": true, "From": true, "Under": true, "Despite": true, "According": true,
	"Still": true, "Instead": true, "Thus": true, "Yesterday": true, "Today": true, "Last": true,
	"Officials": true, "Other": true, "Another": true, "No": true, "Not": true, "Each": true,
}
