// Package sqlite is parley's embedded store: one SQLite file, written with
// modernc.org/sqlite (pure Go, so parley stays one static binary).
//
// The file is in WAL mode: several processes may read it while one writes
// (ingest), and a writer killed at any moment (kill -9) loses no committed
// transaction and leaves no partial one. synchronous=NORMAL keeps every
// commit safe from a process crash; a power loss may lose the last
// commits, never corrupt the file.
//
// Schema: stories (id, unique content hash, publication time, text and the
// story's JSON), versions, coded (which story was coded in which version,
// so a story coded with no events is not coded again), events (one column
// per query filter and the full event's JSON) with three indexes, each
// covering what series and dyad counts read: source + date (+ target,
// QuadClass, Goldstein), target + date (+ source, ...) and date (+ both
// countries, ..., CAMEO root). A dyad reads the source or the target
// index; a filtered page in date order reads an index in that order and
// stops after a page. Each index costs a random page write per insert as
// the file grows, so there are no more of them; events_fts, an FTS5 index of each
// event's sentence text, and events_fts_vocab, its vocabulary with each
// word's number of sentences (a text query picks its plan from it).
package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/store"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

var (
	_ store.Store     = (*Store)(nil)
	_ store.Seriesser = (*Store)(nil)
	_ store.Dyadser   = (*Store)(nil)
	_ store.Counter   = (*Store)(nil)
)

// Options configure a Store. Zero fields take defaults.
type Options struct {
	Logger *slog.Logger     // default: discard
	Now    func() time.Time // default: time.Now
	// BusyTimeout is how long a statement waits for another process's
	// lock before failing (default 30s).
	BusyTimeout time.Duration
	// ReadOnly opens the file for reading only (it must exist).
	ReadOnly bool
	// CacheMB is the page cache of each reading connection in MiB
	// (default 64).
	CacheMB int
	// WriteCacheMB is the page cache of the writing connection in MiB
	// (default 512): inserts touch pages all over the indexes, and a
	// cache that holds them keeps the insert rate flat as the file
	// grows. Memory is only used as pages are read.
	WriteCacheMB int
}

// EnsureDefaults fills zero fields.
func (o *Options) EnsureDefaults() {
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.CacheMB <= 0 {
		o.CacheMB = 64
	}
	if o.WriteCacheMB <= 0 {
		o.WriteCacheMB = 512
	}
	if o.BusyTimeout == 0 {
		o.BusyTimeout = 30 * time.Second
	}
}

// Store is a SQLite-backed store.Store. Safe for concurrent use.
type Store struct {
	path string
	opts Options
	rd   *sql.DB // read pool
	wr   *sql.DB // one connection: SQLite has one writer at a time

	mu     sync.Mutex
	closed bool
}

const schema = `
CREATE TABLE IF NOT EXISTS stories (
	seq       INTEGER PRIMARY KEY,
	id        TEXT NOT NULL UNIQUE,
	hash      TEXT NOT NULL UNIQUE,
	published TEXT NOT NULL DEFAULT '',
	source    TEXT NOT NULL DEFAULT '',
	text      TEXT NOT NULL,
	doc       TEXT NOT NULL,
	added     TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS versions (
	n        INTEGER PRIMARY KEY,
	coder    TEXT NOT NULL,
	created  TEXT NOT NULL,
	complete INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS coded (
	version   INTEGER NOT NULL,
	story_seq INTEGER NOT NULL,
	events    INTEGER NOT NULL,
	PRIMARY KEY (version, story_seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS events (
	rowid          INTEGER PRIMARY KEY,
	version        INTEGER NOT NULL,
	story_seq      INTEGER NOT NULL,
	story_id       TEXT NOT NULL,
	sentence       INTEGER NOT NULL,
	source_code    TEXT NOT NULL,
	source_country TEXT NOT NULL,
	target_code    TEXT NOT NULL,
	target_country TEXT NOT NULL,
	event_date     TEXT NOT NULL,
	precision      INTEGER NOT NULL,
	published      TEXT NOT NULL,
	cameo          TEXT NOT NULL,
	root           TEXT NOT NULL,
	quad           INTEGER NOT NULL,
	goldstein      REAL NOT NULL,
	plover         TEXT NOT NULL,
	location       TEXT NOT NULL,
	sentence_text  TEXT NOT NULL,
	json           TEXT NOT NULL
);
DROP INDEX IF EXISTS events_dyad;
DROP INDEX IF EXISTS events_source;
DROP INDEX IF EXISTS events_target;
CREATE INDEX IF NOT EXISTS events_src ON events (version, source_country, event_date, target_country, quad, goldstein);
CREATE INDEX IF NOT EXISTS events_tgt ON events (version, target_country, event_date, source_country, quad, goldstein);
DROP INDEX IF EXISTS events_cameo;
DROP INDEX IF EXISTS events_root;
DROP INDEX IF EXISTS events_date;
CREATE INDEX IF NOT EXISTS events_day ON events (version, event_date, source_country, target_country, quad, goldstein, root);
CREATE INDEX IF NOT EXISTS events_story ON events (story_seq, version);
CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING fts5 (sentence_text, content='events', content_rowid='rowid');
CREATE VIRTUAL TABLE IF NOT EXISTS events_fts_vocab USING fts5vocab (events_fts, row);
` + seriesSchema

