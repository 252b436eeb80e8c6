package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/gdelt"
	"github.com/parley-events/parley/store"
)

const importUsage = `[--db FILE] [--date YYYY-MM-DD] [--series-name NAME] [--key COL,...] FILE...

Imports GDELT event files into the store: GDELT 1.0 (57 or 58 columns) and
2.0 (61 columns) exports, tab-separated without a header, zipped or not, and
reduced extracts with a header row of GDELT column names. Each event keeps
its provenance (rule gdelt1 or gdelt2, the GlobalEventID, the SOURCEURL as
its story). Events join the newest complete coding version. Importing the
same file again adds nothing. Rows that cannot be read are reported on
stderr with file:line and skipped (exit status 3).

Also imports CSV series files: a header whose first column is the period
(date, day, week, month, quarter, year or period; values YYYY, YYYY-MM or
YYYY-MM-DD), then key columns and numeric value columns, e.g.
month,a,b,score. Keys are the columns that do not hold numbers (or those
given with --key), values the others. With --series-name or --key every
file is read as a series file. A file's values are stored under the series
NAME (default: the file's base name) in one transaction, each with its
file:line; importing it again replaces equal rows, adding nothing. Bad rows
are reported with file:line and skipped (exit status 3); empty value cells
are skipped.`

// importBatch is the number of stories per transaction.
const importBatch = 1000

func (m *Main) runImport(ctx context.Context, args []string) error {
	fs := m.newFlagSet("import", importUsage)
	db := m.dbFlag(fs)
	date := fs.String("date", "", "event date for extract rows without SQLDATE (default: the date in the file name, e.g. 20171126)")
	seriesFlag := fs.String("series-name", "", "read the files as series files and store them under this `name` (default: each file's base name)")
	keyFlag := fs.String("key", "", "read the files as series files with these key `columns` (comma-separated); the other columns after the period are values")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return &exitError{code: exitUsage, msg: "import: give one or more GDELT or series files"}
	}
	var keyNames []string
	if *keyFlag != "" {
		for _, k := range strings.Split(*keyFlag, ",") {
			if k = strings.TrimSpace(k); k == "" {
				return &exitError{code: exitUsage, msg: fmt.Sprintf("import: --key %q: empty column name", *keyFlag)}
			}
			keyNames = append(keyNames, k)
		}
	}
	forceSeries := *seriesFlag != "" || *keyFlag != ""
	var opt gdelt.Options
	if *date != "" {
		d, err := parley.ParseDate(*date)
		if err != nil || d.Precision != parley.PrecisionDay {
			return &exitError{code: exitUsage, msg: fmt.Sprintf("import: --date %q: want YYYY-MM-DD", *date)}
		}
		opt.Date = d
	}
	s, err := m.openStore(*db)
	if err != nil {
		return err
	}
	defer s.Close()
	version := 0 // found when the first GDELT file is imported
	rejected := 0
	for _, path := range fs.Args() {
		layout, err := sniffSeries(path, keyNames, forceSeries)
		if err != nil {
			rejected++
			fmt.Fprintf(m.Stderr, "parley import: rejected: %v\n", err)
			continue
		}
		if layout != nil {
			name := *seriesFlag
			if name == "" {
				name = seriesName(path)
			}
			n, err := m.importSeries(ctx, s, path, name, layout)
			rejected += n
			if err != nil {
				return err
			}
			continue
		}
		if version == 0 {
			if version, err = importVersion(ctx, s); err != nil {
				return err
			}
		}
		start := time.Now()
		// Events are grouped by story (GDELT's SOURCEURL) over the whole
		// file, since the store adds a story's events once per version.
		var order []string
		byStory := map[string][]parley.Event{}
		n, err := gdelt.ReadFile(ctx, path, opt, func(e parley.Event) error {
			if _, ok := byStory[e.StoryID]; !ok {
				order = append(order, e.StoryID)
			}
			byStory[e.StoryID] = append(byStory[e.StoryID], e)
			return nil
		}, func(err error) {
			rejected++
			fmt.Fprintf(m.Stderr, "parley import: rejected: %v\n", err)
		})
		if err != nil {
			if ctx.Err() != nil {
				return err
			}
			// A file that cannot be read at all (missing, not a GDELT
			// export) is one rejection; the other files are still imported.
			rejected++
			fmt.Fprintf(m.Stderr, "parley import: rejected: %v\n", err)
			continue
		}
		var stored, dup, events int
		for i := 0; i < len(order); i += importBatch {
			batch := make([]store.Coded, 0, importBatch)
			for _, id := range order[i:min(i+importBatch, len(order))] {
				batch = append(batch, store.Coded{Doc: &parley.Document{Story: importStory(id, byStory[id])}, Events: byStory[id]})
			}
			res, err := s.Put(ctx, version, batch)
			if err != nil {
				return fmt.Errorf("import %s: %w", path, err)
			}
			for j, r := range res {
				switch {
				case r.Err != nil:
					rejected++
					fmt.Fprintf(m.Stderr, "parley import: rejected: %s: story %s: %v\n", path, batch[j].Doc.Story.ID, r.Err)
				case r.Coded:
					events += r.Events
					if r.Stored {
						stored++
					}
				default:
					dup++
				}
			}
		}
		fmt.Fprintf(m.Stderr, "parley import: %s: %d events read, %d stored under %d new stories, %d stories already imported, version %d, %.1fs\n",
			path, n, events, stored, dup, version, time.Since(start).Seconds())
	}
	if rejected > 0 {
		return errRejected(rejected)
	}
	return nil
}

// importVersion returns the coding version imported events join: the
// newest complete one, or a new one.
func importVersion(ctx context.Context, s store.Store) (int, error) {
	vs, err := s.Versions(ctx)
	if err != nil {
		return 0, err
	}
	for i := len(vs) - 1; i >= 0; i-- {
		if vs[i].Complete {
			return vs[i].N, nil
		}
	}
	v, err := s.BeginVersion(ctx, "import")
	if err != nil {
		return 0, err
	}
	return v.N, s.CompleteVersion(ctx, v.N)
}

// importStory is the story that imported events point to: GDELT gives only
// its URL (or, without one, the event id), so the story has no text; its
// hash is derived from its id so that each is distinct and importing it
// again is recognised.
func importStory(id string, evs []parley.Event) *parley.Story {
	sum := sha256.Sum256([]byte("gdelt\x00" + id))
	st := &parley.Story{ID: id, Hash: hex.EncodeToString(sum[:]), Source: "GDELT", Origin: evs[0].Rule}
	if strings.HasPrefix(id, "http://") || strings.HasPrefix(id, "https://") {
		st.URL = id
	}
	for _, e := range evs {
		if !e.Published.IsZero() && (st.Published.IsZero() || e.Published.Before(st.Published)) {
			st.Published = e.Published
			st.DateFrom = "metadata"
		}
	}
	return st
}
