package dict

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parley-events/parley"
)

// Kind is the kind of a dictionary file.
type Kind uint8

const (
	KindUnknown  Kind = iota
	KindVerbs         // verb patterns ("--- NAME [code] ---" blocks, "&SYNSET"s)
	KindActors        // actors: names, "+" synonyms, [CODE dates]
	KindAgents        // agents: role nouns with [~CODE] or [CODE~]
	KindDiscards      // phrases that discard a sentence, or with "+" a story
	KindOther         // a PETRARCH file parley reads but does not use (issues, prepositions)
)

func (k Kind) String() string {
	switch k {
	case KindVerbs:
		return "verbs"
	case KindActors:
		return "actors"
	case KindAgents:
		return "agents"
	case KindDiscards:
		return "discards"
	case KindOther:
		return "other"
	}
	return "unknown"
}

// File is one parsed dictionary file. Only the field of its Kind is set.
type File struct {
	Name     string
	Kind     Kind
	Verbs    *Verbs
	Actors   []Actor
	Agents   []Agent
	Discards []Discard
}

// ReadFile reads the dictionary file at name from the operating system.
func ReadFile(name string) (*File, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, &parley.Error{Op: "dict: " + name, Kind: parley.NotFound, Err: err}
	}
	return Parse(name, b)
}

// ReadFS reads the dictionary file at name from fsys.
func ReadFS(fsys fs.FS, name string) (*File, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, &parley.Error{Op: "dict: " + name, Kind: parley.NotFound, Err: err}
	}
	return Parse(name, b)
}

// Read reads a dictionary from r; name is used for kind detection and in
// error messages.
func Read(name string, r io.Reader) (*File, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, &parley.Error{Op: "dict: " + name, Kind: parley.Unavailable, Err: err}
	}
	return Parse(name, b)
}

// Parse parses the dictionary text b. Its kind is detected from name and
// content (DetectKind). The returned File holds everything that could be
// read; the error, when not nil, joins one *parley.Error of kind Invalid per
// bad line ("name:line: problem").
//
// A file holding a NUL byte is binary data, not a dictionary: nothing is
// read from it (its kind is told from its name alone). A line that is not
// valid UTF-8 or holds control characters is reported and skipped.
func Parse(name string, b []byte) (*File, error) {
	var errs errorList
	errs.name = name
	var binary error
	if i := bytes.IndexByte(b, 0); i >= 0 {
		binary = parley.Errorf(parley.Invalid, "dict: "+name, "binary data (a NUL byte at offset %d), not a dictionary", i)
		b = nil
	} else {
		b = skipBadLines(b, &errs)
	}
	k := DetectKind(name, b)
	f := &File{Name: name, Kind: k}
	if binary != nil && k == KindUnknown {
		return f, binary
	}
	switch k {
	case KindVerbs:
		f.Verbs = parseVerbs(b, &errs)
	case KindActors:
		f.Actors = parseActors(b, &errs)
	case KindAgents:
		f.Agents = parseAgents(b, &errs)
	case KindDiscards:
		f.Discards = parseDiscards(b, &errs)
	case KindOther:
	default:
		return f, parley.Errorf(parley.Invalid, "dict: "+name, "cannot tell what kind of dictionary this is (verbs, actors, agents or discards); name it like NAME.verbs.txt")
	}
	if binary != nil {
		return f, binary
	}
	return f, errs.err()
}

// skipBadLines reports each line of b that is not valid UTF-8 or holds a
// control character other than tab, and returns b with those lines emptied
// (line numbers are kept). b is copied only when a line is emptied.
func skipBadLines(b []byte, errs *errorList) []byte {
	out := b
	copied := false
	n := 0
	for start := 0; start < len(b); {
		end := bytes.IndexByte(b[start:], '\n')
		if end < 0 {
			end = len(b)
		} else {
			end += start
		}
		n++
		line := bytes.TrimRight(b[start:end], "\r")
		problem := ""
		if !utf8.Valid(line) {
			problem = "invalid UTF-8"
		} else if i := bytes.IndexFunc(line, func(r rune) bool { return r != '\t' && unicode.IsControl(r) }); i >= 0 {
			problem = fmt.Sprintf("control character %q", line[i])
		}
		if problem != "" {
			errs.add(n, "%s; line skipped", problem)
			if !copied {
				out = bytes.Clone(b)
				copied = true
			}
			for i := start; i < end; i++ {
				out[i] = ' '
			}
		}
		start = end + 1
	}
	return out
}

