package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/parley-events/parley"
)

// maxLine bounds one JSON line or CSV row.
const maxLine = 64 << 20

// jsonLines reads JSON lines from r: one story a line, blank lines
// skipped. Each bad line is rejected on its own.
func (rd *reader) jsonLines(name string, r *bufio.Reader) error {
	var (
		buf   []byte
		line  int
		found bool
		rec   record
	)
	for {
		var (
			tooLong bool
			err     error
		)
		buf, tooLong, err = readLine(r, buf[:0])
		if len(buf) > 0 || tooLong || err == nil {
			line++
			if tooLong {
				found = true
				rd.reject(parley.Errorf(parley.Invalid, pos(name, line), "line longer than %d MiB", maxLine>>20))
			} else if b := bytes.TrimSpace(buf); len(b) > 0 {
				found = true
				s, err := rd.jsonStory(pos(name, line), b, &rec)
				if err != nil {
					rd.reject(err)
				} else if err := rd.emit(s); err != nil {
					return err
				}
			}
		}
		if err != nil {
			if !errors.Is(err, io.EOF) {
				rd.reject(parley.Errorf(parley.Invalid, pos(name, line), "read: %v", err))
			}
			break
		}
	}
	if !found {
		rd.reject(parley.Errorf(parley.Invalid, name, "empty file"))
	}
	return nil
}

// readLine appends the next line of r (without its newline) to buf. err
// is nil when the line ended with a newline, else the error that ended the
// input (io.EOF at the end). A line longer than maxLine is dropped and
// reported as tooLong.
func readLine(r *bufio.Reader, buf []byte) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := r.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(chunk) > maxLine {
				tooLong, buf = true, buf[:0]
			} else {
				buf = append(buf, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if n := len(buf); n > 0 && buf[n-1] == '\n' {
			buf = buf[:n-1]
		}
		return buf, tooLong, err
	}
}

// jsonStory reads one JSON object (a line or an array element) into a story.
func (rd *reader) jsonStory(op string, b []byte, rec *record) (*parley.Story, error) {
	if i := binaryAt(b); i >= 0 {
		return nil, parley.Errorf(parley.Invalid, op, "binary data (byte 0x%02x at offset %d)", b[i], i)
	}
	if !utf8.Valid(b) {
		return nil, parley.Errorf(parley.Invalid, op, "invalid UTF-8 at offset %d", invalidUTF8At(b))
	}
	if b[0] != '{' {
		return nil, parley.Errorf(parley.Invalid, op, "malformed JSON line: want an object {...}, got %s", jsonKind(b))
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, parley.Errorf(parley.Invalid, op, "malformed JSON line: %v", jsonError(err))
	}
	rec.reset()
	for k, v := range m {
		fr, known := rd.fields.lookup(k)
		if !known {
			if s, ok := jsonScalar(v); ok && s != "" && len(s) <= 2000 {
				rec.extra = append(rec.extra, [2]string{k, s})
			}
			continue
		}
		s, ok := jsonFieldValue(fr.field, v)
		if !ok {
			if fr.field == fieldText || fr.field == fieldDate {
				return nil, parley.Errorf(parley.Invalid, op, "field %q is %s, want a string", k, jsonKind(v))
			}
			continue
		}
		rec.set(fr, k, s)
	}
	return rec.story(rd.fields, op)
}

// jsonScalar returns a string, number or boolean as text; null as "".
func jsonScalar(v json.RawMessage) (string, bool) {
	v = bytes.TrimSpace(v)
	if len(v) == 0 {
		return "", false
	}
	switch v[0] {
	case '"':
		if len(v) >= 2 && v[len(v)-1] == '"' && bytes.IndexByte(v[1:len(v)-1], '\\') < 0 {
			return string(v[1 : len(v)-1]), true // no escapes: the bytes are the string
		}
		var s string
		if err := json.Unmarshal(v, &s); err != nil {
			return "", false
		}
		return s, true
	case 'n':
		return "", true
	case 't', 'f':
		return string(v), true
	case '{', '[':
		return "", false
	}
	return string(v), true // a number, as written
}

// jsonFieldValue reads a known field: scalars, and for bylines an array of
// names, for sources an object with a name ({"source": {"name": ...}}).
func jsonFieldValue(field int, v json.RawMessage) (string, bool) {
	if s, ok := jsonScalar(v); ok {
		return s, true
	}
	v = bytes.TrimSpace(v)
	switch {
	case field == fieldByline && v[0] == '[':
		var names []any
		if json.Unmarshal(v, &names) != nil {
			return "", false
		}
		var out []string
		for _, n := range names {
			switch n := n.(type) {
			case string:
				out = append(out, n)
			case map[string]any:
				if s, ok := n["name"].(string); ok {
					out = append(out, s)
				}
			}
		}
		return strings.Join(out, ", "), len(out) > 0
	case (field == fieldSource || field == fieldByline) && v[0] == '{':
		var o map[string]any
		if json.Unmarshal(v, &o) != nil {
			return "", false
		}
		if s, ok := o["name"].(string); ok {
			return s, true
		}
	}
	return "", false
}

func jsonKind(b []byte) string {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return "nothing"
	}
	switch b[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	if b[0] == '-' || isDigit(b[0]) {
		return "a number"
	}
	return strconv.Quote(string(b[:min(len(b), 20)]))
}

// jsonError shortens encoding/json's messages.
func jsonError(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return se.Error() + " at offset " + strconv.FormatInt(se.Offset, 10)
	}
	return err.Error()
}

// jsonDocument reads a whole .json file: an array of story objects, a
// single object, or JSON lines.
func (rd *reader) jsonDocument(name string, data []byte) error {
	t := bytes.TrimSpace(data)
	var rec record
	switch {
	case len(t) > 0 && t[0] == '[':
		if !utf8.Valid(t) {
			i := invalidUTF8At(data)
			rd.reject(parley.Errorf(parley.Invalid, pos(name, lineAt(data, i)), "invalid UTF-8 at offset %d", i))
			return nil
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		if _, err := dec.Token(); err != nil {
			rd.reject(parley.Errorf(parley.Invalid, name, "malformed JSON: %v", jsonError(err)))
			return nil
		}
		n := 0
		for dec.More() {
			start := int(dec.InputOffset())
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				rd.reject(parley.Errorf(parley.Invalid, pos(name, lineAt(data, start)), "malformed JSON: %v", jsonError(err)))
				return nil
			}
			n++
			// the element starts after the separating comma and space
			at := start
			for at < len(data) && (data[at] == ',' || data[at] == ' ' || data[at] == '\n' || data[at] == '\t' || data[at] == '\r') {
				at++
			}
			s, err := rd.jsonStory(pos(name, lineAt(data, at)), raw, &rec)
			if err != nil {
				rd.reject(err)
				continue
			}
			if err := rd.emit(s); err != nil {
				return err
			}
		}
		if n == 0 {
			rd.reject(parley.Errorf(parley.Invalid, name, "empty file: an empty JSON array"))
		}
		return nil
	case len(t) > 0 && t[0] == '{' && bytes.IndexByte(t, '\n') >= 0 && json.Valid(t):
		s, err := rd.jsonStory(pos(name, lineAt(data, bytes.IndexByte(data, '{'))), t, &rec)
		if err != nil {
			rd.reject(err)
			return nil
		}
		return rd.emit(s)
	}
	return rd.jsonLines(name, bufio.NewReader(bytes.NewReader(data)))
}
