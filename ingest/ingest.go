package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/parley-events/parley"
)

// Options says how Read reads stories. The zero value detects formats and
// field names by itself.
type Options struct {
	// Format forces one reader for every input: "text", "html", "rss",
	// "jsonl", "json", "csv" or "tsv". "" detects it from the file's
	// extension, else from its content.
	Format string
	// Field names for JSON lines and CSV, overriding the automatic ones
	// (id, doc_id, text, full_text, body, date, published, ...). Matched
	// case-insensitively; "" means automatic.
	IDField, TextField, DateField, TitleField, SourceField, URLField string
	// Stdin is what the path "-" reads (nothing when nil).
	Stdin io.Reader
	// OnError is called once per rejected input (a file, line, row or feed
	// item), with a *parley.Error whose Op is "path:line" ("path" alone
	// when no line applies, "path#N" for the Nth feed item) and whose Kind
	// is Invalid (NotFound for a path that does not exist). May be nil.
	OnError func(error)
	// Dedup marks exact and near duplicates among everything one Read
	// call reads (Story.DuplicateOf and Story.Duplicate). Duplicates are
	// still passed to fn.
	Dedup bool
}

// DefaultOptions returns the options Read uses when given none: formats and
// fields detected, no deduplication.
func DefaultOptions() Options { return Options{} }

// Stats counts what Read read.
type Stats struct {
	Files          int // files opened (stdin counts as one)
	Stories        int // stories passed to fn
	Rejected       int // inputs rejected (each reported through OnError)
	Duplicates     int // exact duplicates among Stories (Options.Dedup)
	NearDuplicates int // near duplicates among Stories (Options.Dedup)
}

// Formats lists the values Options.Format accepts.
var Formats = []string{"text", "html", "rss", "jsonl", "json", "csv", "tsv"}

// Read reads every story from paths and calls fn with each, in input order.
// A path is a file, a folder (read recursively, in lexical order, skipping
// hidden entries and files whose extension is not a story format), or "-"
// for opts.Stdin. Gzip-compressed files (.gz, or by their magic number) are
// decompressed.
//
// A rejected input (a missing file, binary data, invalid UTF-8, a malformed
// JSON line or CSV row, an unreadable date, an empty file, a record with no
// text) goes to opts.OnError and is counted in Stats.Rejected; it never
// stops the read. Read returns an error only when ctx is cancelled (the
// context's error), when fn returns one (that error, unchanged), or, before
// reading anything, when opts.Format is unknown (kind Invalid). fn must not
// keep the story's Meta map if it modifies it.
func Read(ctx context.Context, paths []string, opts Options, fn func(*parley.Story) error) (Stats, error) {
	rd := &reader{ctx: ctx, opts: opts, fn: fn, fields: newFieldTable(opts)}
	if opts.Format != "" {
		f := canonicalFormat(opts.Format)
		if f == "" {
			return rd.stats, parley.Errorf(parley.Invalid, "ingest", "unknown format %q (want one of %s)", opts.Format, strings.Join(Formats, ", "))
		}
		rd.format = f
	}
	if opts.Dedup {
		rd.dedup = NewDeduper()
	}
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return rd.stats, err
		}
		if err := rd.path(p); err != nil {
			return rd.stats, err
		}
	}
	return rd.stats, nil
}

// reader holds the state of one Read call.
type reader struct {
	ctx    context.Context
	opts   Options
	format string // forced format, or ""
	fn     func(*parley.Story) error
	fields *fieldTable
	dedup  *Deduper
	stats  Stats
}

func (rd *reader) reject(err error) {
	rd.stats.Rejected++
	if rd.opts.OnError != nil {
		rd.opts.OnError(err)
	}
}

// emit passes a story on; its error stops the read.
func (rd *reader) emit(s *parley.Story) error {
	if err := rd.ctx.Err(); err != nil {
		return err
	}
	if rd.dedup != nil {
		rd.dedup.Check(s)
		switch s.Duplicate {
		case "exact":
			rd.stats.Duplicates++
		case "near":
			rd.stats.NearDuplicates++
		}
	}
	rd.stats.Stories++
	return rd.fn(s)
}

func (rd *reader) path(p string) error {
	if p == "-" {
		rd.stats.Files++
		in := rd.opts.Stdin
		if in == nil {
			in = strings.NewReader("")
		}
		return rd.stream("stdin", "", in)
	}
	fi, err := os.Stat(p)
	if err != nil {
		kind := parley.Invalid
		if errors.Is(err, fs.ErrNotExist) {
			kind = parley.NotFound
		}
		rd.reject(&parley.Error{Op: p, Kind: kind, Err: pathError(err)})
		return nil
	}
	if !fi.IsDir() {
		return rd.file(p)
	}
	var files []string
	err = filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
		if err != nil {
			rd.reject(&parley.Error{Op: q, Kind: parley.Invalid, Err: pathError(err)})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if q != p && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() && isStoryFile(q) {
			files = append(files, q)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := rd.ctx.Err(); err != nil {
			return err
		}
		if err := rd.file(f); err != nil {
			return err
		}
	}
	return nil
}

// gzipErrors names the errors of a gzip stream for what they mean to a
// user: a file cut short, or corrupt data.
type gzipErrors struct{ r io.Reader }

func (g gzipErrors) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	switch {
	case err == nil || err == io.EOF:
	case errors.Is(err, io.ErrUnexpectedEOF):
		err = fmt.Errorf("truncated gzip data (%w)", err)
	default:
		err = fmt.Errorf("corrupt gzip data (%w)", err)
	}
	return n, err
}

