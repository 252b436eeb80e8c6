package ingest

import (
	"bytes"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/parley-events/parley"
)

// maxFileSize bounds what one text, HTML or feed file may hold.
const maxFileSize = 256 << 20

// ReadText reads one plain-text story from r; name is used in errors and
// in Story.Origin. The layout it understands:
//
//	Breakthrough on horizon for Japan-NK ties          <- title: the first non-empty line
//
//	By Zhang Liangui Source:Global Times Published: 2013-1-22 22:53:06
//	                                                   <- header lines, several fields a line or one a line
//	It has been reported that ...                      <- body, paragraphs kept as "\n\n"
//
//	The author is a professor at ... opinion@example.org
//	Posted in: Viewpoint                               <- trailing furniture, kept in Meta
//	blog comments powered by Disqus
//
// The errors are *parley.Error of kind Invalid with Op "name" or
// "name:line": binary data, invalid UTF-8, an empty file, no body text, or
// an unreadable date in a header line.
func ReadText(name string, r io.Reader) (*parley.Story, error) {
	data, err := readAllLimited(name, r)
	if err != nil {
		return nil, err
	}
	return parseTextStory(name, data)
}

// readAllLimited reads r whole, refusing more than maxFileSize bytes.
func readAllLimited(name string, r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxFileSize+1))
	if err != nil {
		return nil, parley.Errorf(parley.Invalid, name, "read: %v", err)
	}
	if len(data) > maxFileSize {
		return nil, parley.Errorf(parley.Invalid, name, "file larger than %d MiB", maxFileSize>>20)
	}
	return data, nil
}

// checkText rejects binary data and invalid UTF-8, naming the line.
func checkText(name string, data []byte) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return parley.Errorf(parley.Invalid, name, "empty file")
	}
	if i := binaryAt(data); i >= 0 {
		return parley.Errorf(parley.Invalid, pos(name, lineAt(data, i)), "binary data (byte 0x%02x at offset %d), not text", data[i], i)
	}
	if !utf8.Valid(data) {
		i := invalidUTF8At(data)
		return parley.Errorf(parley.Invalid, pos(name, lineAt(data, i)), "invalid UTF-8 at offset %d", i)
	}
	return nil
}

// binaryAt returns the offset of a byte that text never holds (NUL and
// most C0 controls), or -1.
func binaryAt(data []byte) int {
	for i, c := range data {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' && c != 0x1b {
			return i
		}
	}
	return -1
}

