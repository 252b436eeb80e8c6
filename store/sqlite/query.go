package sqlite

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/store"
)

// cursor is the opaque pagination state: the last row's sort key and the
// version read, so that later pages read the same version.
type cursor struct {
	Kind    string `json:"k"`           // "e" events, "s" stories
	Date    string `json:"d,omitempty"` // event_date of the last row
	Row     int64  `json:"r"`           // rowid (events) or seq (stories) of the last row
	Version int    `json:"v,omitempty"`
	Desc    bool   `json:"o,omitempty"`
}

func encodeCursor(c cursor) string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s string) (cursor, error) {
	var c cursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return c, err
	}
	err = json.Unmarshal(b, &c)
	return c, err
}

// where builds the WHERE clause of q for version v.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) String() string { return strings.Join(w.conds, " AND ") }

// prefixEnd returns the smallest string greater than every string with
// prefix p (p is upper-case ASCII).
func prefixEnd(p string) string {
	b := []byte(p)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < 0xff {
			b[i]++
			return string(b[:i+1])
		}
	}
	return "\xff\xff\xff\xff"
}

// actorCond matches an actor code prefix on side ("source" or "target"),
// using the country column when it can (it is in the indexes).
func actorCond(side, p string) (string, []any) {
	code, ctry := side+"_code", side+"_country"
	if store.Country(parley.Actor{Code: p}) == "" {
		return fmt.Sprintf("(%s >= ? AND %s < ?)", code, code), []any{p, prefixEnd(p)}
	}
	switch {
	case len(p) == 3:
		return ctry + " = ?", []any{p}
	case len(p) > 3:
		return fmt.Sprintf("(%s = ? AND %s >= ? AND %s < ?)", ctry, code, code), []any{p[:3], p, prefixEnd(p)}
	}
	return fmt.Sprintf("(%s >= ? AND %s < ?)", code, code), []any{p, prefixEnd(p)}
}

func validCode(op, what, p string) (string, error) {
	p = strings.ToUpper(strings.TrimSpace(p))
	for _, r := range p {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			return "", parley.Errorf(parley.Invalid, op, "bad %s %q (want a CAMEO actor code such as PRK, PRKGOV or ---COP)", what, p)
		}
	}
	return p, nil
}

// ftsMatch turns words into an FTS5 query: every word must occur.
func ftsMatch(text string) string {
	var b strings.Builder
	for i, w := range words(text) {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(`"` + strings.ReplaceAll(w, `"`, `""`) + `"`)
	}
	return b.String()
}

// filter builds the conditions of q (without version, cursor, order).
func filter(op string, q store.Query, v int) (*where, error) {
	return filterPart(op, q, v, bothWays)
}

// Parts of an either-way dyad query, so that each can use the dyad index.
const (
	bothWays = iota // the query as it is
	forward         // source -> target only
	reverse         // target -> source, and not also source -> target
)