// Open opens (creating if needed) the SQLite store at path.
//
// A path naming a directory is refused (Invalid). Opened for writing, a
// file that cannot be written (its mode, or a folder where the -wal and -shm
// files cannot be created) gives "PATH: database is read-only"
// (Unavailable). Opened with ReadOnly, such a file is still read: first with
// mode=ro, and when SQLite cannot create the -shm file beside it, as an
// immutable file (then what only the -wal file of a writer holds is not
// seen, and a concurrent writer is not noticed).
func Open(path string, opts Options) (*Store, error) {
	opts.EnsureDefaults()
	if path == "" {
		return nil, parley.Errorf(parley.Invalid, "sqlite.Open", "empty database path")
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return nil, parley.Errorf(parley.Invalid, path, "is a directory, not a database file")
	} else if err == nil && !opts.ReadOnly {
		// SQLite opens a file it may not write read-only and fails
		// only at the first write; say so before.
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) {
			return nil, parley.Errorf(parley.Unavailable, path, "database is read-only")
		}
		if err == nil {
			f.Close()
		}
	}
	busy := fmt.Sprintf("busy_timeout(%d)", opts.BusyTimeout.Milliseconds())
	q := url.Values{}
	q.Add("_pragma", busy)
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(OFF)")
	q.Add("_pragma", fmt.Sprintf("cache_size(-%d)", opts.CacheMB*1024))
	q.Add("_pragma", "temp_store(MEMORY)")
	if opts.ReadOnly {
		q.Add("mode", "ro")
	}
	base := "file:" + (&url.URL{Path: path}).EscapedPath()
	s := &Store{path: path, opts: opts}
	var err error
	if !opts.ReadOnly {
		wq := url.Values{}
		wq.Add("_pragma", busy)
		wq.Add("_pragma", "journal_mode(WAL)")
		wq.Add("_pragma", "synchronous(NORMAL)")
		wq.Add("_pragma", "foreign_keys(OFF)")
		wq.Add("_pragma", fmt.Sprintf("cache_size(-%d)", opts.WriteCacheMB*1024))
		wq.Add("_pragma", "temp_store(MEMORY)")
		// Checkpoint every 64 MiB of WAL rather than 4: a page that
		// several commits rewrote is copied to the file once.
		wq.Add("_pragma", "wal_autocheckpoint(16384)")
		wq.Add("_pragma", "journal_size_limit(67108864)")
		wq.Set("_txlock", "immediate")
		s.wr, err = sql.Open("sqlite", base+"?"+wq.Encode())
		if err != nil {
			return nil, openErr(path, "", err)
		}
		s.wr.SetMaxOpenConns(1)
		s.wr.SetConnMaxIdleTime(0)
		if _, err := s.wr.Exec(schema); err != nil {
			s.wr.Close()
			return nil, openErr(path, "create schema: ", err)
		}
	}
	s.rd, err = openRead(base, q, opts.ReadOnly)
	if err != nil && opts.ReadOnly && readOnlyErr(err) {
		// mode=ro still needs the -shm file of a WAL database; a file
		// nobody may write beside it is read as immutable.
		q.Set("immutable", "1")
		s.rd, err = openRead(base, q, opts.ReadOnly)
	}
	if err != nil {
		if s.wr != nil {
			s.wr.Close()
		}
		if errors.Is(err, errNotParley) {
			return nil, parley.Errorf(parley.Invalid, "sqlite.Open", "%s: not a parley database", path)
		}
		return nil, openErr(path, "", err)
	}
	return s, nil
}

