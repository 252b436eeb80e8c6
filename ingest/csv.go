package ingest

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/parley-events/parley"
)

// maxCSVErrors stops a CSV file after this many bad rows.
const maxCSVErrors = 1000

// csvRows reads a CSV (comma) or TSV (tab) file with a header: one story a
// row. The header names the fields as JSON keys do; an empty first column
// name (a data frame's index) is the id.
func (rd *reader) csvRows(name string, r *bufio.Reader, comma rune) error {
	cr := csv.NewReader(r)
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		rd.reject(parley.Errorf(parley.Invalid, name, "empty file"))
		return nil
	}
	if err != nil {
		rd.reject(parley.Errorf(parley.Invalid, csvPos(name, err, 1), "unreadable CSV header: %v", csvError(err)))
		return nil
	}
	cols := make([]fieldRank, len(header))
	names := make([]string, len(header))
	hasText := false
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		if !utf8.ValidString(h) {
			rd.reject(parley.Errorf(parley.Invalid, pos(name, 1), "invalid UTF-8 in the CSV header"))
			return nil
		}
		names[i] = h
		fr, ok := rd.fields.lookup(h)
		if !ok {
			fr = fieldRank{fieldNone, 0}
		}
		if h == "" && i > 0 { // only the first column's empty name is the id
			fr = fieldRank{fieldNone, 0}
		}
		cols[i] = fr
		hasText = hasText || fr.field == fieldText
	}
	if !hasText {
		rd.reject(parley.Errorf(parley.Invalid, pos(name, 1), "CSV header has no text column (looked for %s; header: %s)", rd.fields.textCandidates(), strings.Join(names, ",")))
		return nil
	}
	var rec record
	rows, bad := 0, 0
	for {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				// An I/O error (a truncated gzip stream) repeats on every
				// later read: report it once and stop.
				rd.reject(parley.Errorf(parley.Invalid, pos(name, line), "read: %v", err))
				return nil
			}
			bad++
			rd.reject(parley.Errorf(parley.Invalid, csvPos(name, err, line), "malformed CSV row: %v", csvError(err)))
			if bad >= maxCSVErrors {
				rd.reject(parley.Errorf(parley.Invalid, name, "too many malformed rows; rest of file skipped"))
				return nil
			}
			continue
		}
		if len(row) == 1 && strings.TrimSpace(row[0]) == "" {
			continue // a blank line
		}
		rows++
		op := pos(name, line)
		if len(row) != len(header) {
			rd.reject(parley.Errorf(parley.Invalid, op, "row has %d fields, the header has %d", len(row), len(header)))
			continue
		}
		s, err := rd.csvStory(op, names, cols, row, &rec)
		if err != nil {
			rd.reject(err)
			continue
		}
		if err := rd.emit(s); err != nil {
			return err
		}
	}
	if rows == 0 {
		rd.reject(parley.Errorf(parley.Invalid, name, "empty file: a header and no rows"))
	}
	return nil
}

func (rd *reader) csvStory(op string, names []string, cols []fieldRank, row []string, rec *record) (*parley.Story, error) {
	rec.reset()
	for i, v := range row {
		if !utf8.ValidString(v) {
			return nil, parley.Errorf(parley.Invalid, op, "invalid UTF-8 in column %q", names[i])
		}
		if cols[i].field == fieldNone {
			if v != "" && names[i] != "" && len(v) <= 2000 {
				rec.extra = append(rec.extra, [2]string{names[i], v})
			}
			continue
		}
		rec.set(cols[i], names[i], v)
	}
	return rec.story(rd.fields, op)
}

// csvPos names the line a csv error is on.
func csvPos(name string, err error, line int) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) && pe.Line > 0 {
		line = pe.Line
	}
	return pos(name, line)
}

func csvError(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