// DetectKind tells the kind of a dictionary from its file name
// ("*.verbs.txt", "*actors*", "*agents*", "*discards*") and, failing that,
// from its content.
func DetectKind(name string, b []byte) Kind {
	base := strings.ToLower(path.Base(strings.ReplaceAll(name, "\\", "/")))
	switch {
	case strings.Contains(base, "verb"):
		return KindVerbs
	case strings.Contains(base, "agent"):
		return KindAgents
	case strings.Contains(base, "actor"):
		return KindActors
	case strings.Contains(base, "discard"):
		return KindDiscards
	case strings.Contains(base, "issue"), strings.Contains(base, "preposition"):
		return KindOther
	}
	// Content: verb block headers, agent codes, actor codes.
	var sawCode, sawAgent, sawLine bool
	s := bufio.NewScanner(bytes.NewReader(b))
	s.Buffer(make([]byte, 64*1024), 1<<20)
	for n := 0; s.Scan() && n < 2000; n++ {
		line := stripComment(s.Text())
		t := strings.TrimSpace(line)
		if t == "" {
			continue
		}
		if strings.HasPrefix(t, "---") && strings.HasSuffix(t, "---") && len(t) > 6 {
			return KindVerbs
		}
		if strings.HasPrefix(t, "- ") && strings.Contains(t, "*") {
			return KindVerbs
		}
		if i := strings.IndexByte(t, '['); i >= 0 {
			sawCode = true
			if strings.Contains(t[i:], "~") {
				sawAgent = true
			}
		}
		sawLine = true
	}
	switch {
	case sawAgent:
		return KindAgents
	case sawCode:
		return KindActors
	case sawLine:
		return KindDiscards
	}
	return KindUnknown
}

// errorList collects per-line errors.
type errorList struct {
	name string
	errs []error
}

func (l *errorList) add(line int, format string, args ...any) {
	if len(l.errs) >= 1000 {
		return
	}
	l.errs = append(l.errs, parley.Errorf(parley.Invalid, fmt.Sprintf("dict: %s:%d", l.name, line), format, args...))
}

func (l *errorList) err() error {
	if len(l.errs) == 0 {
		return nil
	}
	return errors.Join(l.errs...)
}

// lines calls fn for each line of b with its 1-based number, after removing
// <!-- ... --> comment blocks (which may span lines) and "#" comments.
func lines(b []byte, fn func(n int, raw, line string)) {
	inComment := false
	n := 0
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		var l []byte
		if i < 0 {
			l, b = b, nil
		} else {
			l, b = b[:i], b[i+1:]
		}
		n++
		s := strings.TrimRight(string(l), "\r")
		raw := s
		// Remove <!-- ... --> spans, tracking multi-line ones.
		var out strings.Builder
		for {
			if inComment {
				j := strings.Index(s, "-->")
				if j < 0 {
					s = ""
					break
				}
				s = s[j+3:]
				inComment = false
				continue
			}
			j := strings.Index(s, "<!")
			if j < 0 {
				out.WriteString(s)
				break
			}
			out.WriteString(s[:j])
			s = s[j:]
			inComment = true
		}
		fn(n, raw, stripComment(out.String()))
	}
}

// stripComment removes a "#" comment. A "#" inside a [...] code is kept
// (the "###" code of old dictionaries).
func stripComment(s string) string {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[':
			depth++
		case ']':
			if depth > 0 {
				depth--
			}
		case '#':
			if depth == 0 {
				return s[:i]
			}
		}
	}
	return s
}

// words splits a dictionary phrase ("NORTH_KOREA", "THE HERMIT KINGDOM")
// into upper-case words.
func words(phrase string) []string {
	f := strings.FieldsFunc(strings.ToUpper(phrase), func(r rune) bool { return r == '_' || r == ' ' || r == '\t' })
	return f
}
