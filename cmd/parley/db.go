package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"
	"unicode"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/store"
	"github.com/parley-events/parley/store/sqlite"
)

// defaultDB is the database file when --db is not given.
const defaultDB = "parley.db"

// dbFlag adds --db to fs. PARLEY_DB in the environment changes the default.
func (m *Main) dbFlag(fs *flag.FlagSet) *string {
	def := defaultDB
	if m.Getenv != nil {
		if v := m.Getenv("PARLEY_DB"); v != "" {
			def = v
		}
	}
	return fs.String("db", def, "database file (embedded SQLite store; env PARLEY_DB)")
}

// openStore opens the store at path for writing, creating it if needed.
func (m *Main) openStore(path string) (*sqlite.Store, error) {
	if err := dbPathIsDir(path); err != nil {
		return nil, err
	}
	return sqlite.Open(path, sqlite.Options{})
}

// openStoreRead opens an existing store for reading: it does not create a
// file, and it reads while another process writes.
func (m *Main) openStoreRead(path string) (*sqlite.Store, error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, parley.Errorf(parley.NotFound, path, "no database here (run \"parley ingest\" first, or give --db)")
	}
	if err := dbPathIsDir(path); err != nil {
		return nil, err
	}
	return sqlite.Open(path, sqlite.Options{ReadOnly: true})
}

// dbPathIsDir refuses a --db naming a directory as a usage error.
func dbPathIsDir(path string) error {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return &exitError{code: exitUsage, msg: path + ": is a directory, not a database file"}
	}
	return nil
}

// queryFlags are the event filters shared by events, series and dyads.
type queryFlags struct {
	dyad, actor, source, target   string
	either                        bool
	from, to, pubFrom, pubTo      string
	cameo, root, plover, location string
	text                          string
	quad, version                 int
	minPrecision                  string
}

func (f *queryFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.dyad, "dyad", "", "dyad SOURCE-TARGET of actor code prefixes, e.g. JPN-PRK or JPNGOV-PRK")
	fs.BoolVar(&f.either, "either", false, "match the dyad (or --source/--target) in both directions")
	fs.StringVar(&f.actor, "actor", "", "actor code prefix on either side, e.g. PRK or PRKGOV")
	fs.StringVar(&f.source, "source", "", "source actor code prefix")
	fs.StringVar(&f.target, "target", "", "target actor code prefix")
	fs.StringVar(&f.from, "from", "", "first event date: YYYY, YYYY-MM or YYYY-MM-DD")
	fs.StringVar(&f.to, "to", "", "last event date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD (2012-12 includes all of December)")
	fs.StringVar(&f.pubFrom, "published-from", "", "first publication date")
	fs.StringVar(&f.pubTo, "published-to", "", "last publication date, inclusive")
	fs.StringVar(&f.cameo, "cameo", "", "CAMEO event code prefix, e.g. 036 or 04")
	fs.StringVar(&f.root, "root", "", "CAMEO root code, e.g. 03")
	fs.StringVar(&f.plover, "plover", "", "PLOVER event type, e.g. CONSULT")
	fs.IntVar(&f.quad, "quad", 0, "QuadClass 1-4 (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict)")
	fs.StringVar(&f.location, "location", "", "country code of the event's location, e.g. MNG")
	fs.StringVar(&f.text, "text", "", "words that must all occur in the event's sentence")
	fs.StringVar(&f.minPrecision, "min-precision", "", "only events dated at least this precisely: year, month or day")
	fs.IntVar(&f.version, "version", 0, "coding version to read (default: the newest complete one)")
}

// usageError is a bad flag value: exit status 2, naming the flag.
func usageError(flag, format string, args ...any) error {
	return &exitError{code: exitUsage, msg: flag + ": " + fmt.Sprintf(format, args...)}
}