func invalidUTF8At(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// lineAt returns the 1-based line number of offset i.
func lineAt(data []byte, i int) int {
	return bytes.Count(data[:min(i, len(data))], []byte{'\n'}) + 1
}

// pos formats "name:line", or name alone when line is 0.
func pos(name string, line int) string {
	if line <= 0 {
		return name
	}
	return name + ":" + itoa(line)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// parseTextStory turns a whole plain-text file into a story.
func parseTextStory(name string, data []byte) (*parley.Story, error) {
	if err := checkText(name, data); err != nil {
		return nil, err
	}
	s := &parley.Story{Origin: pos(name, 1)}
	text := string(data)
	// A byte-order mark, at the start or (after a concatenation) anywhere.
	if strings.Contains(text, "\ufeff") {
		text = strings.ReplaceAll(text, "\ufeff", "")
	}
	text = normalizeNewlines(text)
	if fixed, n := repairMojibakeAll(text); n > 0 {
		text = fixed
		setMeta(s, "repaired", "mojibake: "+itoa(n)+" sequences of UTF-8 read as Windows-1252 re-decoded")
	}
	if err := parseTextInto(s, name, text); err != nil {
		return nil, err
	}
	if strings.TrimSpace(s.Text) == "" {
		return nil, parley.Errorf(parley.Invalid, name, "no body text")
	}
	finish(s, "")
	return s, nil
}

// normalizeNewlines turns CRLF and lone CR into LF.
func normalizeNewlines(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// maxTitle is the longest first line taken as a title; a longer one is
// body text.
const maxTitle = 250

// maxHeaderLines is how many non-empty lines after the title may hold
// header fields.
const maxHeaderLines = 8

// parseTextInto reads title, header fields, body and trailing furniture
// from text into s.
func parseTextInto(s *parley.Story, name, text string) error {
	lines := strings.Split(text, "\n")
	body := 0 // index of the first body line
	seen := 0 // non-empty lines looked at
	titleAt := -1
	var updated time.Time
	for i, raw := range lines {
		line := strings.TrimSpace(raw)
		if line == "" {
			continue
		}
		if seen >= maxHeaderLines+1 {
			body = i
			break
		}
		seen++
		h, isHeader, err := parseHeaderLine(line)
		if err != nil {
			return &parley.Error{Op: pos(name, i+1), Kind: parley.Invalid, Err: err}
		}
		if isHeader {
			applyHeader(s, h, &updated)
			body = i + 1
			continue
		}
		if s.Published.IsZero() && s.Title != "" && hasMoreText(lines[i+1:]) {
			// A date on its own line between the title and more text; a
			// date line that would leave no body is the body.
			if t, ok := ParsePublished(line); ok {
				s.Published, s.DateFrom = t, "text"
				body = i + 1
				continue
			}
		}
		if s.Title == "" && seen == 1 && len(line) <= maxTitle && hasMoreText(lines[i+1:]) {
			s.Title = collapseSpace(line)
			titleAt = i
			body = i + 1
			continue
		}
		body = i
		break
	}
	if s.Published.IsZero() && !updated.IsZero() {
		s.Published, s.DateFrom = updated, "text"
	}
	s.Text = cleanBody(s, lines[body:])
	if s.Text == "" && s.Title != "" {
		// No body after the title and header lines (a one-line story, or a
		// title and a bare "Source:"): the lines from the title on are
		// the text.
		s.Text, s.Title = cleanBody(s, lines[titleAt:]), ""
		if s.Text == "" {
			s.Text = collapseSpace(strings.TrimSpace(lines[titleAt]))
		}
	}
	return nil
}

func hasMoreText(lines []string) bool {
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			return true
		}
	}
	return false
}

// cleanBody drops leading and trailing furniture (recording it in s.Meta)
// and joins the remaining lines: lines of a paragraph with "\n",
// paragraphs with "\n\n", each line trimmed.
func cleanBody(s *parley.Story, lines []string) string {
	// leading furniture ("This story is from March 10, 2002")
	first := 0
	for first < len(lines) {
		l := strings.TrimSpace(lines[first])
		if l == "" {
			first++
			continue
		}
		if isLeadFurniture(l) {
			addMeta(s, "furniture", l)
			first++
			continue
		}
		break
	}
	lines = lines[first:]
	last := len(lines)
	var tail []string
	for last > 0 {
		l := strings.TrimSpace(lines[last-1])
		if l == "" {
			last--
			continue
		}
		key, value, ok := furniture(l)
		if !ok {
			break
		}
		tail = append(tail, l)
		if key != "" && s.Meta[key] == "" {
			setMeta(s, key, value)
		}
		last--
	}
	for i := len(tail) - 1; i >= 0; i-- {
		addMeta(s, "furniture", tail[i])
	}
	return joinLines(lines[:last])
}

// joinLines joins trimmed lines: lines of a paragraph with "\n",
// paragraphs (separated by blank lines) with "\n\n".
func joinLines(lines []string) string {
	var b strings.Builder
	n := 0
	for _, l := range lines {
		n += len(l) + 1
	}
	b.Grow(n)
	blank := false
	for _, raw := range lines {
		l := strings.TrimSpace(raw)
		if l == "" {
			blank = b.Len() > 0
			continue
		}
		if b.Len() > 0 {
			if blank {
				b.WriteString("\n\n")
			} else {
				b.WriteByte('\n')
			}
		}
		blank = false
		b.WriteString(l)
	}
	return b.String()
}

func setMeta(s *parley.Story, k, v string) {
	if s.Meta == nil {
		s.Meta = make(map[string]string)
	}
	s.Meta[k] = v
}

// addMeta appends v to the newline-separated list at k.
func addMeta(s *parley.Story, k, v string) {
	if s.Meta == nil {
		s.Meta = make(map[string]string)
	}
	if old := s.Meta[k]; old != "" {
		v = old + "\n" + v
	}
	s.Meta[k] = v
}

func collapseSpace(s string) string {
	if !strings.Contains(s, "  ") && !strings.ContainsAny(s, "\t\n") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// header fields.
const (
	fByline = iota + 1
	fSource
	fPublished
	fUpdated
	fURL
	fTitle
	fSection
)

// headerKey is a field name as header lines write it. Soft keys need no
// colon ("By Zhang Liangui", "Published on January 22, 2013"); a line they
// start is a header line only if its value reads well.
type headerKey struct {
	name  string // lower case
	field int
	soft  bool
}

var headerKeys = []headerKey{
	{"by", fByline, true},
	{"byline", fByline, false},
	{"author", fByline, false},
	{"authors", fByline, false},
	{"writer", fByline, false},
	{"reporter", fByline, false},
	{"source", fSource, false},
	{"publisher", fSource, false},
	{"agency", fSource, false},
	{"published on", fPublished, true},
	{"published", fPublished, false},
	{"publication date", fPublished, false},
	{"publish date", fPublished, false},
	{"date", fPublished, false},
	{"posted on", fPublished, true},
	{"posted in", fSection, false},
	{"posted", fPublished, false},
	{"last updated", fUpdated, false},
	{"updated on", fUpdated, true},
	{"updated", fUpdated, false},
	{"modified", fUpdated, false},
	{"url", fURL, false},
	{"link", fURL, false},
	{"title", fTitle, false},
	{"headline", fTitle, false},
	{"section", fSection, false},
	{"category", fSection, false},
}

type headerField struct {
	field int
	value string
	t     time.Time
}

// parseHeaderLine reads the fields of a header line. It reports false when
// the line is not one; an error when it is one but a date in it cannot be
// read.
func parseHeaderLine(line string) ([]headerField, bool, error) {
	if len(line) > 400 {
		return nil, false, nil
	}
	type hit struct {
		key        headerKey
		start, val int
	}
	var hits [8]hit
	n := 0
	for i := 0; i < len(line) && n < len(hits); i++ {
		if i > 0 && !isSep(line[i-1]) {
			continue
		}
		if !isLetter(line[i]) {
			continue
		}
		for _, k := range headerKeys {
			j, ok := matchKey(line, i, k)
			if !ok {
				continue
			}
			if k.name == "by" && i > 0 && !isBar(line, i) {
				continue
			}
			hits[n] = hit{k, i, j}
			n++
			i = j - 1
			break
		}
	}
	if n == 0 || hits[0].start != 0 {
		return nil, false, nil
	}
	out := make([]headerField, 0, n)
	for h := 0; h < n; h++ {
		end := len(line)
		if h+1 < n {
			end = hits[h+1].start
		}
		v := strings.Trim(line[hits[h].val:end], " \t|·,;:-–—/")
		k := hits[h].key
		f := headerField{field: k.field, value: collapseSpace(v)}
		switch k.field {
		case fPublished, fUpdated:
			t, ok := ParsePublished(v)
			if !ok {
				t, ok = parseDatePrefix(v)
			}
			if !ok {
				if k.soft || v == "" {
					return nil, false, nil
				}
				return nil, true, parley.Errorf(parley.Invalid, "", "unreadable date %q in header line", v)
			}
			f.t = t
		case fByline:
			if k.soft && !looksLikeName(v) {
				return nil, false, nil
			}
		}
		if f.value == "" && k.soft {
			return nil, false, nil
		}
		out = append(out, f)
	}
	return out, true, nil
}

// parseDatePrefix reads a date followed by words it does not know
// ("2013-1-22 22:53:06 Beijing time"): the longest prefix of whole words
// that parses.
func parseDatePrefix(v string) (time.Time, bool) {
	for end := len(v); end > 0; {
		end = strings.LastIndexByte(v[:end], ' ')
		if end <= 0 {
			break
		}
		if t, ok := ParsePublished(v[:end]); ok {
			return t, true
		}
	}
	return time.Time{}, false
}

func isSep(c byte) bool {
	return c == ' ' || c == '\t' || c == '|' || c == ',' || c == ';' || c == '/' || c == ')' || c == '('
}

// isBar reports whether a "By" at i follows a field separator such as '|'.
func isBar(line string, i int) bool {
	j := i - 1
	for j >= 0 && line[j] == ' ' {
		j--
	}
	return j >= 0 && (line[j] == '|' || line[j] == ';')
}

// matchKey reports whether key k starts line at i, and where its value
// starts: "Source:" and "Source :" always, "By Name" and "Published on
// ..." without a colon for soft keys.
func matchKey(line string, i int, k headerKey) (int, bool) {
	if len(line)-i < len(k.name) || !strings.EqualFold(line[i:i+len(k.name)], k.name) {
		return 0, false
	}
	j := i + len(k.name)
	if j < len(line) && isLetter(line[j]) {
		return 0, false
	}
	for j < len(line) && line[j] == ' ' {
		j++
	}
	if j < len(line) && line[j] == ':' {
		return j + 1, true
	}
	if k.soft && j > i+len(k.name) {
		return j, true
	}
	return 0, false
}

// looksLikeName reports whether a "By ..." value reads as a byline: a few
// capitalised words ("Zhang Liangui", "JANE DOE and John Roe, Reuters").
func looksLikeName(v string) bool {
	words := strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == ',' })
	if len(words) == 0 || len(words) > 10 {
		return false
	}
	for _, w := range words {
		switch strings.ToLower(w) {
		case "and", "de", "da", "del", "der", "van", "von", "al", "bin", "la", "le", "di", "in", "for", "&":
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
		for _, c := range w {
			if !unicode.IsLetter(c) && c != '.' && c != '-' && c != '\'' && c != '’' && c != '@' {
				return false
			}
		}
	}
	return true
}

func applyHeader(s *parley.Story, fields []headerField, updated *time.Time) {
	for _, f := range fields {
		switch f.field {
		case fByline:
			if s.Byline == "" {
				s.Byline = f.value
			}
		case fSource:
			if s.Source == "" {
				s.Source = f.value
			}
		case fPublished:
			if s.Published.IsZero() {
				s.Published, s.DateFrom = f.t, "text"
			}
		case fUpdated:
			if updated.IsZero() {
				*updated = f.t
				setMeta(s, "updated", f.t.Format(time.RFC3339))
			}
		case fURL:
			if s.URL == "" {
				s.URL = f.value
			}
		case fTitle:
			if s.Title == "" {
				s.Title = f.value
			}
		case fSection:
			setMeta(s, "section", f.value)
		}
	}
}

// furnitureRule is a kind of trailing page furniture: a line no longer
// than max that starts with phrase, holds it (contains), or is only it
// (exact: "Print", "Comments (3)").
type furnitureRule struct {
	phrase string
	mode   uint8
	max    int
	key    string // Meta key for the line's value, if any
}

const (
	prefix = iota
	contains
	exact
)

var furnitureRules = []furnitureRule{
	{"posted in", prefix, 200, "section"},
	{"filed under", prefix, 200, "section"},
	{"filed in:", prefix, 200, "section"},
	{"categories:", prefix, 200, "section"},
	{"category:", prefix, 200, "section"},
	{"tags:", prefix, 300, "tags"},
	{"tagged:", prefix, 300, "tags"},
	{"tagged with", prefix, 300, "tags"},
	{"powered by disqus", contains, 200, ""},
	{"comments powered by", contains, 200, ""},
	{"please enable javascript", contains, 300, ""},
	{"the author is", prefix, 600, "author_note"},
	{"the writer is", prefix, 600, "author_note"},
	{"the author of this", prefix, 600, "author_note"},
	{"the views expressed", prefix, 600, "author_note"},
	{"contact the author", prefix, 200, "author_note"},
	{"share this", prefix, 100, ""},
	{"share on", prefix, 100, ""},
	{"share:", prefix, 100, ""},
	{"related:", prefix, 300, ""},
	{"related articles", prefix, 300, ""},
	{"related stories", prefix, 300, ""},
	{"related story", prefix, 300, ""},
	{"related coverage", prefix, 300, ""},
	{"read more:", prefix, 200, ""},
	{"read also:", prefix, 200, ""},
	{"see also:", prefix, 200, ""},
	{"follow us", prefix, 200, ""},
	{"click here to", prefix, 200, ""},
	{"leave a comment", prefix, 100, ""},
	{"comments", exact, 40, ""},
	{"comment", exact, 40, ""},
	{"print", exact, 20, ""},
	{"email", exact, 20, ""},
	{"e-mail", exact, 20, ""},
	{"tweet", exact, 20, ""},
	{"like", exact, 20, ""},
	{"share", exact, 20, ""},
	{"subscribe", exact, 40, ""},
	{"back to top", exact, 30, ""},
	{"advertisement", exact, 40, ""},
	{"©", prefix, 200, "copyright"},
	{"(c) ", prefix, 200, "copyright"},
	{"all rights reserved", contains, 200, "copyright"},
}

// furniture reports whether a trailing line is page furniture, and the
// Meta key and value it gives.
func furniture(line string) (key, value string, ok bool) {
	if isEmail(line) {
		return "email", line, true
	}
	if len(line) > 600 {
		return "", "", false
	}
	low := strings.ToLower(line)
	if strings.HasPrefix(low, "copyright") && len(line) <= 200 && (strings.Contains(line, "©") || hasYear(line)) {
		return "copyright", line, true
	}
	for _, r := range furnitureRules {
		if len(line) > r.max {
			continue
		}
		var match bool
		switch r.mode {
		case prefix:
			match = strings.HasPrefix(low, r.phrase)
		case contains:
			match = strings.Contains(low, r.phrase)
		case exact:
			match = strings.TrimRight(low, " :.()0123456789") == r.phrase
		}
		if !match {
			continue
		}
		if r.key == "" {
			return "", "", true
		}
		v := line
		if r.key == "section" || r.key == "tags" {
			if i := strings.IndexByte(line, ':'); i >= 0 {
				v = strings.TrimSpace(line[i+1:])
			} else {
				v = strings.TrimSpace(line[len(r.phrase):])
			}
		}
		return r.key, v, true
	}
	return "", "", false
}

// hasYear reports whether s holds a four-digit number from 1900 to 2199.
func hasYear(s string) bool {
	for i := 0; i+4 <= len(s); i++ {
		if (s[i] == '1' && s[i+1] == '9' || s[i] == '2' && (s[i+1] == '0' || s[i+1] == '1')) &&
			isDigit(s[i+2]) && isDigit(s[i+3]) &&
			(i == 0 || !isDigit(s[i-1])) && (i+4 == len(s) || !isDigit(s[i+4])) {
			return true
		}
	}
	return false
}

// isLeadFurniture reports whether a line before the body is furniture.
func isLeadFurniture(line string) bool {
	if len(line) > 120 {
		return false
	}
	low := strings.ToLower(line)
	if len(line) <= 80 && strings.HasPrefix(low, "by ") && looksLikeName(line[3:]) {
		return true // a byline repeated at the top of the body
	}
	for _, p := range [...]string{"this story is from", "this article is from", "advertisement", "skip to content", "share this"} {
		if strings.HasPrefix(low, p) {
			return true
		}
	}
	return false
}

// isEmail reports whether line is a lone e-mail address.
func isEmail(line string) bool {
	if len(line) > 100 || strings.ContainsAny(line, " \t") {
		return false
	}
	at := strings.IndexByte(line, '@')
	return at > 0 && strings.IndexByte(line[at+1:], '.') > 0 && !strings.HasSuffix(line, ".")
}