var errNotParley = errors.New("not a parley database")

// openRead opens and checks the reading pool.
func openRead(base string, q url.Values, readOnly bool) (*sql.DB, error) {
	db, err := sql.Open("sqlite", base+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, err
	}
	if readOnly {
		var n int
		if err := db.QueryRow("SELECT count(*) FROM sqlite_master WHERE name = 'events'").Scan(&n); err != nil {
			db.Close()
			return nil, err
		}
		if n == 0 {
			db.Close()
			return nil, errNotParley
		}
	}
	return db, nil
}

// sqliteCode returns the primary SQLite result code in err, or 0.
func sqliteCode(err error) int {
	var se interface{ Code() int }
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}

// readOnlyErr reports whether err says that the file (or the -wal/-shm
// beside it) cannot be written or created.
func readOnlyErr(err error) bool {
	switch sqliteCode(err) {
	case 8, 14: // SQLITE_READONLY, SQLITE_CANTOPEN
		return true
	}
	return false
}

// openErr names path in an error of Open: a file that cannot be written is
// "PATH: database is read-only".
func openErr(path, what string, err error) error {
	if sqliteCode(err) == 8 {
		return parley.Errorf(parley.Unavailable, path, "database is read-only")
	}
	if sqliteCode(err) == 14 {
		if f, ferr := os.Open(path); ferr == nil {
			// The file is there and readable, but SQLite cannot
			// create its -wal/-shm files: its folder is not writable.
			f.Close()
			return parley.Errorf(parley.Unavailable, path, "database is read-only (cannot create its -wal/-shm files: %v)", err)
		}
	}
	return parley.Errorf(parley.Unavailable, "sqlite.Open", "%s: %s%v", path, what, err)
}

// Path returns the database file's path.
func (s *Store) Path() string { return s.path }

// Close closes the store.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	var errs []error
	if s.wr != nil {
		// Refresh the planner's statistics (bounded work), then fold
		// the WAL back into the main file.
		s.wr.Exec("PRAGMA analysis_limit = 1000; PRAGMA optimize")
		s.wr.Exec("PRAGMA wal_checkpoint(PASSIVE)")
		errs = append(errs, s.wr.Close())
	}
	errs = append(errs, s.rd.Close())
	return errors.Join(errs...)
}

func (s *Store) check(op string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return &parley.Error{Op: op, Kind: parley.Unavailable, Err: store.ErrClosed}
	}
	if s.wr == nil && (op == "Put" || op == "BeginVersion" || op == "CompleteVersion") {
		return parley.Errorf(parley.Invalid, "sqlite."+op, "%s is open read-only", s.path)
	}
	return nil
}

// dbErr wraps an engine error with a kind: context errors keep their
// identity; everything else is Internal (Unavailable when the file is busy).
func dbErr(op string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return &parley.Error{Op: "sqlite." + op, Kind: parley.Unavailable, Err: err}
	}
	var pe *parley.Error
	if errors.As(err, &pe) {
		return err
	}
	kind := parley.Internal
	if msg := err.Error(); strings.Contains(msg, "SQLITE_BUSY") || strings.Contains(msg, "database is locked") {
		kind = parley.Unavailable
	}
	return &parley.Error{Op: "sqlite." + op, Kind: kind, Err: err}
}

const timeLayout = "2006-01-02T15:04:05Z"

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeLayout)
}

func fmtDay(t time.Time) string { return t.UTC().Format("2006-01-02") }

