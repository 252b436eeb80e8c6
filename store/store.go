// Package store is the contract between parley and the databases that keep
// stories and their coded events.
//
// A Store keeps stories (text, metadata, content hash) and, for each coding
// version, the events coded from them. A coding version is one run of one
// coder over the stored stories: ingest codes new stories into the newest
// complete version; recode begins a new version, codes every stored story
// into it and completes it. Queries read the newest complete version unless
// they name one.
//
// Backends live in subpackages named for their technology (store/sqlite).
// Each runs the conformance suite in store/storetest. Extras that a backend
// may push down into its engine (series, top dyads) are optional interfaces
// found by type assertion: Seriesser, Dyadser, Counter. Package aggregate
// uses them when present and computes the same results from Events when not.
package store

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/parley-events/parley"
)

// ErrNotFound is returned (wrapped in a *parley.Error of kind NotFound) when
// a story or version does not exist.
var ErrNotFound = errors.New("store: not found")

// ErrClosed is returned by methods called after Close.
var ErrClosed = errors.New("store: closed")

// Store keeps stories and their events. Implementations are safe for
// concurrent use by several goroutines. Every method that takes a context
// stops waiting and returns ctx.Err() (possibly wrapped) when the context
// ends; a write interrupted by cancellation is rolled back whole, so a story
// is either stored with all its events for the version or not at all.
//
// Errors carry a parley.Kind: Invalid for a bad query or input, NotFound
// (wrapping ErrNotFound) for a missing story or version, Conflict for a
// story id already used by another content hash, Unavailable when the
// backend cannot be reached, Internal otherwise.
type Store interface {
	// Put stores each document's story and, for the given coding version,
	// its events. Each item is atomic: after a crash at any moment a story
	// is stored with all its events for the version, or not at all.
	// Backends may commit several items in one transaction.
	//
	// Put is idempotent. A story whose content hash (Story.Hash, computed
	// from Story.Text when empty) is already stored is not stored again;
	// its events are added only if the stored story has not yet been coded
	// in this version (the events' StoryID is then rewritten to the stored
	// id). A story whose id is empty gets its hash as id. A story whose id
	// is already used by a different hash is rejected with a Conflict error
	// in its Result; an invalid item (nil document or story) gets an
	// Invalid one. Rejected items do not stop the others.
	//
	// Put returns one Result per item, in order. The error is non-nil only
	// when the batch as a whole failed (then nothing in the failed
	// transaction is stored) or the version does not exist (NotFound).
	Put(ctx context.Context, version int, batch []Coded) ([]Result, error)

	// Events returns the events matching q, ordered by event date then
	// insertion order (newest first when q.Desc), at most q.Limit of them
	// (DefaultLimit when zero, MaxLimit at most), and a cursor for the next
	// page ("" on the last page). Paging with the cursor returns every
	// matching event once, with no gaps or repeats, and keeps reading the
	// version the first page read; events inserted meanwhile appear only
	// if they sort after the cursor. Returns an Invalid error for a
	// malformed query or cursor.
	Events(ctx context.Context, q Query) (EventPage, error)

	// Story returns the story with the given id and its events in the
	// given coding version (0: the newest complete one), in sentence order.
	// Returns a NotFound error wrapping ErrNotFound if there is no such
	// story.
	Story(ctx context.Context, id string, version int) (*parley.Story, []parley.Event, error)

	// Stories lists stored stories in insertion order, a page at a time.
	// With q.Uncoded set it lists only stories that have not been coded in
	// that version (recode uses this to resume).
	Stories(ctx context.Context, q StoryQuery) (StoryPage, error)

	// Versions lists the coding versions, oldest first.
	Versions(ctx context.Context) ([]Version, error)

	// BeginVersion creates a new, incomplete coding version for the coder
	// named (coding.Coder.Version()) and returns it. Queries keep reading
	// the previous complete version until CompleteVersion.
	BeginVersion(ctx context.Context, coder string) (Version, error)

	// CompleteVersion marks version n complete: it becomes the default for
	// queries if it is the newest. NotFound if there is no version n.
	CompleteVersion(ctx context.Context, n int) error

	// Close releases the store. Calls after Close return ErrClosed. It is
	// safe to call Close more than once.
	Close() error
}

