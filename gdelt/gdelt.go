// Package gdelt reads GDELT event exports into parley events, so that
// history users already have can be stored, aggregated and forecast beside
// the events parley codes itself.
//
// Three layouts are read, each zipped (any number of members) or not:
//   - GDELT 1.0 exports: tab-separated, no header, 57 columns (the
//     historical backfiles) or 58 (the daily files from April 2013, with
//     SOURCEURL);
//   - GDELT 2.0 exports: tab-separated, no header, 61 columns;
//   - reduced extracts with a header row (comma- or tab-separated), whose
//     columns carry GDELT's names (GlobalEventID, SQLDATE, Actor1Code,
//     EventCode, QuadClass, GoldsteinScale, ActionGeo_Lat, SOURCEURL, ...)
//     in any order and any subset; "country_code_alpha" is read as the
//     action's ISO alpha-3 country.
//
// Mapping: Actor1 is the source and Actor2 the target (nil when GDELT has
// none); codes, names and CAMEO countries are kept. EventCode becomes
// CAMEO (zero-padded to three digits when an extract stored it as a number,
// "63" is "063"), EventRootCode the root, and QuadClass and GoldsteinScale
// are taken as given, or looked up from the code when a column is missing.
// The place is ActionGeo (name, latitude, longitude; its FIPS 10-4 country
// is mapped to ISO alpha-3). Provenance: Rule is "gdelt1" or "gdelt2", ID is
// "gdelt1:" or "gdelt2:" and the GlobalEventID, StoryID the SOURCEURL (or the
// ID when there is none), Sentence 0 and Trigger empty.
//
// Dates: GDELT's SQLDATE is the day GDELT assigns the event, which is in
// practice the day of the article that reported it, not a date resolved
// from the text. parley keeps it at day precision with DateFrom
// "publication", so that GDELT's dates are never mistaken for resolved
// event dates; Published is DATEADDED. An extract without SQLDATE takes
// Options.Date (see DateFromName).
package gdelt

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/cameo"
)

// Options configure a read.
type Options struct {
	// Date is the event date for rows without SQLDATE (reduced extracts).
	Date parley.Date
}

// Column names, as GDELT's documentation writes them, lower-cased.
const (
	colID        = "globaleventid"
	colDate      = "sqldate"
	colA1Code    = "actor1code"
	colA1Name    = "actor1name"
	colA1Country = "actor1countrycode"
	colA2Code    = "actor2code"
	colA2Name    = "actor2name"
	colA2Country = "actor2countrycode"
	colRoot      = "eventrootcode"
	colCode      = "eventcode"
	colQuad      = "quadclass"
	colGoldstein = "goldsteinscale"
	colGeoName   = "actiongeo_fullname"
	colGeoFIPS   = "actiongeo_countrycode"
	colGeoLat    = "actiongeo_lat"
	colGeoLon    = "actiongeo_long"
	colAdded     = "dateadded"
	colURL       = "sourceurl"
	colGeoISO    = "country_code_alpha" // reduced extracts: ISO alpha-3 of the action
)

// layout maps the columns parley reads to their index in a row.
type layout struct {
	version int
	ncol    int // rows must have this many fields (0: at least the largest index)
	idx     map[string]int
}

func fixed(version int, n int) layout {
	l := layout{version: version, ncol: n, idx: map[string]int{
		colID: 0, colDate: 1, colA1Code: 5, colA1Name: 6, colA1Country: 7,
		colA2Code: 15, colA2Name: 16, colA2Country: 17,
		colCode: 26, colRoot: 28, colQuad: 29, colGoldstein: 30,
	}}
	geo := 49 // ActionGeo_Type in GDELT 1.0
	if version == 2 {
		geo = 51
	}
	l.idx[colGeoFIPS] = geo + 2
	l.idx[colGeoName] = geo + 1
	if version == 2 {
		l.idx[colGeoLat], l.idx[colGeoLon] = geo+5, geo+6
		l.idx[colAdded], l.idx[colURL] = 59, 60
	} else {
		l.idx[colGeoLat], l.idx[colGeoLon] = geo+4, geo+5
		if n >= 57 {
			l.idx[colAdded] = 56
		}
		if n == 58 {
			l.idx[colURL] = 57
		}
	}
	return l
}