// pathError drops the path an *fs.PathError repeats.
func pathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func (rd *reader) file(p string) error {
	f, err := os.Open(p)
	if err != nil {
		rd.reject(&parley.Error{Op: p, Kind: parley.Invalid, Err: pathError(err)})
		return nil
	}
	defer f.Close()
	rd.stats.Files++
	return rd.stream(p, formatByExt(p), f)
}

// stream reads one input whose format is forced, given by its extension
// (ext) or sniffed from its first bytes.
func (rd *reader) stream(name, ext string, in io.Reader) error {
	br := bufio.NewReaderSize(in, 64<<10)
	head, _ := br.Peek(4096)
	if len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			rd.reject(parley.Errorf(parley.Invalid, name, "bad gzip data: %v", err))
			return nil
		}
		defer zr.Close()
		br = bufio.NewReaderSize(gzipErrors{zr}, 64<<10)
		head, _ = br.Peek(4096)
		if ext == "gzip" {
			ext = ""
		}
	}
	format := rd.format
	if format == "" {
		format = ext
	}
	if format == "" || format == "gzip" {
		format = sniff(head, rd.fields)
	}
	switch format {
	case "jsonl":
		return rd.jsonLines(name, br)
	case "csv":
		return rd.csvRows(name, br, ',')
	case "tsv":
		return rd.csvRows(name, br, '\t')
	}
	data, err := readAllLimited(name, br)
	if err != nil {
		rd.reject(err)
		return nil
	}
	switch format {
	case "json":
		return rd.jsonDocument(name, data)
	case "html":
		return rd.one(parseHTMLStory(name, data))
	case "rss":
		stories, rejected := feedStories(name, data)
		for _, s := range stories {
			if err := rd.emit(s); err != nil {
				return err
			}
		}
		for _, e := range rejected {
			rd.reject(e)
		}
		return nil
	}
	return rd.one(parseTextStory(name, data))
}

func (rd *reader) one(s *parley.Story, err error) error {
	if err != nil {
		rd.reject(err)
		return nil
	}
	return rd.emit(s)
}

// canonicalFormat maps a format name or alias to a reader, or "".
func canonicalFormat(f string) string {
	switch strings.ToLower(strings.TrimPrefix(f, ".")) {
	case "text", "txt", "plain", "md":
		return "text"
	case "html", "htm":
		return "html"
	case "rss", "atom", "xml", "feed":
		return "rss"
	case "jsonl", "ndjson", "jsonlines":
		return "jsonl"
	case "json":
		return "json"
	case "csv":
		return "csv"
	case "tsv", "tab":
		return "tsv"
	}
	return ""
}

// formatByExt is the format a file name's extension names; "gzip" for a
// .gz whose inner extension says nothing; "" when unknown.
func formatByExt(p string) string {
	ext := strings.ToLower(filepath.Ext(p))
	if ext == ".gz" || ext == ".gzip" {
		if f := formatByExt(strings.TrimSuffix(p, filepath.Ext(p))); f != "" && f != "gzip" {
			return f
		}
		return "gzip"
	}
	switch ext {
	case ".txt", ".text", ".md":
		return "text"
	case ".html", ".htm", ".xhtml":
		return "html"
	case ".xml", ".rss", ".atom":
		return "rss"
	case ".jsonl", ".ndjson", ".jsonlines":
		return "jsonl"
	case ".json":
		return "json"
	case ".csv":
		return "csv"
	case ".tsv", ".tab":
		return "tsv"
	}
	return ""
}

// isStoryFile reports whether a file found in a folder is read: a known
// extension, or none at all.
func isStoryFile(p string) bool {
	return formatByExt(p) != "" || filepath.Ext(p) == ""
}

// sniff guesses a format from the first bytes of an input.
func sniff(head []byte, fields *fieldTable) string {
	t := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(t) == 0 {
		return "text"
	}
	switch t[0] {
	case '{':
		return "jsonl"
	case '[':
		return "json"
	case '<':
		low := bytes.ToLower(t)
		feedAt := firstIndex(low, "<rss", "<feed", "<rdf:rdf")
		htmlAt := firstIndex(low, "<!doctype html", "<html", "<head", "<body", "<article", "<div", "<p>", "<p ")
		switch {
		case feedAt >= 0 && (htmlAt < 0 || feedAt < htmlAt):
			return "rss"
		case htmlAt >= 0:
			return "html"
		case bytes.HasPrefix(low, []byte("<?xml")):
			return "rss"
		}
		return "html"
	}
	// a CSV or TSV header names a text column
	line := t
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	for _, sep := range []struct {
		c      byte
		format string
	}{{'\t', "tsv"}, {',', "csv"}} {
		if bytes.IndexByte(line, sep.c) < 0 {
			continue
		}
		for _, col := range bytes.Split(line, []byte{sep.c}) {
			name := strings.Trim(strings.TrimSpace(string(col)), `"`)
			if fr, ok := fields.lookup(name); ok && fr.field == fieldText {
				return sep.format
			}
		}
	}
	return "text"
}

func firstIndex(s []byte, subs ...string) int {
	best := -1
	for _, sub := range subs {
		if i := bytes.Index(s, []byte(sub)); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	return best
}
