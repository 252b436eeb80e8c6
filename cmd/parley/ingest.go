package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/ingest"
	"github.com/parley-events/parley/store"
	"github.com/parley-events/parley/store/sqlite"
)

// runIngest reads, codes and stores stories.
func (m *Main) runIngest(ctx context.Context, args []string) error {
	fs := m.newFlagSet("ingest", "[--db FILE] [--dict FILE]... [--no-builtin] PATH... | -")
	db := m.dbFlag(fs)
	var dicts multiFlag
	fs.Var(&dicts, "dict", "extra actor or verb dictionary (repeatable)")
	noBuiltin := fs.Bool("no-builtin", false, "do not load the built-in dictionaries")
	var ro ingest.Options
	readerFlags(fs, &ro)
	keepNear := fs.Bool("keep-near-duplicates", false, "code near-duplicate stories too (by default they are stored without events so that copies of one report are not counted twice)")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "coding workers")
	batch := fs.Int("batch", 500, "stories per database transaction")
	quiet := fs.Bool("quiet", false, "no progress, only the summary")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	paths, err := storyInputs(fs, "ingest", &ro)
	if err != nil {
		return err
	}
	if *workers < 1 || *batch < 1 {
		return &exitError{code: exitUsage, msg: "ingest: --workers and --batch must be at least 1"}
	}
	ro.Dedup = true
	ro.Stdin = m.Stdin
	st := m.pipeline()
	cdr, err := m.coder(st, dicts, *noBuiltin)
	if err != nil {
		return err
	}
	s, err := m.openStore(*db)
	if err != nil {
		return err
	}
	defer s.Close()
	v, err := ingestVersion(ctx, s, cdr.Version(), m.Stderr)
	if err != nil {
		return err
	}

	p := &pipe{m: m, s: s, version: v, coder: cdr, analyze: st.analyze, workers: *workers, batch: *batch,
		keepNear: *keepNear, verb: "ingest"}
	if !*quiet {
		p.progress = m.newProgress("ingest", estimateStories(paths))
	}
	var readErr error
	err = p.run(ctx, func(ctx context.Context, out chan<- *parley.Story) error {
		ro.OnError = func(err error) {
			p.reject(err)
		}
		readErr = st.read(ctx, paths, ro, func(s *parley.Story) error {
			select {
			case out <- s:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
		return readErr
	})
	p.summary(err)
	if err != nil {
		return err
	}
	if n := p.rejected.Load(); n > 0 {
		return errRejected(int(n))
	}
	return nil
}

// coder builds the coder, printing warnings about unreadable dictionary
// lines.
func (m *Main) coder(st *stages, dicts []string, noBuiltin bool) (coder, error) {
	c, err := st.newCoder(dicts, noBuiltin)
	if c == nil {
		return nil, err
	}
	if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintln(m.Stderr, "warning:", line)
		}
	}
	return c, nil
}

// ingestVersion returns the version that ingest codes into: the newest
// complete one, or a new first version. It warns when that version was
// coded by another coder.
func ingestVersion(ctx context.Context, s store.Store, coder string, log io.Writer) (int, error) {
	vs, err := s.Versions(ctx)
	if err != nil {
		return 0, err
	}
	for i := len(vs) - 1; i >= 0; i-- {
		if vs[i].Complete {
			if vs[i].Coder != coder {
				fmt.Fprintf(log, "parley ingest: stored events (version %d) were coded by %s, this is %s; new stories join version %d: run \"parley recode\" to recode them all\n",
					vs[i].N, vs[i].Coder, coder, vs[i].N)
			}
			return vs[i].N, nil
		}
	}
	v, err := s.BeginVersion(ctx, coder)
	if err != nil {
		return 0, err
	}
	return v.N, s.CompleteVersion(ctx, v.N)
}

// codedChecker finds stories already stored and coded (*sqlite.Store).
type codedChecker interface {
	Coded(ctx context.Context, hash string, version int) (id string, coded bool, err error)
}

// pipe codes stories on several workers and stores them in batches, one
// transaction per batch: a story is stored with all its events or not at
// all, so a killed run loses nothing committed and a new run goes on
// where it stopped.
type pipe struct {
	m        *Main
	s        store.Store
	version  int
	coder    coder
	analyze  func(*parley.Story) *parley.Document
	workers  int
	batch    int
	keepNear bool
	verb     string
	progress *progress

	read, stored, skipped, events, rejected atomic.Int64
	renamed                                 atomic.Int64 // stored under id#hash: their id was taken
	panicked                                atomic.Bool
	start                                   time.Time
}