func filterPart(op string, q store.Query, v int, part int) (*where, error) {
	w := &where{}
	w.add("version = ?", v)
	var err error
	if q.Actor, err = validCode(op, "actor", q.Actor); err != nil {
		return nil, err
	}
	if q.Source, err = validCode(op, "source", q.Source); err != nil {
		return nil, err
	}
	if q.Target, err = validCode(op, "target", q.Target); err != nil {
		return nil, err
	}
	if q.Actor != "" {
		c1, a1 := actorCond("source", q.Actor)
		c2, a2 := actorCond("target", q.Actor)
		w.add("("+c1+" OR "+c2+")", append(a1, a2...)...)
	}
	if q.Source != "" || q.Target != "" {
		side := func(src, tgt string) (string, []any) {
			var cs []string
			var as []any
			if src != "" {
				c, a := actorCond("source", src)
				cs, as = append(cs, c), append(as, a...)
			}
			if tgt != "" {
				c, a := actorCond("target", tgt)
				cs, as = append(cs, c), append(as, a...)
			}
			return strings.Join(cs, " AND "), as
		}
		c, a := side(q.Source, q.Target)
		if q.Either {
			c2, a2 := side(q.Target, q.Source)
			switch part {
			case bothWays:
				c, a = "(("+c+") OR ("+c2+"))", append(a, a2...)
			case reverse:
				c, a = c2+" AND NOT ("+c+")", append(a2, a...)
			}
		}
		w.add(c, a...)
	}
	if !q.From.IsZero() {
		w.add("event_date >= ?", fmtDay(q.From))
	}
	if !q.To.IsZero() {
		// To is exclusive; a To inside a day excludes that day only if
		// it is at midnight.
		to := q.To.UTC()
		if to != to.Truncate(24*time.Hour) {
			w.add("event_date <= ?", fmtDay(to))
		} else {
			w.add("event_date < ?", fmtDay(to))
		}
		w.add("event_date <> ''")
	}
	if q.MinPrecision > 0 {
		w.add("precision >= ?", int(q.MinPrecision))
	}
	if !q.PublishedFrom.IsZero() {
		w.add("published >= ?", fmtTime(q.PublishedFrom))
	}
	if !q.PublishedTo.IsZero() {
		w.add("published < ? AND published <> ''", fmtTime(q.PublishedTo))
	}
	if q.CAMEO != "" {
		c := strings.TrimSpace(q.CAMEO)
		for _, r := range c {
			if r < '0' || r > '9' {
				return nil, parley.Errorf(parley.Invalid, op, "bad CAMEO code %q (want digits, e.g. 036)", q.CAMEO)
			}
		}
		// The root (two digits) is indexed with the date; longer
		// prefixes also filter the full code.
		if len(c) >= 2 {
			w.add("root = ?", c[:2])
		}
		if len(c) != 2 {
			w.add("cameo >= ? AND cameo < ?", c, prefixEnd(c))
		}
	}
	if q.Root != "" {
		r := strings.TrimSpace(q.Root)
		if len(r) == 1 {
			r = "0" + r
		}
		if len(r) != 2 || r[0] < '0' || r[0] > '2' || r[1] < '0' || r[1] > '9' {
			return nil, parley.Errorf(parley.Invalid, op, "bad CAMEO root %q (want 01 to 20)", q.Root)
		}
		w.add("root = ?", r)
	}
	if q.PLOVER != "" {
		w.add("plover = ?", strings.ToUpper(strings.TrimSpace(q.PLOVER)))
	}
	if q.QuadClass != 0 {
		if q.QuadClass < 1 || q.QuadClass > 4 {
			return nil, parley.Errorf(parley.Invalid, op, "bad QuadClass %d (want 1-4)", q.QuadClass)
		}
		w.add("quad = ?", q.QuadClass)
	}
	if q.Location != "" {
		l, err := validCode(op, "location", q.Location)
		if err != nil {
			return nil, err
		}
		w.add("location = ?", l)
	}
	if q.StoryID != "" {
		w.add("story_id = ?", q.StoryID)
	}
	if strings.TrimSpace(q.Text) != "" {
		m := ftsMatch(q.Text)
		if m == "" {
			return nil, parley.Errorf(parley.Invalid, op, "no words in text query %q", q.Text)
		}
		w.add("rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)", m)
	}
	return w, nil
}