// storyDoc is what the doc column keeps: the story without its text.
func storyJSON(st *parley.Story) (string, error) {
	c := *st
	c.Text = ""
	b, err := json.Marshal(&c)
	return string(b), err
}

// Hash returns the content hash Put uses for a story without one: the hex
// SHA-256 of its text.
func Hash(text string) string {
	h := sha256.Sum256([]byte(text))
	return hex.EncodeToString(h[:])
}

// Put stores stories and their events; see store.Store.
func (s *Store) Put(ctx context.Context, version int, batch []store.Coded) ([]store.Result, error) {
	if err := s.check("Put"); err != nil {
		return nil, err
	}
	res := make([]store.Result, len(batch))
	tx, err := s.wr.BeginTx(ctx, nil)
	if err != nil {
		return nil, dbErr("Put", err)
	}
	defer tx.Rollback()
	var ok int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM versions WHERE n = ?", version).Scan(&ok); err != nil {
		return nil, dbErr("Put", err)
	}
	if ok == 0 {
		return nil, &parley.Error{Op: "sqlite.Put", Kind: parley.NotFound, Err: fmt.Errorf("version %d: %w", version, store.ErrNotFound)}
	}
	stmts, err := prepare(ctx, tx)
	if err != nil {
		return nil, dbErr("Put", err)
	}
	defer stmts.close()
	now := fmtTime(s.opts.Now())
	for i, c := range batch {
		r, err := s.putOne(ctx, stmts, version, c, now)
		if err != nil {
			var pe *parley.Error
			if errors.As(err, &pe) && (pe.Kind == parley.Invalid || pe.Kind == parley.Conflict) {
				res[i] = store.Result{Err: err}
				continue
			}
			return nil, dbErr("Put", err)
		}
		res[i] = r
	}
	if err := tx.Commit(); err != nil {
		return nil, dbErr("Put", err)
	}
	return res, nil
}

type stmts struct {
	byHash, byID, insStory, isCoded, insCoded, insEvent, insFTS *sql.Stmt
}