// Coded is one item for Put: a story analysed into sentences and the events
// coded from it. Doc.Sentences supply each event's sentence text (stored
// with the event for full-text search and display); they may be empty.
type Coded struct {
	Doc    *parley.Document
	Events []parley.Event
}

// Result is what Put did with one item.
type Result struct {
	ID     string // the stored story's id (the earlier story's, for a duplicate)
	Stored bool   // the story was new and is now stored
	Coded  bool   // its events were stored for the version (false if it was already coded)
	Events int    // number of events stored
	Err    error  // why the item was rejected, or nil
}

// Version is one coding version.
type Version struct {
	N        int       `json:"version"`
	Coder    string    `json:"coder"` // the coder's version string
	Created  time.Time `json:"created"`
	Complete bool      `json:"complete"`
	Stories  int       `json:"stories"` // stories coded in this version
	Events   int       `json:"events"`  // events stored in this version
}

// Query limits.
const (
	DefaultLimit = 100
	MaxLimit     = 10000
)

// Query selects events. Zero fields do not filter. Actor code filters are
// prefixes of the full code ("PRK" matches "PRKGOV", "PRKMIL"); dyad and
// country filters compare the first three letters when the prefix is three
// letters long.
type Query struct {
	// Actor matches events whose source or target code has this prefix.
	Actor string
	// Source and Target match the source and target code prefixes. With
	// Either, an event also matches with the two swapped (a dyad either
	// way: JPN-PRK and PRK-JPN).
	Source, Target string
	Either         bool

	// From and To bound the event date: From <= date < To. Events with
	// no date never match a date bound. An event's date is the first day
	// of the period it names ("2012-12" is 2012-12-01).
	From, To time.Time
	// MinPrecision keeps only events whose date is at least this precise
	// (parley.PrecisionMonth drops year-only dates).
	MinPrecision parley.Precision
	// PublishedFrom and PublishedTo bound the story's publication time.
	PublishedFrom, PublishedTo time.Time

	CAMEO     string // CAMEO code prefix ("036", "03")
	Root      string // CAMEO root, two digits ("03")
	PLOVER    string // PLOVER type, exact ("CONSULT")
	QuadClass int    // 1-4; 0 for any
	Location  string // location country code (ISO 3166 alpha-3)
	Text      string // words that must all occur in the sentence (full-text, case-insensitive)
	StoryID   string // events of one story

	Version int // coding version; 0 for the newest complete version

	Limit  int    // page size; 0 for DefaultLimit, at most MaxLimit
	Cursor string // opaque cursor from the previous page
	Desc   bool   // newest event date first
}

// EventPage is one page of events.
type EventPage struct {
	Events  []parley.Event `json:"events"`
	Next    string         `json:"next,omitempty"` // cursor for the next page, "" if none
	Version int            `json:"version"`        // the coding version read
}

// StoryQuery selects stories for Stories.
type StoryQuery struct {
	Uncoded int    // only stories not coded in this version (0: no filter)
	Limit   int    // page size; 0 for DefaultLimit, at most MaxLimit
	Cursor  string // opaque cursor from the previous page
}

// StoryPage is one page of stories.
type StoryPage struct {
	Stories []parley.Story `json:"stories"`
	Next    string         `json:"next,omitempty"`
}

// Interval is the width of a series bucket.
type Interval string

const (
	Day   Interval = "day"
	Week  Interval = "week" // ISO weeks, starting on Monday
	Month Interval = "month"
	Year  Interval = "year"
)

// Valid reports whether i is one of the intervals above.
func (i Interval) Valid() bool {
	switch i {
	case Day, Week, Month, Year:
		return true
	}
	return false
}