// Events returns a page of matching events; see store.Store.
func (s *Store) Events(ctx context.Context, q store.Query) (store.EventPage, error) {
	if err := s.check("Events"); err != nil {
		return store.EventPage{}, err
	}
	limit, err := pageLimit("Events", q.Limit)
	if err != nil {
		return store.EventPage{}, err
	}
	var c cursor
	if q.Cursor != "" {
		c, err = decodeCursor(q.Cursor)
		if err != nil || c.Kind != "e" || c.Desc != q.Desc {
			return store.EventPage{}, parley.Errorf(parley.Invalid, "sqlite.Events", "bad cursor %q", q.Cursor)
		}
		q.Version = c.Version
	}
	v, err := s.resolveVersion(ctx, "Events", q.Version)
	if err != nil {
		return store.EventPage{}, err
	}
	page := store.EventPage{Version: v, Events: []parley.Event{}}
	if v == 0 {
		return page, nil
	}
	text := q.Text
	q.Text = ""
	w, err := filter("sqlite.Events", q, v)
	if err != nil {
		return store.EventPage{}, err
	}
	if strings.TrimSpace(text) != "" {
		cond, arg, err := s.textCond(ctx, text, limit)
		if err != nil {
			return store.EventPage{}, err
		}
		w.add(cond, arg)
	}
	order := "event_date, rowid"
	if q.Cursor != "" {
		// Written so that the date bound is a range on the indexes.
		if q.Desc {
			w.add("event_date <= ? AND (event_date < ? OR rowid < ?)", c.Date, c.Date, c.Row)
		} else {
			w.add("event_date >= ? AND (event_date > ? OR rowid > ?)", c.Date, c.Date, c.Row)
		}
	}
	if q.Desc {
		order = "event_date DESC, rowid DESC"
	}
	sqlq := "SELECT rowid, version, sentence_text, json, event_date FROM events WHERE " + w.String() + " ORDER BY " + order + " LIMIT ?"
	rows, err := s.rd.QueryContext(ctx, sqlq, append(w.args, limit+1)...)
	if err != nil {
		return store.EventPage{}, dbErr("Events", err)
	}
	defer rows.Close()
	var last cursor
	for rows.Next() {
		var rowid int64
		var version int
		var text, js, day string
		if err := rows.Scan(&rowid, &version, &text, &js, &day); err != nil {
			return store.EventPage{}, dbErr("Events", err)
		}
		if len(page.Events) == limit {
			page.Next = encodeCursor(last)
			break
		}
		var e parley.Event
		if err := json.Unmarshal([]byte(js), &e); err != nil {
			return store.EventPage{}, parley.Errorf(parley.Internal, "sqlite.Events", "decode stored event %d: %v", rowid, err)
		}
		e.Version, e.SentenceText = version, text
		page.Events = append(page.Events, e)
		last = cursor{Kind: "e", Date: day, Row: rowid, Version: v, Desc: q.Desc}
	}
	return page, dbErr("Events", rows.Err())
}

// textCond returns the full-text condition of a page of limit events.
// Words in few sentences are looked up in the full-text index first and
// the matching rows read (the IN form). Words in many sentences would make
// that list long (a million rows for a common word over ten million
// events), so the page is read in its order from the other filters'
// index and each row checked against the full-text index (the EXISTS
// form), which stops once the page is full: about limit/share rows.
// The share comes from the index's vocabulary (the rarest word's count).
func (s *Store) textCond(ctx context.Context, text string, limit int) (string, any, error) {
	m := ftsMatch(text)
	if m == "" {
		return "", nil, parley.Errorf(parley.Invalid, "sqlite.Events", "no words in text query %q", text)
	}
	const in = "rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)"
	const exists = "EXISTS (SELECT 1 FROM events_fts WHERE events_fts MATCH ? AND events_fts.rowid = events.rowid)"
	var total int64
	if err := s.rd.QueryRowContext(ctx, "SELECT coalesce(max(rowid), 0) FROM events").Scan(&total); err != nil {
		return "", nil, dbErr("Events", err)
	}
	rarest := int64(-1)
	for _, w := range words(text) {
		var n int64
		err := s.rd.QueryRowContext(ctx, "SELECT doc FROM events_fts_vocab WHERE term = ?", strings.ToLower(w)).Scan(&n)
		if err == sql.ErrNoRows {
			n = 0 // not indexed as written (e.g. accents): no estimate
		} else if err != nil {
			return in, m, nil // a store without the vocabulary table
		}
		if rarest < 0 || n < rarest {
			rarest = n
		}
	}
	// Reading the list costs about one row per match; checking rows in
	// page order costs about ten per row read, limit*total/rarest rows.
	if rarest > 0 && rarest*rarest > 10*int64(limit)*total {
		return exists, m, nil
	}
	return in, m, nil
}

