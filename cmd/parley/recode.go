package main

import (
	"context"
	"fmt"
	"runtime"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/store"
)

// runRecode codes every stored story again, with the current coder, into a
// new coding version. Queries keep reading the previous version until the
// new one is complete. An interrupted recode goes on where it stopped when
// run again.
func (m *Main) runRecode(ctx context.Context, args []string) error {
	fs := m.newFlagSet("recode", "[--db FILE] [--dict FILE]... [--no-builtin] [--force]")
	db := m.dbFlag(fs)
	var dicts multiFlag
	fs.Var(&dicts, "dict", "extra actor or verb dictionary (repeatable)")
	noBuiltin := fs.Bool("no-builtin", false, "do not load the built-in dictionaries")
	force := fs.Bool("force", false, "recode even if the newest version was coded by this same coder")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "coding workers")
	batch := fs.Int("batch", 500, "stories per database transaction")
	quiet := fs.Bool("quiet", false, "no progress, only the summary")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &exitError{code: exitUsage, msg: fmt.Sprintf("recode: unexpected argument %q (recode reads the stored stories)", fs.Arg(0))}
	}
	if *workers < 1 || *batch < 1 {
		return &exitError{code: exitUsage, msg: "recode: --workers and --batch must be at least 1"}
	}
	st := m.pipeline()
	cdr, err := m.coder(st, dicts, *noBuiltin)
	if err != nil {
		return err
	}
	s, err := m.openStoreRead(*db) // fails if there is no database
	if err != nil {
		return err
	}
	s.Close()
	s, err = m.openStore(*db)
	if err != nil {
		return err
	}
	defer s.Close()

	vs, err := s.Versions(ctx)
	if err != nil {
		return err
	}
	coderVersion := cdr.Version()
	var v store.Version
	for i := len(vs) - 1; i >= 0; i-- {
		x := vs[i]
		if !x.Complete && x.Coder == coderVersion {
			v = x // an interrupted recode with this coder: go on
			fmt.Fprintf(m.Stderr, "parley recode: going on with version %d (%d stories coded so far)\n", x.N, x.Stories)
			break
		}
		if x.Complete {
			if x.Coder == coderVersion && !*force {
				fmt.Fprintf(m.Stderr, "parley recode: version %d was already coded by %s; nothing to do (--force to recode anyway)\n", x.N, coderVersion)
				return nil
			}
			break
		}
	}
	if v.N == 0 {
		if v, err = s.BeginVersion(ctx, coderVersion); err != nil {
			return err
		}
	}
	var total int64 = -1
	if len(vs) > 0 {
		total = int64(vs[len(vs)-1].Stories)
	}
	p := &pipe{m: m, s: s, version: v.N, coder: cdr, analyze: st.analyze, workers: *workers, batch: *batch, verb: "recode", keepNear: false}
	if !*quiet {
		p.progress = m.newProgress("recode", total)
	}
	err = p.run(ctx, func(ctx context.Context, out chan<- *parley.Story) error {
		q := store.StoryQuery{Uncoded: v.N, Limit: 500}
		for {
			page, err := s.Stories(ctx, q)
			if err != nil {
				return err
			}
			for i := range page.Stories {
				select {
				case out <- &page.Stories[i]:
				case <-ctx.Done():
					return ctx.Err()
				}
			}
			if page.Next == "" {
				return nil
			}
			q.Cursor = page.Next
		}
	})
	p.summary(err)
	if err != nil {
		return err
	}
	if n := p.rejected.Load(); n > 0 {
		return fmt.Errorf("recode: %d stories could not be stored; version %d left incomplete (queries read the previous one)", n, v.N)
	}
	if err := s.CompleteVersion(ctx, v.N); err != nil {
		return err
	}
	prev := ""
	for _, x := range vs {
		if x.Complete && x.N < v.N {
			prev = fmt.Sprintf(" (--version %d for the previous one)", x.N)
		}
	}
	fmt.Fprintf(m.Stderr, "parley recode: version %d complete; queries now read it%s\n", v.N, prev)
	return nil
}