// Truncate returns the first day of the bucket that holds t (UTC).
func (i Interval) Truncate(t time.Time) time.Time {
	t = t.UTC()
	y, m, d := t.Date()
	switch i {
	case Week:
		day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		wd := (int(day.Weekday()) + 6) % 7 // Monday = 0
		return day.AddDate(0, 0, -wd)
	case Month:
		return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	case Year:
		return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Next returns the first day of the bucket after the one starting at t.
func (i Interval) Next(t time.Time) time.Time {
	switch i {
	case Week:
		return t.AddDate(0, 0, 7)
	case Month:
		return t.AddDate(0, 1, 0)
	case Year:
		return t.AddDate(1, 0, 0)
	}
	return t.AddDate(0, 0, 1)
}

// Bucket is the raw aggregate of the events in one period: the figures a
// backend can sum. Package aggregate derives means and indexes from them.
type Bucket struct {
	Start     time.Time // first day of the period (UTC)
	Quad      [5]int    // events per QuadClass; index 0 counts events without one
	Goldstein float64   // sum of Goldstein scores
}

// Count returns the number of events in b.
func (b Bucket) Count() int { return b.Quad[0] + b.Quad[1] + b.Quad[2] + b.Quad[3] + b.Quad[4] }

// Seriesser is implemented by backends that compute series themselves.
// Series returns the non-empty buckets of the events matching q (its
// Limit, Cursor and Desc are ignored), oldest first. Events without a date
// are not counted. Safe for concurrent use; honours ctx.
type Seriesser interface {
	Series(ctx context.Context, q Query, by Interval) ([]Bucket, error)
}

// DyadCount is the aggregate of one directed dyad (country to country).
type DyadCount struct {
	Source    string  `json:"source"` // country code
	Target    string  `json:"target"`
	Quad      [5]int  `json:"quad"`
	Goldstein float64 `json:"goldstein"` // sum
}

// Count returns the number of events of the dyad.
func (d DyadCount) Count() int { return d.Quad[0] + d.Quad[1] + d.Quad[2] + d.Quad[3] + d.Quad[4] }

// Dyadser is implemented by backends that group events by country dyad
// themselves. Dyads returns one DyadCount per directed pair of source and
// target countries among the events matching q (Limit, Cursor, Desc
// ignored; events without a target or a country are skipped), in no
// particular order. Safe for concurrent use; honours ctx.
type Dyadser interface {
	Dyads(ctx context.Context, q Query) ([]DyadCount, error)
}

// Counter is implemented by backends that count events themselves.
type Counter interface {
	Count(ctx context.Context, q Query) (int, error)
}

// SeriesRow is one value of an imported series file: the value of column
// Column for key Key in period Period (YYYY, YYYY-MM or YYYY-MM-DD as the
// file writes it). Source is its provenance, "FILE:LINE".
type SeriesRow struct {
	Period string   `json:"period"`
	Key    []string `json:"key"`
	Column string   `json:"column"`
	Value  float64  `json:"value"`
	Source string   `json:"source"`
}

// SeriesWriter is implemented by backends that keep imported series.
// PutSeries stores rows under the series name in one transaction:
// a row with the same name, period, key and column as a stored one
// replaces it, so importing a file again adds nothing. It returns the
// number of rows added or changed. A row without a period or column, or
// with a value that is not finite, makes the whole call fail (Invalid).
type SeriesWriter interface {
	PutSeries(ctx context.Context, name string, rows []SeriesRow) (int, error)
}

// SeriesReader is implemented by backends that keep imported series.
// SeriesRows returns the rows of the named series whose key equals key
// (all rows when key is nil), ordered by key, column and period; none
// (and no error) for an unknown name. SeriesNames lists the stored names,
// sorted.
type SeriesReader interface {
	SeriesRows(ctx context.Context, name string, key []string) ([]SeriesRow, error)
	SeriesNames(ctx context.Context) ([]string, error)
}

// Country returns the country (or CAMEO block) an actor belongs to, as
// stores index it: a.Country, else the first three letters of a.Code when
// they are letters ("PRKGOV" is PRK; "---COP", an unknown country's
// police, has none). Empty when unknown.
func Country(a parley.Actor) string {
	if a.Country != "" {
		return strings.ToUpper(a.Country)
	}
	if len(a.Code) < 3 {
		return ""
	}
	for i := range 3 {
		if c := a.Code[i] | 0x20; c < 'a' || c > 'z' {
			return ""
		}
	}
	return strings.ToUpper(a.Code[:3])
}