// words splits a text query into its words, as ftsMatch does.
func words(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// Count counts matching events; see store.Counter.
func (s *Store) Count(ctx context.Context, q store.Query) (int, error) {
	if err := s.check("Count"); err != nil {
		return 0, err
	}
	v, err := s.resolveVersion(ctx, "Count", q.Version)
	if err != nil || v == 0 {
		return 0, err
	}
	w, err := filter("sqlite.Count", q, v)
	if err != nil {
		return 0, err
	}
	var n int
	err = s.rd.QueryRowContext(ctx, "SELECT count(*) FROM events WHERE "+w.String(), w.args...).Scan(&n)
	return n, dbErr("Count", err)
}

// Series aggregates matching events by period; see store.Seriesser. SQL
// groups by day and QuadClass, in the order of the dyad index (no sort,
// no function per row); Go folds the days into periods. An either-way
// dyad runs as two directed queries so that each reads the index.
func (s *Store) Series(ctx context.Context, q store.Query, by store.Interval) ([]store.Bucket, error) {
	if err := s.check("Series"); err != nil {
		return nil, err
	}
	if !by.Valid() {
		return nil, parley.Errorf(parley.Invalid, "sqlite.Series", "bad interval %q (want day, week, month or year)", by)
	}
	v, err := s.resolveVersion(ctx, "Series", q.Version)
	if err != nil || v == 0 {
		return nil, err
	}
	parts := []int{bothWays}
	if q.Either && (q.Source != "" || q.Target != "") {
		parts = []int{forward, reverse}
	}
	var out []store.Bucket
	for _, part := range parts {
		w, err := filterPart("sqlite.Series", q, v, part)
		if err != nil {
			return nil, err
		}
		w.add("event_date <> ''")
		sqlq := "SELECT event_date, quad, count(*), total(goldstein) FROM events WHERE " + w.String() + " GROUP BY event_date, quad"
		rows, err := s.rd.QueryContext(ctx, sqlq, w.args...)
		if err != nil {
			return nil, dbErr("Series", err)
		}
		var lastDay string
		var start time.Time
		for rows.Next() {
			var day string
			var quad, n int
			var gold float64
			if err := rows.Scan(&day, &quad, &n, &gold); err != nil {
				rows.Close()
				return nil, dbErr("Series", err)
			}
			if day != lastDay {
				t, err := time.Parse("2006-01-02", day)
				if err != nil {
					rows.Close()
					return nil, parley.Errorf(parley.Internal, "sqlite.Series", "bad stored date %q", day)
				}
				lastDay, start = day, by.Truncate(t)
			}
			out = addBucket(out, start, quad, n, gold)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, dbErr("Series", err)
		}
	}
	return out, nil
}

// addBucket adds to the bucket starting at start, keeping bs sorted. Rows
// come mostly in date order, so the last bucket is checked first.
func addBucket(bs []store.Bucket, start time.Time, quad, n int, gold float64) []store.Bucket {
	i := len(bs)
	if i == 0 || !bs[i-1].Start.Equal(start) {
		i = sort.Search(len(bs), func(i int) bool { return !bs[i].Start.Before(start) })
		if i == len(bs) || !bs[i].Start.Equal(start) {
			bs = append(bs, store.Bucket{})
			copy(bs[i+1:], bs[i:])
			bs[i] = store.Bucket{Start: start}
		}
	} else {
		i--
	}
	if quad < 1 || quad > 4 {
		quad = 0
	}
	bs[i].Quad[quad] += n
	bs[i].Goldstein += gold
	return bs
}

// Dyads aggregates matching events by country dyad; see store.Dyadser.
func (s *Store) Dyads(ctx context.Context, q store.Query) ([]store.DyadCount, error) {
	if err := s.check("Dyads"); err != nil {
		return nil, err
	}
	v, err := s.resolveVersion(ctx, "Dyads", q.Version)
	if err != nil || v == 0 {
		return nil, err
	}
	w, err := filter("sqlite.Dyads", q, v)
	if err != nil {
		return nil, err
	}
	w.add("source_country <> '' AND target_country <> ''")
	sqlq := "SELECT source_country, target_country, quad, count(*), total(goldstein) FROM events WHERE " + w.String() + " GROUP BY source_country, target_country, quad"
	rows, err := s.rd.QueryContext(ctx, sqlq, w.args...)
	if err != nil {
		return nil, dbErr("Dyads", err)
	}
	defer rows.Close()
	idx := map[[2]string]int{}
	var out []store.DyadCount
	for rows.Next() {
		var src, tgt string
		var quad, n int
		var gold float64
		if err := rows.Scan(&src, &tgt, &quad, &n, &gold); err != nil {
			return nil, dbErr("Dyads", err)
		}
		k := [2]string{src, tgt}
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, store.DyadCount{Source: src, Target: tgt})
		}
		if quad < 1 || quad > 4 {
			quad = 0
		}
		out[i].Quad[quad] += n
		out[i].Goldstein += gold
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Source != out[j].Source {
			return out[i].Source < out[j].Source
		}
		return out[i].Target < out[j].Target
	})
	return out, dbErr("Dyads", rows.Err())
}