// headerLayout reads a header row; version 1 unless the header has
// GDELT 2.0's ADM2 columns.
func headerLayout(fields []string) (layout, bool) {
	l := layout{version: 1, idx: map[string]int{}}
	for i, f := range fields {
		f = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(f, "\ufeff")))
		l.idx[f] = i
		if strings.HasSuffix(f, "adm2code") {
			l.version = 2
		}
	}
	_, hasCode := l.idx[colCode]
	_, hasRoot := l.idx[colRoot]
	return l, hasCode || hasRoot
}

func (l layout) get(row []string, col string) string {
	if i, ok := l.idx[col]; ok && i < len(row) {
		return strings.TrimSpace(row[i])
	}
	return ""
}

// ReadFile reads a GDELT file (a .zip archive: every member) and calls fn
// for each event. Rows that cannot be read are passed to bad (an error
// naming file:line) and skipped; with bad nil, the first one ends the read.
// It returns the number of events read.
func ReadFile(ctx context.Context, path string, opt Options, fn func(parley.Event) error, bad func(error)) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		kind := parley.Invalid
		if errors.Is(err, os.ErrNotExist) {
			kind = parley.NotFound
		}
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the path is the Op
		}
		return 0, &parley.Error{Op: path, Kind: kind, Err: err}
	}
	defer f.Close()
	var magic [4]byte
	if n, _ := io.ReadFull(f, magic[:]); n == 4 && string(magic[:]) == "PK\x03\x04" {
		st, err := f.Stat()
		if err != nil {
			return 0, &parley.Error{Op: path, Kind: parley.Invalid, Err: err}
		}
		zr, err := zip.NewReader(f, st.Size())
		if err != nil {
			return 0, parley.Errorf(parley.Invalid, path, "bad zip archive: %v", err)
		}
		total := 0
		for _, zf := range zr.File {
			if zf.FileInfo().IsDir() {
				continue
			}
			rc, err := zf.Open()
			if err != nil {
				return total, parley.Errorf(parley.Invalid, path+"!"+zf.Name, "%v", err)
			}
			o := opt
			if o.Date.IsZero() {
				o.Date = DateFromName(zf.Name)
			}
			n, err := Read(ctx, rc, path+"!"+zf.Name, o, fn, bad)
			rc.Close()
			total += n
			if err != nil {
				return total, err
			}
		}
		return total, nil
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return 0, &parley.Error{Op: path, Kind: parley.Invalid, Err: err}
	}
	if opt.Date.IsZero() {
		opt.Date = DateFromName(path)
	}
	return Read(ctx, f, path, opt, fn, bad)
}