// query turns the flags into a store.Query. Every value is checked here,
// before the store is opened: a bad one is a usage error (exit status 2)
// naming the flag and the value.
func (f *queryFlags) query() (store.Query, error) {
	q := store.Query{
		Actor: f.actor, Source: f.source, Target: f.target, Either: f.either,
		CAMEO: f.cameo, Root: f.root, PLOVER: f.plover, QuadClass: f.quad,
		Location: f.location, Text: f.text, Version: f.version,
	}
	if f.dyad != "" {
		src, tgt, ok := cutDyad(f.dyad)
		if !ok {
			return q, usageError("--dyad", "bad dyad %q (want SOURCE-TARGET, e.g. JPN-PRK)", f.dyad)
		}
		if f.source != "" || f.target != "" {
			return q, usageError("--dyad", "give --dyad or --source/--target, not both")
		}
		if !actorCode(src) || !actorCode(tgt) {
			return q, usageError("--dyad", "bad dyad %q (want SOURCE-TARGET of CAMEO actor codes, e.g. JPN-PRK or JPNGOV-PRK)", f.dyad)
		}
		q.Source, q.Target = src, tgt
	}
	for _, c := range []struct{ name, v string }{{"--actor", f.actor}, {"--source", f.source}, {"--target", f.target}} {
		if !actorCode(c.v) {
			return q, usageError(c.name, "bad actor code %q (want a CAMEO actor code such as PRK, PRKGOV or ---COP)", c.v)
		}
	}
	if !actorCode(f.location) {
		return q, usageError("--location", "bad country code %q (want a code such as MNG)", f.location)
	}
	if c := strings.TrimSpace(f.cameo); f.cameo != "" && (c == "" || strings.TrimLeft(c, "0123456789") != "") {
		return q, usageError("--cameo", "bad CAMEO code %q (want digits, e.g. 036)", f.cameo)
	}
	if f.root != "" {
		r := strings.TrimSpace(f.root)
		if len(r) == 1 {
			r = "0" + r
		}
		if len(r) != 2 || strings.TrimLeft(r, "0123456789") != "" || r < "01" || r > "20" {
			return q, usageError("--root", "bad CAMEO root %q (want 01 to 20)", f.root)
		}
		q.Root = r
	}
	if f.quad < 0 || f.quad > 4 {
		return q, usageError("--quad", "bad QuadClass %d (want 1 to 4)", f.quad)
	}
	if f.version < 0 {
		return q, usageError("--version", "bad version %d (want 1 or more; 0 for the newest complete one)", f.version)
	}
	if f.text != "" && strings.IndexFunc(f.text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
		return q, usageError("--text", "no words in %q", f.text)
	}
	var err error
	if q.From, _, err = dateFlag("--from", f.from); err != nil {
		return q, err
	}
	if _, q.To, err = dateFlag("--to", f.to); err != nil {
		return q, err
	}
	if q.PublishedFrom, _, err = dateFlag("--published-from", f.pubFrom); err != nil {
		return q, err
	}
	if _, q.PublishedTo, err = dateFlag("--published-to", f.pubTo); err != nil {
		return q, err
	}
	switch f.minPrecision {
	case "":
	case "year":
		q.MinPrecision = parley.PrecisionYear
	case "month":
		q.MinPrecision = parley.PrecisionMonth
	case "day":
		q.MinPrecision = parley.PrecisionDay
	default:
		return q, usageError("--min-precision", "bad precision %q (want year, month or day)", f.minPrecision)
	}
	return q, nil
}

// actorCode reports whether c (possibly empty) is made of the characters of
// CAMEO actor codes: letters, digits and dashes.
func actorCode(c string) bool {
	for _, r := range strings.ToUpper(strings.TrimSpace(c)) {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// cutDyad splits "JPN-PRK" at its dash; codes of unknown countries start
// with dashes ("---COP-PRK").
func cutDyad(d string) (src, tgt string, ok bool) {
	for i := 1; i < len(d)-1; i++ {
		if d[i] == '-' && d[i-1] != '-' {
			return d[:i], d[i+1:], true
		}
	}
	return "", "", false
}

// dateFlag parses a date flag into the first instant of the period it
// names and the first instant after it.
func dateFlag(name, v string) (start, end time.Time, err error) {
	if v == "" {
		return
	}
	d, err := parley.ParseDate(v)
	if err != nil {
		return start, end, usageError(name, "bad date %q (want YYYY, YYYY-MM or YYYY-MM-DD)", v)
	}
	start = d.Time()
	switch d.Precision {
	case parley.PrecisionDay:
		end = start.AddDate(0, 0, 1)
	case parley.PrecisionMonth:
		end = start.AddDate(0, 1, 0)
	case parley.PrecisionYear:
		end = start.AddDate(1, 0, 0)
	case parley.PrecisionDecade:
		end = start.AddDate(10, 0, 0)
	}
	return start, end, nil
}

// outputFlags are --format and --output.
type outputFlags struct {
	format, output string
}

func (o *outputFlags) register(fs *flag.FlagSet, formats string) {
	fs.StringVar(&o.format, "format", "", "output format: "+formats+" (default table on a terminal, jsonl otherwise)")
	fs.StringVar(&o.output, "o", "", "write to this file instead of standard output")
}

// printFromStore opens the output chosen by of (one of allowed) and the
// store at db for reading, and runs print with both. The output is closed
// after print, and closed and discarded (as resolve's close does) when
// opening the store or print fails.
func (m *Main) printFromStore(db string, of *outputFlags, allowed []string, print func(s *sqlite.Store, format string, out io.Writer) error) error {
	format, out, closeOut, err := of.resolve(m, allowed...)
	if err != nil {
		return err
	}
	s, err := m.openStoreRead(db)
	if err != nil {
		closeOut()
		return err
	}
	defer s.Close()
	if err := print(s, format, out); err != nil {
		closeOut()
		return err
	}
	return closeOut()
}

// resolve checks the format against the allowed ones and opens the output.
// The returned close function must be called (it reports write errors).
func (o *outputFlags) resolve(m *Main, allowed ...string) (string, io.Writer, func() error, error) {
	f := o.format
	if f == "" {
		f = "jsonl"
		if m.IsTerminal && o.output == "" {
			f = "table"
		}
	}
	ok := false
	for _, a := range allowed {
		ok = ok || a == f
	}
	if !ok {
		return "", nil, nil, &exitError{code: exitUsage, msg: fmt.Sprintf("--format: unknown format %q (want %s)", f, strings.Join(allowed, ", "))}
	}
	if o.output == "" {
		if f == "parquet" && m.IsTerminal {
			return "", nil, nil, &exitError{code: exitUsage, msg: "--format parquet writes binary data: give -o FILE or redirect standard output"}
		}
		return f, m.Stdout, func() error { return nil }, nil
	}
	file, err := os.Create(o.output)
	if err != nil {
		return "", nil, nil, parley.Errorf(parley.Invalid, o.output, "%v", err)
	}
	return f, file, file.Close, nil
}