func prepare(ctx context.Context, tx *sql.Tx) (*stmts, error) {
	var s stmts
	var err error
	p := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = tx.PrepareContext(ctx, q)
		return st
	}
	s.byHash = p("SELECT seq, id FROM stories WHERE hash = ?")
	s.byID = p("SELECT hash FROM stories WHERE id = ?")
	s.insStory = p("INSERT INTO stories (id, hash, published, source, text, doc, added) VALUES (?, ?, ?, ?, ?, ?, ?)")
	s.isCoded = p("SELECT count(*) FROM coded WHERE version = ? AND story_seq = ?")
	s.insCoded = p("INSERT INTO coded (version, story_seq, events) VALUES (?, ?, ?)")
	s.insEvent = p(`INSERT INTO events (version, story_seq, story_id, sentence, source_code, source_country,
		target_code, target_country, event_date, precision, published, cameo, root, quad, goldstein, plover,
		location, sentence_text, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	s.insFTS = p("INSERT INTO events_fts (rowid, sentence_text) VALUES (?, ?)")
	if err != nil {
		s.close()
		return nil, err
	}
	return &s, nil
}

func (s *stmts) close() {
	for _, st := range []*sql.Stmt{s.byHash, s.byID, s.insStory, s.isCoded, s.insCoded, s.insEvent, s.insFTS} {
		if st != nil {
			st.Close()
		}
	}
}

func (s *Store) putOne(ctx context.Context, st *stmts, version int, c store.Coded, now string) (store.Result, error) {
	if c.Doc == nil || c.Doc.Story == nil {
		return store.Result{}, parley.Errorf(parley.Invalid, "sqlite.Put", "item without a story")
	}
	story := c.Doc.Story
	hash := story.Hash
	if hash == "" {
		hash = Hash(story.Text)
	}
	id := story.ID
	if id == "" {
		id = hash
	}
	var r store.Result
	var seq int64
	var storedID string
	err := st.byHash.QueryRowContext(ctx, hash).Scan(&seq, &storedID)
	switch {
	case err == sql.ErrNoRows:
		var other string
		err := st.byID.QueryRowContext(ctx, id).Scan(&other)
		if err == nil {
			return r, parley.Errorf(parley.Conflict, "sqlite.Put", "story %s: id already used by a story with different text", id)
		} else if err != sql.ErrNoRows {
			return r, err
		}
		cp := *story
		cp.ID, cp.Hash = id, hash
		doc, err := storyJSON(&cp)
		if err != nil {
			return r, parley.Errorf(parley.Invalid, "sqlite.Put", "story %s: %v", id, err)
		}
		res, err := st.insStory.ExecContext(ctx, id, hash, fmtTime(story.Published), story.Source, story.Text, doc, now)
		if err != nil {
			return r, err
		}
		seq, _ = res.LastInsertId()
		r.Stored = true
		storedID = id
	case err != nil:
		return r, err
	}
	r.ID = storedID
	var n int
	if err := st.isCoded.QueryRowContext(ctx, version, seq).Scan(&n); err != nil {
		return r, err
	}
	if n > 0 {
		return r, nil
	}
	sentences := c.Doc.Sentences
	for i := range c.Events {
		e := c.Events[i] // copy: the caller's slice is not changed
		e.StoryID = storedID
		e.Version = 0
		if e.ID == "" {
			e.ID = fmt.Sprintf("%s-%d-%d-%d", storedID, e.Sentence, e.Trigger.Start, i)
		}
		if e.Published.IsZero() {
			e.Published = story.Published
		}
		text := e.SentenceText
		if text == "" && e.Sentence >= 0 && e.Sentence < len(sentences) {
			text = sentences[e.Sentence].Text
		}
		e.SentenceText = ""
		js, err := e.MarshalJSON() // already compact: skips json.Marshal's second pass
		if err != nil {
			return r, parley.Errorf(parley.Invalid, "sqlite.Put", "story %s event %d: %v", storedID, i, err)
		}
		var tcode, tcountry string
		if e.Target != nil {
			tcode, tcountry = strings.ToUpper(e.Target.Code), store.Country(*e.Target)
		}
		var loc string
		if e.Location != nil {
			loc = strings.ToUpper(e.Location.Country)
		}
		day := ""
		if !e.Date.IsZero() {
			day = fmtDay(e.Date.Time())
		}
		res, err := st.insEvent.ExecContext(ctx, version, seq, storedID, e.Sentence,
			strings.ToUpper(e.Source.Code), store.Country(e.Source), tcode, tcountry,
			day, int(e.Date.Precision), fmtTime(e.Published), e.CAMEO, root(e), e.QuadClass, e.Goldstein,
			strings.ToUpper(e.PLOVER), loc, text, string(js))
		if err != nil {
			return r, err
		}
		if text != "" {
			rowid, _ := res.LastInsertId()
			if _, err := st.insFTS.ExecContext(ctx, rowid, text); err != nil {
				return r, err
			}
		}
	}
	if _, err := st.insCoded.ExecContext(ctx, version, seq, len(c.Events)); err != nil {
		return r, err
	}
	r.Coded = true
	r.Events = len(c.Events)
	return r, nil
}

func root(e parley.Event) string {
	if e.Root != "" {
		return e.Root
	}
	if len(e.CAMEO) >= 2 {
		return e.CAMEO[:2]
	}
	return ""
}

// Versions lists coding versions; see store.Store.
func (s *Store) Versions(ctx context.Context) ([]store.Version, error) {
	if err := s.check("Versions"); err != nil {
		return nil, err
	}
	rows, err := s.rd.QueryContext(ctx, `SELECT v.n, v.coder, v.created, v.complete,
		(SELECT count(*) FROM coded c WHERE c.version = v.n),
		(SELECT coalesce(sum(events), 0) FROM coded c WHERE c.version = v.n)
		FROM versions v ORDER BY v.n`)
	if err != nil {
		return nil, dbErr("Versions", err)
	}
	defer rows.Close()
	var vs []store.Version
	for rows.Next() {
		var v store.Version
		var created string
		if err := rows.Scan(&v.N, &v.Coder, &created, &v.Complete, &v.Stories, &v.Events); err != nil {
			return nil, dbErr("Versions", err)
		}
		v.Created, _ = time.Parse(timeLayout, created)
		vs = append(vs, v)
	}
	return vs, dbErr("Versions", rows.Err())
}

// BeginVersion creates a new incomplete version; see store.Store.
func (s *Store) BeginVersion(ctx context.Context, coder string) (store.Version, error) {
	if err := s.check("BeginVersion"); err != nil {
		return store.Version{}, err
	}
	now := s.opts.Now().UTC().Truncate(time.Second)
	res, err := s.wr.ExecContext(ctx, "INSERT INTO versions (coder, created, complete) VALUES (?, ?, 0)", coder, fmtTime(now))
	if err != nil {
		return store.Version{}, dbErr("BeginVersion", err)
	}
	n, _ := res.LastInsertId()
	return store.Version{N: int(n), Coder: coder, Created: now}, nil
}

// CompleteVersion marks a version complete; see store.Store.
func (s *Store) CompleteVersion(ctx context.Context, n int) error {
	if err := s.check("CompleteVersion"); err != nil {
		return err
	}
	res, err := s.wr.ExecContext(ctx, "UPDATE versions SET complete = 1 WHERE n = ?", n)
	if err != nil {
		return dbErr("CompleteVersion", err)
	}
	if k, _ := res.RowsAffected(); k == 0 {
		return &parley.Error{Op: "sqlite.CompleteVersion", Kind: parley.NotFound, Err: fmt.Errorf("version %d: %w", n, store.ErrNotFound)}
	}
	return nil
}

// resolveVersion returns v, or the newest complete version when v is 0 (0
// when there is none). NotFound if v names no version.
func (s *Store) resolveVersion(ctx context.Context, op string, v int) (int, error) {
	if v < 0 {
		return 0, parley.Errorf(parley.Invalid, "sqlite."+op, "bad version %d", v)
	}
	if v == 0 {
		var n sql.NullInt64
		if err := s.rd.QueryRowContext(ctx, "SELECT max(n) FROM versions WHERE complete = 1").Scan(&n); err != nil {
			return 0, dbErr(op, err)
		}
		return int(n.Int64), nil
	}
	var k int
	if err := s.rd.QueryRowContext(ctx, "SELECT count(*) FROM versions WHERE n = ?", v).Scan(&k); err != nil {
		return 0, dbErr(op, err)
	}
	if k == 0 {
		return 0, &parley.Error{Op: "sqlite." + op, Kind: parley.NotFound, Err: fmt.Errorf("version %d: %w", v, store.ErrNotFound)}
	}
	return v, nil
}

// Story returns a story and its events; see store.Store.
func (s *Store) Story(ctx context.Context, id string, version int) (*parley.Story, []parley.Event, error) {
	if err := s.check("Story"); err != nil {
		return nil, nil, err
	}
	var seq int64
	var text, doc string
	err := s.rd.QueryRowContext(ctx, "SELECT seq, text, doc FROM stories WHERE id = ?", id).Scan(&seq, &text, &doc)
	if err == sql.ErrNoRows {
		return nil, nil, &parley.Error{Op: "sqlite.Story", Kind: parley.NotFound, Err: fmt.Errorf("story %q: %w", id, store.ErrNotFound)}
	}
	if err != nil {
		return nil, nil, dbErr("Story", err)
	}
	st, err := decodeStory(text, doc)
	if err != nil {
		return nil, nil, err
	}
	v, err := s.resolveVersion(ctx, "Story", version)
	if err != nil {
		return nil, nil, err
	}
	rows, err := s.rd.QueryContext(ctx, "SELECT rowid, version, sentence_text, json FROM events WHERE story_seq = ? AND version = ? ORDER BY sentence, rowid", seq, v)
	if err != nil {
		return nil, nil, dbErr("Story", err)
	}
	defer rows.Close()
	var evs []parley.Event
	for rows.Next() {
		e, _, err := scanEvent(rows)
		if err != nil {
			return nil, nil, err
		}
		evs = append(evs, e)
	}
	return st, evs, dbErr("Story", rows.Err())
}

func decodeStory(text, doc string) (*parley.Story, error) {
	var st parley.Story
	if err := json.Unmarshal([]byte(doc), &st); err != nil {
		return nil, parley.Errorf(parley.Internal, "sqlite", "decode stored story: %v", err)
	}
	st.Text = text
	return &st, nil
}

func scanEvent(rows *sql.Rows) (parley.Event, int64, error) {
	var rowid int64
	var version int
	var text, js string
	if err := rows.Scan(&rowid, &version, &text, &js); err != nil {
		return parley.Event{}, 0, dbErr("Events", err)
	}
	var e parley.Event
	if err := json.Unmarshal([]byte(js), &e); err != nil {
		return e, 0, parley.Errorf(parley.Internal, "sqlite", "decode stored event %d: %v", rowid, err)
	}
	e.Version = version
	e.SentenceText = text
	return e, rowid, nil
}

// Stories lists stored stories; see store.Store.
func (s *Store) Stories(ctx context.Context, q store.StoryQuery) (store.StoryPage, error) {
	if err := s.check("Stories"); err != nil {
		return store.StoryPage{}, err
	}
	limit, err := pageLimit("Stories", q.Limit)
	if err != nil {
		return store.StoryPage{}, err
	}
	var after int64
	if q.Cursor != "" {
		c, err := decodeCursor(q.Cursor)
		if err != nil || c.Kind != "s" {
			return store.StoryPage{}, parley.Errorf(parley.Invalid, "sqlite.Stories", "bad cursor %q", q.Cursor)
		}
		after = c.Row
	}
	sqlq := "SELECT seq, text, doc FROM stories WHERE seq > ?"
	args := []any{after}
	if q.Uncoded > 0 {
		sqlq += " AND NOT EXISTS (SELECT 1 FROM coded WHERE version = ? AND story_seq = stories.seq)"
		args = append(args, q.Uncoded)
	}
	sqlq += " ORDER BY seq LIMIT ?"
	args = append(args, limit+1)
	rows, err := s.rd.QueryContext(ctx, sqlq, args...)
	if err != nil {
		return store.StoryPage{}, dbErr("Stories", err)
	}
	defer rows.Close()
	var page store.StoryPage
	var last int64
	for rows.Next() {
		var seq int64
		var text, doc string
		if err := rows.Scan(&seq, &text, &doc); err != nil {
			return store.StoryPage{}, dbErr("Stories", err)
		}
		if len(page.Stories) == limit {
			page.Next = encodeCursor(cursor{Kind: "s", Row: last})
			break
		}
		st, err := decodeStory(text, doc)
		if err != nil {
			return store.StoryPage{}, err
		}
		page.Stories = append(page.Stories, *st)
		last = seq
	}
	return page, dbErr("Stories", rows.Err())
}

func pageLimit(op string, n int) (int, error) {
	switch {
	case n < 0:
		return 0, parley.Errorf(parley.Invalid, "sqlite."+op, "bad limit %d", n)
	case n == 0:
		return store.DefaultLimit, nil
	case n > store.MaxLimit:
		return store.MaxLimit, nil
	}
	return n, nil
}

// Coded reports whether a story with this content hash is stored (its id)
// and whether it has been coded in the version. Ingest uses it to skip
// stories it has already stored before spending time on coding them.
func (s *Store) Coded(ctx context.Context, hash string, version int) (id string, coded bool, err error) {
	if err := s.check("Coded"); err != nil {
		return "", false, err
	}
	var seq int64
	err = s.rd.QueryRowContext(ctx, "SELECT seq, id FROM stories WHERE hash = ?", hash).Scan(&seq, &id)
	if err == sql.ErrNoRows {
		return "", false, nil
	}
	if err != nil {
		return "", false, dbErr("Coded", err)
	}
	var n int
	if err := s.rd.QueryRowContext(ctx, "SELECT count(*) FROM coded WHERE version = ? AND story_seq = ?", version, seq).Scan(&n); err != nil {
		return "", false, dbErr("Coded", err)
	}
	return id, n > 0, nil
}