var nameDate = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)[0-9]{2})([01][0-9])([0-3][0-9])(?:[^0-9]|$)`)

// DateFromName returns the day named in a GDELT file name
// ("20171126.export.CSV", "gdelt1_export_20171126_subset.csv"), or the zero
// Date.
func DateFromName(name string) parley.Date {
	if i := strings.LastIndexAny(name, `/\!`); i >= 0 {
		name = name[i+1:]
	}
	m := nameDate.FindStringSubmatch(name)
	if m == nil {
		return parley.Date{}
	}
	d, err := parseDay(m[1] + m[2] + m[3])
	if err != nil {
		return parley.Date{}
	}
	return d
}

// Read reads GDELT rows from r (name is used in errors); see ReadFile.
func Read(ctx context.Context, r io.Reader, name string, opt Options, fn func(parley.Event) error, bad func(error)) (int, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	first, err := br.Peek(1 << 12)
	if len(first) == 0 {
		if err != nil && err != io.EOF {
			return 0, &parley.Error{Op: name, Kind: parley.Invalid, Err: err}
		}
		return 0, nil
	}
	line := first
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	tab := bytes.IndexByte(line, '\t') >= 0
	head := strings.SplitN(string(bytes.TrimRight(line, "\r")), sep(tab), 2)[0]
	hasHeader := false
	if _, err := strconv.ParseInt(strings.TrimSpace(strings.TrimPrefix(head, "\ufeff")), 10, 64); err != nil {
		hasHeader = true
	}
	rd := &rowReader{name: name}
	if tab {
		rd.sc = bufio.NewScanner(br)
		rd.sc.Buffer(make([]byte, 1<<16), 1<<22)
	} else {
		if !hasHeader {
			return 0, parley.Errorf(parley.Invalid, name+":1", "not a GDELT export: comma-separated without a header (GDELT exports are tab-separated)")
		}
		rd.cr = csv.NewReader(br)
		rd.cr.FieldsPerRecord = -1
		rd.cr.LazyQuotes = true
		rd.cr.ReuseRecord = true
	}
	var lay layout
	if hasHeader {
		row, err := rd.next()
		if err == io.EOF {
			return 0, nil
		}
		if err != nil {
			return 0, err
		}
		var ok bool
		if lay, ok = headerLayout(row); !ok {
			return 0, parley.Errorf(parley.Invalid, name+":1", "header has no EventCode or EventRootCode column: not a GDELT extract")
		}
	}
	n := 0
	for {
		if n%1024 == 0 && ctx.Err() != nil {
			return n, ctx.Err()
		}
		row, err := rd.next()
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		if len(row) == 1 && strings.TrimSpace(row[0]) == "" {
			continue
		}
		l := lay
		if !hasHeader {
			switch len(row) {
			case 57, 58:
				l = fixed(1, len(row))
			case 61:
				l = fixed(2, 61)
			default:
				err := parley.Errorf(parley.Invalid, fmt.Sprintf("%s:%d", name, rd.line), "%d tab-separated fields: GDELT 1.0 rows have 57 or 58, GDELT 2.0 rows 61", len(row))
				if bad == nil {
					return n, err
				}
				bad(err)
				continue
			}
		}
		ev, err := l.event(row, opt)
		if err != nil {
			err = &parley.Error{Op: fmt.Sprintf("%s:%d", name, rd.line), Kind: parley.Invalid, Err: err}
			if bad == nil {
				return n, err
			}
			bad(err)
			continue
		}
		if err := fn(ev); err != nil {
			return n, err
		}
		n++
	}
}

func sep(tab bool) string {
	if tab {
		return "\t"
	}
	return ","
}

type rowReader struct {
	name string
	sc   *bufio.Scanner
	cr   *csv.Reader
	line int
}

func (r *rowReader) next() ([]string, error) {
	if r.sc != nil {
		if !r.sc.Scan() {
			if err := r.sc.Err(); err != nil {
				return nil, parley.Errorf(parley.Invalid, fmt.Sprintf("%s:%d", r.name, r.line+1), "%v", err)
			}
			return nil, io.EOF
		}
		r.line++
		return strings.Split(strings.TrimRight(r.sc.Text(), "\r"), "\t"), nil
	}
	row, err := r.cr.Read()
	if err == io.EOF {
		return nil, io.EOF
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, parley.Errorf(parley.Invalid, fmt.Sprintf("%s:%d", r.name, pe.Line), "%v", pe.Err)
		}
		return nil, &parley.Error{Op: r.name, Kind: parley.Invalid, Err: err}
	}
	r.line, _ = r.cr.FieldPos(0)
	return row, nil
}

// padCode restores the leading zeros an extract may have dropped by storing
// codes as numbers: event codes have at least three digits, roots two.
func padCode(s string, width int) string {
	for len(s) < width {
		s = "0" + s
	}
	return s
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func parseDay(s string) (parley.Date, error) {
	if len(s) != 8 || !digits(s) {
		return parley.Date{}, fmt.Errorf("date %q: want YYYYMMDD", s)
	}
	t, err := time.Parse("20060102", s)
	if err != nil {
		return parley.Date{}, fmt.Errorf("date %q: %v", s, err)
	}
	return parley.DayDate(t), nil
}

func (l layout) event(row []string, opt Options) (parley.Event, error) {
	if l.ncol > 0 && len(row) != l.ncol {
		return parley.Event{}, fmt.Errorf("%d fields, want %d", len(row), l.ncol)
	}
	var ev parley.Event
	id := l.get(row, colID)
	if id != "" && !digits(id) {
		return ev, fmt.Errorf("GlobalEventID %q is not a number", id)
	}
	rule := fmt.Sprintf("gdelt%d", l.version)
	ev.Rule = rule
	if id != "" {
		ev.ID = rule + ":" + id
	}
	code := l.get(row, colCode)
	root := l.get(row, colRoot)
	if code != "" {
		if !digits(code) || len(code) > 4 {
			return ev, fmt.Errorf("EventCode %q is not a CAMEO code", code)
		}
		code = padCode(code, 3)
	}
	if root != "" {
		if !digits(root) || len(root) > 2 {
			return ev, fmt.Errorf("EventRootCode %q is not a CAMEO root", root)
		}
		root = padCode(root, 2)
	}
	if code != "" && root != "" && !strings.HasPrefix(code, root) {
		// "311" under root "03" is 0311 stored as a number.
		if p := padCode(code, 4); strings.HasPrefix(p, root) {
			code = p
		} else {
			return ev, fmt.Errorf("EventCode %q is not under EventRootCode %q", code, root)
		}
	}
	switch {
	case code == "" && root == "":
		return ev, errors.New("no EventCode or EventRootCode")
	case code == "":
		code = root + "0"
	case root == "":
		root = code[:2]
	}
	ev.CAMEO, ev.Root = code, root
	c, known := cameo.Lookup(code)
	if q := l.get(row, colQuad); q != "" {
		v, err := strconv.Atoi(q)
		if err != nil || v < 1 || v > 4 {
			return ev, fmt.Errorf("QuadClass %q: want 1 to 4", q)
		}
		ev.QuadClass = v
	} else {
		ev.QuadClass = cameo.QuadClass(code)
	}
	if g := l.get(row, colGoldstein); g != "" {
		v, err := strconv.ParseFloat(g, 64)
		if err != nil || v < -10 || v > 10 {
			return ev, fmt.Errorf("GoldsteinScale %q: want a number from -10 to 10", g)
		}
		ev.Goldstein = v
	} else if known {
		ev.Goldstein = c.Goldstein
	}
	if known {
		ev.PLOVER = c.PLOVER
	}
	if d := l.get(row, colDate); d != "" {
		date, err := parseDay(d)
		if err != nil {
			return ev, fmt.Errorf("SQLDATE: %v", err)
		}
		ev.Date = date
	} else {
		ev.Date = opt.Date
	}
	if !ev.Date.IsZero() {
		ev.DateFrom = parley.DateFromPublication
	}
	if a := l.get(row, colAdded); a != "" && digits(a) {
		for _, f := range []string{"20060102150405", "20060102"} {
			if t, err := time.Parse(f, a); err == nil && len(a) == len(f) {
				ev.Published = t
				break
			}
		}
	}
	ev.Source = parley.Actor{Code: l.get(row, colA1Code), Country: l.get(row, colA1Country), Text: l.get(row, colA1Name)}
	if code, country := l.get(row, colA2Code), l.get(row, colA2Country); code != "" || country != "" {
		ev.Target = &parley.Actor{Code: code, Country: country, Text: l.get(row, colA2Name)}
	}
	loc := parley.Location{Name: l.get(row, colGeoName)}
	if iso := l.get(row, colGeoISO); iso != "" {
		loc.Country = strings.ToUpper(iso)
	} else if fips := l.get(row, colGeoFIPS); fips != "" {
		loc.Country = fipsToISO[strings.ToUpper(fips)]
	}
	lat, lon := l.get(row, colGeoLat), l.get(row, colGeoLon)
	if lat != "" && lon != "" {
		la, err1 := strconv.ParseFloat(lat, 64)
		lo, err2 := strconv.ParseFloat(lon, 64)
		if err1 != nil || err2 != nil || la < -90 || la > 90 || lo < -180 || lo > 180 {
			return ev, fmt.Errorf("ActionGeo_Lat/Long %q, %q: not a coordinate", lat, lon)
		}
		loc.Lat, loc.Lon = la, lo
	}
	if loc != (parley.Location{}) {
		ev.Location = &loc
	}
	ev.StoryID = l.get(row, colURL)
	if ev.StoryID == "" {
		ev.StoryID = ev.ID
	}
	return ev, nil
}
