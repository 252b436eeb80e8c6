package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/coding"
	"github.com/parley-events/parley/ingest"
	"github.com/parley-events/parley/nlp"
)

// runCode reads stories, codes them and prints their events.
func (m *Main) runCode(ctx context.Context, args []string) error {
	fs := m.newFlagSet("code", "[--format jsonl|tsv|table] [--dict FILE]... [--no-builtin] [--explain] PATH... | -")
	format := fs.String("format", "", "output: jsonl (the contract), tsv (GDELT 2.0 event columns) or table (default: table on a terminal, else jsonl)")
	var dicts multiFlag
	fs.Var(&dicts, "dict", "TABARI/PETRARCH verbs, actors, agents or discards dictionary (repeatable; kind read from the name or content)")
	noBuiltin := fs.Bool("no-builtin", false, "code with only the --dict dictionaries: none of parley's own dictionaries or models")
	explain := fs.Bool("explain", false, "explain each sentence on stderr: actors found, candidate triggers, why each was coded or dropped")
	requireTarget := fs.String("require-target", "", "true: drop events without a target (default: true with --no-builtin, else false)")
	names := fs.String("names", "", "true: unknown capitalised names are actors (with the code of a description in commas after them); default: true, false with --no-builtin")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "coding workers")
	strict := fs.Bool("strict", false, "exit with status 3 when any input was rejected (by default, as the scoring contract wants, rejected lines are reported on stderr and the exit status is 0 when stories were coded)")
	var ro ingest.Options
	readerFlags(fs, &ro)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	paths, err := storyInputs(fs, "code", &ro)
	if err != nil {
		return err
	}
	out := m.outputFormat(*format)
	if out != "jsonl" && out != "tsv" && out != "table" {
		return &exitError{code: exitUsage, msg: fmt.Sprintf("code: unknown --format %q (want jsonl, tsv or table)", out)}
	}
	if *workers < 1 {
		return &exitError{code: exitUsage, msg: "code: --workers must be at least 1"}
	}
	opts := coding.Options{Dicts: dicts, NoBuiltin: *noBuiltin}
	switch strings.ToLower(*names) {
	case "":
	case "true", "1", "yes":
		t := true
		opts.Names = &t
	case "false", "0", "no":
		f := false
		opts.Names = &f
	default:
		return &exitError{code: exitUsage, msg: fmt.Sprintf("code: bad --names %q (want true or false)", *names)}
	}
	switch strings.ToLower(*requireTarget) {
	case "":
	case "true", "1", "yes":
		t := true
		opts.RequireTarget = &t
	case "false", "0", "no":
		f := false
		opts.RequireTarget = &f
	default:
		return &exitError{code: exitUsage, msg: fmt.Sprintf("code: bad --require-target %q (want true or false)", *requireTarget)}
	}
	if *explain {
		opts.Explain = m.Stderr
		*workers = 1 // explanations in story order
	}
	c, err := newCodingCoder(opts)
	if c == nil {
		return err
	}
	if err != nil {
		// Unreadable dictionary lines: warnings, the rest is loaded.
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintln(m.Stderr, "warning:", line)
		}
	}

	w := bufio.NewWriterSize(m.Stdout, 64*1024)
	defer w.Flush()
	var p printer
	switch out {
	case "jsonl":
		p = &jsonlPrinter{w: w}
	case "tsv":
		p = &tsvPrinter{w: w}
	default:
		p = &tablePrinter{tw: tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)}
	}

	rejected, missing, stories := 0, 0, 0
	ro.Stdin = m.Stdin
	ro.OnError = func(err error) {
		rejected++
		if parley.KindOf(err) == parley.NotFound {
			missing++
		}
		fmt.Fprintln(m.Stderr, "code:", err)
	}
	failed := 0
	err = codeStories(ctx, paths, ro, c, *workers, func(evs []parley.Event, s *parley.Story) error {
		stories++
		for i := range evs {
			if err := p.print(&evs[i], s); err != nil {
				return err
			}
		}
		return nil
	}, func(err error) {
		failed++
		fmt.Fprintln(m.Stderr, "code:", err)
	})
	if ferr := p.flush(); err == nil {
		err = ferr
	}
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		return err
	}
	// Rejected lines (a malformed JSON line, an empty text) are reported
	// on stderr and the rest is coded: that is success. A missing input,
	// or input of which nothing could be read, exits with status 3.
	if failed > 0 {
		return parley.Errorf(parley.Internal, "code", "the coder failed on %d stories (reported above)", failed)
	}
	if missing > 0 || (rejected > 0 && (stories == 0 || *strict)) {
		return errRejected(rejected)
	}
	if rejected > 0 {
		fmt.Fprintf(m.Stderr, "code: %d input(s) rejected, %d stories coded\n", rejected, stories)
	}
	return nil
}