func (p *pipe) reject(err error) {
	p.rejected.Add(1)
	if p.progress != nil {
		p.progress.clear()
	}
	fmt.Fprintf(p.m.Stderr, "parley %s: %v\n", p.verb, err)
}

// run feeds stories from source through the coders into the store.
func (p *pipe) run(ctx context.Context, source func(ctx context.Context, out chan<- *parley.Story) error) error {
	p.start = time.Now()
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	stories := make(chan *parley.Story, p.workers*4)
	coded := make(chan store.Coded, p.batch)
	var srcErr error
	go func() {
		defer close(stories)
		srcErr = source(ctx, stories)
	}()
	checker, _ := p.s.(codedChecker)
	var wg sync.WaitGroup
	for range p.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for st := range stories {
				p.read.Add(1)
				if checker != nil {
					hash := st.Hash
					if hash == "" {
						hash = sqlite.Hash(st.Text)
					}
					if _, done, err := checker.Coded(ctx, hash, p.version); err == nil && done {
						p.skipped.Add(1)
						continue
					}
				}
				c, err := p.code(st)
				if err != nil {
					p.reject(err)
					continue
				}
				select {
				case coded <- c:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(coded)
	}()
	err := p.write(ctx, coded)
	if err != nil {
		cancel(err)
		for range coded { // let the workers finish
		}
	}
	for range stories {
	}
	if err == nil && srcErr != nil && !errors.Is(srcErr, context.Canceled) {
		err = srcErr
	}
	if err == nil {
		err = ctx.Err()
	}
	return err
}

// code analyses and codes one story. A panic in the analyser or coder (a
// bug) rejects that story, with its stack on stderr, instead of losing
// the whole run; the story is not stored, so a later run codes it.
func (p *pipe) code(st *parley.Story) (c store.Coded, err error) {
	defer func() {
		if r := recover(); r != nil {
			stack := ""
			if !p.panicked.Swap(true) {
				stack = "\n" + string(debug.Stack()) // the first one only
			}
			err = parley.Errorf(parley.Internal, origin(&parley.Document{Story: st}), "coding failed (a bug; please report it): %v%s", r, stack)
		}
	}()
	c.Doc = p.analyze(st)
	if p.keepNear || st.Duplicate != "near" {
		c.Events = p.coder.Code(c.Doc)
	}
	return c, nil
}

// write commits batches of coded stories until in closes.
func (p *pipe) write(ctx context.Context, in <-chan store.Coded) error {
	var buf []store.Coded
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	flush := func() error {
		if len(buf) == 0 {
			return nil
		}
		res, err := p.s.Put(ctx, p.version, buf)
		if err != nil {
			return err
		}
		// Ids from different inputs collide (two files numbering their
		// stories from 1): keep such a story under its id and hash.
		var again []store.Coded
		var where []int
		for i, r := range res {
			if parley.KindOf(r.Err) == parley.Conflict {
				st := *buf[i].Doc.Story
				hash := st.Hash
				if hash == "" {
					hash = sqlite.Hash(st.Text)
				}
				st.ID += "#" + hash[:min(12, len(hash))]
				doc := *buf[i].Doc
				doc.Story = &st
				again = append(again, store.Coded{Doc: &doc, Events: buf[i].Events})
				where = append(where, i)
			}
		}
		if len(again) > 0 {
			res2, err := p.s.Put(ctx, p.version, again)
			if err != nil {
				return err
			}
			for j, r := range res2 {
				res[where[j]] = r
				if r.Err == nil && r.Stored {
					p.renamed.Add(1)
				}
			}
		}
		for i, r := range res {
			switch {
			case r.Err != nil:
				p.reject(fmt.Errorf("%s: %w", origin(buf[i].Doc), r.Err))
			case r.Stored || r.Coded:
				p.stored.Add(1)
				p.events.Add(int64(r.Events))
			default:
				p.skipped.Add(1)
			}
		}
		buf = buf[:0]
		if p.progress != nil {
			p.progress.update(p)
		}
		return nil
	}
	for {
		select {
		case c, ok := <-in:
			if !ok {
				return flush()
			}
			buf = append(buf, c)
			if len(buf) >= p.batch {
				if err := flush(); err != nil {
					return err
				}
			}
		case <-tick.C:
			if err := flush(); err != nil {
				return err
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func origin(d *parley.Document) string {
	if d == nil || d.Story == nil {
		return "story"
	}
	if d.Story.Origin != "" {
		return d.Story.Origin
	}
	return "story " + d.Story.ID
}

func (p *pipe) summary(err error) {
	if p.progress != nil {
		p.progress.finish(p)
	}
	el := time.Since(p.start)
	msg := fmt.Sprintf("parley %s: %d stories stored, %d events (version %d), %d already stored, %d rejected, in %s",
		p.verb, p.stored.Load(), p.events.Load(), p.version, p.skipped.Load(), p.rejected.Load(), el.Round(time.Millisecond))
	if sec := el.Seconds(); sec > 0 {
		msg += fmt.Sprintf(" (%.0f stories/s, %.0f events/s)", float64(p.stored.Load())/sec, float64(p.events.Load())/sec)
	}
	if err != nil {
		msg += "; stopped early: run the same command again to go on"
	}
	if n := p.renamed.Load(); n > 0 {
		msg += fmt.Sprintf("\nparley %s: %d stories had an id already used by another story; they are stored as ID#HASH", p.verb, n)
	}
	fmt.Fprintln(p.m.Stderr, msg)
}

// progress shows how far ingest or recode is: a bar on a terminal, log
// lines every few seconds otherwise.
type progress struct {
	m       *Main
	verb    string
	bar     *progressbar.ProgressBar
	mu      sync.Mutex
	lastLog time.Time
	done    int64
	total   int64
}

func (m *Main) newProgress(verb string, total int64) *progress {
	p := &progress{m: m, verb: verb, total: total, lastLog: time.Now()}
	if m.IsTerminal {
		max := total
		if max <= 0 {
			max = -1
		}
		p.bar = progressbar.NewOptions64(max,
			progressbar.OptionSetWriter(m.Stderr),
			progressbar.OptionSetDescription(verb),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("stories"),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionShowDescriptionAtLineEnd(),
			progressbar.OptionSetWidth(30),
		)
	}
	return p
}

func (p *progress) update(pp *pipe) {
	p.mu.Lock()
	defer p.mu.Unlock()
	done := pp.stored.Load() + pp.skipped.Load() + pp.rejected.Load()
	el := time.Since(pp.start).Seconds()
	evRate := float64(pp.events.Load()) / max(el, 1e-9)
	if p.bar != nil {
		if p.total > 0 && done > p.total {
			p.total = done
			p.bar.ChangeMax64(done)
		}
		p.bar.Describe(fmt.Sprintf("%d events (%.0f/s)", pp.events.Load(), evRate))
		p.bar.Add64(done - p.done)
		p.done = done
		return
	}
	if time.Since(p.lastLog) < 5*time.Second {
		return
	}
	p.lastLog = time.Now()
	line := fmt.Sprintf("parley %s: %d stories (%.0f/s), %d events (%.0f/s)", p.verb, done, float64(done)/max(el, 1e-9), pp.events.Load(), evRate)
	if p.total > done && done > 0 {
		eta := time.Duration(float64(p.total-done) * el / float64(done) * float64(time.Second))
		line += fmt.Sprintf(", about %d%%, ETA %s", 100*done/p.total, eta.Round(time.Second))
	}
	fmt.Fprintln(p.m.Stderr, line)
}

// clear clears the bar before another line is written.
func (p *progress) clear() {
	if p.bar != nil {
		p.mu.Lock()
		p.bar.Clear()
		p.mu.Unlock()
	}
}

func (p *progress) finish(pp *pipe) {
	if p.bar != nil {
		p.update(pp)
		p.bar.Finish()
		fmt.Fprintln(p.m.Stderr)
	}
}

// estimateStories guesses how many stories the inputs hold, for the ETA:
// a line per story in JSON lines and CSV files, an item or entry per story
// in feeds, a story per other file. -1 when unknown (standard input).
func estimateStories(paths []string) int64 {
	var n int64
	for _, p := range paths {
		if p == "-" {
			return -1
		}
		filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() {
				if path != p && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if strings.HasPrefix(d.Name(), ".") {
				return nil
			}
			n += storiesIn(path)
			return nil
		})
	}
	return n
}

func storiesIn(path string) int64 {
	ext := strings.ToLower(filepath.Ext(path))
	switch ext {
	case ".jsonl", ".ndjson", ".csv", ".tsv", ".rss", ".atom", ".xml":
	default:
		return 1
	}
	f, err := os.Open(path)
	if err != nil {
		return 1
	}
	defer f.Close()
	var n int64
	r := bufio.NewReaderSize(f, 1<<16)
	buf := make([]byte, 1<<16)
	feed := ext == ".rss" || ext == ".atom" || ext == ".xml"
	for {
		k, err := r.Read(buf)
		if feed {
			n += int64(bytes.Count(buf[:k], []byte("<item")) + bytes.Count(buf[:k], []byte("<entry")))
		} else {
			n += int64(bytes.Count(buf[:k], []byte{'\n'}))
		}
		if err != nil {
			break
		}
	}
	if ext == ".csv" || ext == ".tsv" {
		n-- // header
	}
	return max(n, 1)
}
