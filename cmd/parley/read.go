package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/ingest"
	"github.com/parley-events/parley/nlp"
)

// runRead reads stories and prints each one's metadata, sentences and
// resolved time expressions: an aligned table on a terminal (or with
// --format table), one parley.Document a line with --format jsonl.
// Rejected inputs are reported one line each on stderr; the other stories
// are still printed and the command returns errRejected.
func (m *Main) runRead(ctx context.Context, args []string) error {
	fs := m.newFlagSet("read", "[--format table|jsonl] [--input-format F] [--dedup] PATH... | -")
	format := fs.String("format", "", "output: table or jsonl (one story a line: {\"story\", \"sentences\"}) (default: table on a terminal, else jsonl)")
	var ro ingest.Options
	readerFlags(fs, &ro)
	fs.BoolVar(&ro.Dedup, "dedup", false, "mark exact and near duplicates of earlier stories")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	paths, err := storyInputs(fs, "read", &ro)
	if err != nil {
		return err
	}
	out := m.outputFormat(*format)
	w := bufio.NewWriterSize(m.Stdout, 64*1024)
	var print func(*parley.Document) error
	switch out {
	case "jsonl":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		print = func(d *parley.Document) error { return enc.Encode(d) }
	case "table":
		print = func(d *parley.Document) error { return writeDocTable(w, d) }
	default:
		return &exitError{code: exitUsage, msg: fmt.Sprintf("read: unknown --format %q (want table or jsonl)", out)}
	}

	rejected := 0
	ro.Stdin = m.Stdin
	ro.OnError = func(err error) {
		rejected++
		// Keep stdout and stderr in order on a terminal.
		w.Flush()
		fmt.Fprintln(m.Stderr, "read:", err)
	}
	var a nlp.Analyzer
	_, err = ingest.Read(ctx, paths, ro, func(s *parley.Story) error {
		return print(a.Analyze(s))
	})
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		return err
	}
	if rejected > 0 {
		return errRejected(rejected)
	}
	return nil
}

// writeDocTable writes one analysed story as a readable block: its
// metadata, then one row a sentence (index, byte span, text) with its time
// expressions or its context below it.
func writeDocTable(w io.Writer, d *parley.Document) error {
	s := d.Story
	title := s.Title
	if title == "" {
		title = "(no title)"
	}
	fmt.Fprintf(w, "== %s\n", oneLine(title))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	field := func(k, v string) {
		if v != "" {
			fmt.Fprintf(tw, "   %s\t%s\n", k, oneLine(v))
		}
	}
	field("id", s.ID)
	field("byline", s.Byline)
	field("source", s.Source)
	field("url", s.URL)
	pub := "unknown"
	if !s.Published.IsZero() {
		pub = s.Published.Format(time.RFC3339)
		if s.DateFrom != "" {
			pub += " (from " + s.DateFrom + ")"
		}
	}
	field("published", pub)
	field("origin", s.Origin)
	if s.DuplicateOf != "" {
		field("duplicate", s.Duplicate+" duplicate of "+s.DuplicateOf)
	}
	field("sentences", fmt.Sprint(len(d.Sentences)))
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "   #\tspan\ttext\n")
	for _, sent := range d.Sentences {
		fmt.Fprintf(tw, "   %d\t%d-%d\t%s\n", sent.Index, sent.Start, sent.End, oneLine(sent.Text))
		for _, e := range sent.Times {
			v := e.Value.String() + " " + e.Value.Precision.String()
			if e.Value.Part != "" {
				v += " " + e.Value.Part
			}
			fmt.Fprintf(tw, "   \t\t  time %q = %s\n", e.Text, v)
		}
		if len(sent.Times) == 0 && !sent.Context.IsZero() {
			fmt.Fprintf(tw, "   \t\t  context %s (%s)\n", sent.Context, sent.ContextFrom)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w)
	return err
}

// oneLine replaces line breaks and tabs so that a value stays on its row.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\n\r\t") {
		return s
	}
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ").Replace(s)
}