// newCodingCoder builds the event coder with parley's built-in
// dictionaries wired in (unless opts.NoBuiltin).
func newCodingCoder(opts coding.Options) (*coding.Coder, error) {
	if opts.Builtin == nil {
		opts.Builtin = builtinDictionaries
	}
	return coding.New(opts)
}

// codeStories reads stories, analyses and codes them on workers, and calls
// emit with each story's events in input order.
func codeStories(ctx context.Context, paths []string, ro ingest.Options, c *coding.Coder, workers int,
	emit func([]parley.Event, *parley.Story) error, warn func(error)) error {
	type job struct {
		seq   int
		story *parley.Story
		evs   []parley.Event
		err   error
		done  chan struct{}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan *job, workers*4)
	order := make(chan *job, workers*16)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.evs, j.err = codeOne(c, j.story)
				close(j.done)
			}
		}()
	}
	var emitErr error
	emitted := make(chan struct{})
	go func() {
		defer close(emitted)
		for j := range order {
			<-j.done
			if emitErr != nil {
				continue
			}
			if j.err != nil {
				// A bug on one story must not lose the others.
				warn(j.err)
				continue
			}
			if err := emit(j.evs, j.story); err != nil {
				emitErr = err
				cancel()
			}
		}
	}()
	seq := 0
	_, err := ingest.Read(ctx, paths, ro, func(s *parley.Story) error {
		j := &job{seq: seq, story: s, done: make(chan struct{})}
		seq++
		select {
		case order <- j:
		case <-ctx.Done():
			return ctx.Err()
		}
		select {
		case jobs <- j:
		case <-ctx.Done():
			return ctx.Err()
		}
		return nil
	})
	close(jobs)
	wg.Wait()
	close(order)
	<-emitted
	if emitErr != nil {
		return emitErr
	}
	if err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return err
}

// codeOne analyses and codes one story; a panic in the coder becomes an
// Internal error naming the story.
func codeOne(c *coding.Coder, s *parley.Story) (evs []parley.Event, err error) {
	defer func() {
		if r := recover(); r != nil {
			evs, err = nil, parley.Errorf(parley.Internal, "code story "+s.ID, "coder failed: %v", r)
		}
	}()
	return c.Code(nlp.Analyze(s)), nil
}

type printer interface {
	print(e *parley.Event, s *parley.Story) error
	flush() error
}

type jsonlPrinter struct{ w io.Writer }

func (p *jsonlPrinter) print(e *parley.Event, s *parley.Story) error {
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	b = append(b, '\n')
	_, err = p.w.Write(b)
	return err
}

func (p *jsonlPrinter) flush() error { return nil }

// tsvColumns are the GDELT 2.0 event columns parley fills.
var tsvColumns = []string{"GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
	"Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
	"Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
	"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
	"ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long",
	"DATEADDED", "SOURCEURL"}

type tsvPrinter struct {
	w      io.Writer
	header bool
	row    []string
}

func tsvField(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
}

func actorCols(a *parley.Actor) []string {
	if a == nil {
		return []string{"", "", "", "", "", ""}
	}
	code := a.Code
	if strings.HasPrefix(code, "---") {
		code = code[3:]
	}
	var types [3]string
	rest := ""
	if len(a.Code) > 3 {
		rest = a.Code[3:]
	}
	for i := 0; i < 3 && len(rest) >= 3; i++ {
		types[i], rest = rest[:3], rest[3:]
	}
	return []string{code, tsvField(strings.ToUpper(a.Text)), a.Country, types[0], types[1], types[2]}
}

func (p *tsvPrinter) print(e *parley.Event, s *parley.Story) error {
	if !p.header {
		p.header = true
		if _, err := io.WriteString(p.w, strings.Join(tsvColumns, "\t")+"\n"); err != nil {
			return err
		}
	}
	d := e.Date
	day, monthYear, year, frac := "", "", "", ""
	if !d.IsZero() {
		t := d.Time()
		year = strconv.Itoa(d.Year)
		if d.Precision >= parley.PrecisionMonth {
			monthYear = fmt.Sprintf("%04d%02d", d.Year, d.Month)
		}
		if d.Precision == parley.PrecisionDay {
			day = t.Format("20060102")
		}
		frac = strconv.FormatFloat(float64(d.Year)+float64(t.YearDay()-1)/365, 'f', 4, 64)
	}
	row := p.row[:0]
	row = append(row, e.ID, day, monthYear, year, frac)
	row = append(row, actorCols(&e.Source)...)
	row = append(row, actorCols(e.Target)...)
	root := "0"
	if e.Sentence == 0 {
		root = "1"
	}
	base := e.CAMEO
	if len(base) > 3 {
		base = base[:3]
	}
	row = append(row, root, e.CAMEO, base, e.Root, strconv.Itoa(e.QuadClass), strconv.FormatFloat(e.Goldstein, 'f', 1, 64))
	if e.Location != nil {
		lat, lon := "", ""
		if e.Location.Lat != 0 || e.Location.Lon != 0 {
			lat, lon = strconv.FormatFloat(e.Location.Lat, 'f', 4, 64), strconv.FormatFloat(e.Location.Lon, 'f', 4, 64)
		}
		row = append(row, "1", tsvField(e.Location.Name), e.Location.Country, lat, lon)
	} else {
		row = append(row, "0", "", "", "", "")
	}
	added := ""
	if !e.Published.IsZero() {
		added = e.Published.UTC().Format("20060102150405")
	} else {
		added = time.Now().UTC().Format("20060102150405")
	}
	url := ""
	if s != nil {
		url = s.URL
	}
	row = append(row, added, tsvField(url))
	p.row = row
	_, err := io.WriteString(p.w, strings.Join(row, "\t")+"\n")
	return err
}

func (p *tsvPrinter) flush() error { return nil }

type tablePrinter struct {
	tw     *tabwriter.Writer
	header bool
}

func (p *tablePrinter) print(e *parley.Event, s *parley.Story) error {
	if !p.header {
		p.header = true
		fmt.Fprintln(p.tw, "STORY\tSENT\tDATE\tSOURCE\tCAMEO\tPLOVER\tTARGET\tTRIGGER\tLOCATION")
	}
	tgt := "-"
	if e.Target != nil {
		tgt = e.Target.Code + " (" + clipText(e.Target.Text, 24) + ")"
	}
	loc := ""
	if e.Location != nil {
		loc = e.Location.Country
	}
	sym := ""
	if e.Symmetric {
		sym = " <->"
	}
	_, err := fmt.Fprintf(p.tw, "%s\t%d\t%s\t%s (%s)\t%s%s\t%s\t%s\t%s\t%s\n", clipText(e.StoryID, 16), e.Sentence, e.Date.String(),
		e.Source.Code, clipText(e.Source.Text, 24), e.CAMEO, sym, e.PLOVER, tgt, clipText(e.Trigger.Text, 20), loc)
	return err
}

func (p *tablePrinter) flush() error { return p.tw.Flush() }

func clipText(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
