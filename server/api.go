package server

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/aggregate"
	"github.com/parley-events/parley/store"
)

// route is one API route.
type route struct {
	method, pattern string
	h               http.HandlerFunc
}

// apiRoutes lists the JSON API. Every pattern must be described in
// openapi.json (checked by a test).
func (s *Server) apiRoutes() []route {
	return []route{
		{"GET", "/api/v1/openapi.json", s.apiOpenAPI},
		{"GET", "/api/v1/events", s.apiEvents},
		{"GET", "/api/v1/events/{id}", s.apiEvent},
		{"GET", "/api/v1/stories/{id}", s.apiStory},
		{"POST", "/api/v1/stories", s.apiPostStory},
		{"POST", "/api/v1/code", s.apiCode},
		{"GET", "/api/v1/series", s.apiSeries},
		{"GET", "/api/v1/dyads", s.apiDyads},
		{"GET", "/api/v1/actors/{code}/partners", s.apiPartners},
		{"GET", "/api/v1/forecast", s.apiForecast},
		{"GET", "/api/v1/alerts", s.apiAlerts},
	}
}

func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Write(openapiJSON)
}

// params reads query parameters, rejecting unknown ones so that a typo
// ("acter=PRK") is an error and not a silently unfiltered answer.
type params struct {
	v   url.Values
	err error
}

func newParams(r *http.Request, allowed ...string) *params {
	p := &params{v: r.URL.Query()}
	for k := range p.v {
		if !contains(allowed, k) {
			p.fail("unknown query parameter %q (allowed: %s)", k, strings.Join(allowed, ", "))
			break
		}
	}
	return p
}

func (p *params) fail(format string, args ...any) {
	if p.err == nil {
		p.err = parley.Errorf(parley.Invalid, "", format, args...)
	}
}

func (p *params) str(name string) string { return strings.TrimSpace(p.v.Get(name)) }

func (p *params) code(name string) string {
	c := strings.ToUpper(p.str(name))
	for _, r := range c {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			p.fail("%s=%q: want an actor code such as PRK or PRKGOV", name, p.str(name))
			return ""
		}
	}
	return c
}

func (p *params) integer(name string, min, max int) int {
	s := p.str(name)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < min || n > max {
		p.fail("%s=%q: want a whole number from %d to %d", name, s, min, max)
		return 0
	}
	return n
}

func (p *params) boolean(name string) bool {
	switch strings.ToLower(p.str(name)) {
	case "", "false", "0", "no":
		return false
	case "true", "1", "yes", "on":
		return true
	}
	p.fail("%s=%q: want true or false", name, p.str(name))
	return false
}

// date reads a date bound: YYYY, YYYY-MM or YYYY-MM-DD (or an RFC 3339
// time). With end set, the bound is exclusive past the period named, so
// to=2013-03 includes all of March.
func (p *params) date(name string, end bool) time.Time {
	s := p.str(name)
	if s == "" {
		return time.Time{}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC()
	}
	d, err := parley.ParseDate(s)
	if err != nil || d.Precision == parley.PrecisionDecade {
		p.fail("%s=%q: want YYYY, YYYY-MM, YYYY-MM-DD or an RFC 3339 time", name, s)
		return time.Time{}
	}
	t := d.Time()
	if end {
		switch d.Precision {
		case parley.PrecisionYear:
			t = t.AddDate(1, 0, 0)
		case parley.PrecisionMonth:
			t = t.AddDate(0, 1, 0)
		default:
			t = t.AddDate(0, 0, 1)
		}
	}
	return t
}

// eventParams are the filters of GET /api/v1/events (and of the pages
// and downloads built on it).
var eventParams = []string{"actor", "source", "target", "dyad", "either", "from", "to", "published_from", "published_to", "cameo", "root", "plover", "quad", "location", "q", "story", "version", "min_precision", "limit", "cursor", "order", "format"}

// query builds a store query from the event filters.
func (p *params) query() store.Query {
	q := store.Query{
		Actor:         p.code("actor"),
		Source:        p.code("source"),
		Target:        p.code("target"),
		Either:        p.boolean("either"),
		From:          p.date("from", false),
		To:            p.date("to", true),
		PublishedFrom: p.date("published_from", false),
		PublishedTo:   p.date("published_to", true),
		CAMEO:         p.str("cameo"),
		Root:          p.str("root"),
		PLOVER:        strings.ToUpper(p.str("plover")),
		QuadClass:     p.integer("quad", 1, 4),
		Location:      p.code("location"),
		Text:          p.str("q"),
		StoryID:       p.str("story"),
		Version:       p.integer("version", 1, 1<<30),
		Limit:         p.integer("limit", 1, 1<<31-1), // checked by the caller: a page or a download
		Cursor:        p.str("cursor"),
	}
	if d := p.str("dyad"); d != "" {
		src, tgt, ok := parseDyad(d)
		if !ok {
			p.fail("dyad=%q: want two actor codes joined by a dash, e.g. JPN-PRK", d)
		}
		if q.Source != "" || q.Target != "" {
			p.fail("dyad cannot be combined with source or target")
		}
		q.Source, q.Target = src, tgt
	}
	for _, c := range []struct{ name, v string }{{"cameo", q.CAMEO}, {"root", q.Root}} {
		for _, r := range c.v {
			if r < '0' || r > '9' {
				p.fail("%s=%q: want CAMEO digits", c.name, c.v)
				break
			}
		}
	}
	if len(q.Root) > 2 {
		p.fail("root=%q: want two digits", q.Root)
	}
	switch strings.ToLower(p.str("min_precision")) {
	case "", "none":
	case "year":
		q.MinPrecision = parley.PrecisionYear
	case "month":
		q.MinPrecision = parley.PrecisionMonth
	case "day":
		q.MinPrecision = parley.PrecisionDay
	default:
		p.fail("min_precision=%q: want year, month or day", p.str("min_precision"))
	}
	switch strings.ToLower(p.str("order")) {
	case "", "asc":
	case "desc":
		q.Desc = true
	default:
		p.fail("order=%q: want asc or desc", p.str("order"))
	}
	if !q.From.IsZero() && !q.To.IsZero() && !q.From.Before(q.To) {
		p.fail("from must be before to")
	}
	return q
}

// parseDyad splits "JPN-PRK" into its two codes.
func parseDyad(d string) (string, string, bool) {
	a, b, ok := strings.Cut(strings.ToUpper(strings.TrimSpace(d)), "-")
	if !ok || !isCode(a) || !isCode(b) {
		return "", "", false
	}
	return a, b, true
}

func isCode(s string) bool {
	if len(s) < 3 || len(s) > 24 {
		return false
	}
	for _, r := range s {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// eventsResponse is the body of GET /api/v1/events.
type eventsResponse struct {
	Events     []parley.Event `json:"events"`
	NextCursor string         `json:"next_cursor"`
	Version    int            `json:"version"`
}

func (s *Server) apiEvents(w http.ResponseWriter, r *http.Request) {
	p := newParams(r, eventParams...)
	q := p.query()
	format, err := downloadFormat(r, p.str("format"))
	if err == nil {
		err = p.err
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if format != "json" {
		s.download(w, r, q, format)
		return
	}
	if q.Limit > store.MaxLimit {
		s.writeError(w, r, parley.Errorf(parley.Invalid, "", "limit=%d: a page holds at most %d events (downloads with format=csv|jsonl|parquet may ask for more)", q.Limit, store.MaxLimit))
		return
	}
	page, err := s.opts.Store.Events(r.Context(), q)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if page.Events == nil {
		page.Events = []parley.Event{}
	}
	writeJSON(w, http.StatusOK, eventsResponse{Events: page.Events, NextCursor: page.Next, Version: page.Version})
}

func (s *Server) apiEvent(w http.ResponseWriter, r *http.Request) {
	p := newParams(r, "version")
	v := p.integer("version", 1, 1<<30)
	if p.err != nil {
		s.writeError(w, r, p.err)
		return
	}
	e, err := s.event(r.Context(), r.PathValue("id"), v)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, e)
}

// event finds one event by id: with the store's own lookup when it has
// one, else in the story whose id prefixes the event id.
func (s *Server) event(ctx context.Context, id string, version int) (parley.Event, error) {
	if id == "" {
		return parley.Event{}, parley.Errorf(parley.Invalid, "", "empty event id")
	}
	if g, ok := s.opts.Store.(eventGetter); ok {
		return g.Event(ctx, id, version)
	}
	// Event ids begin with their story's id; try each prefix that ends
	// before a separator, longest first.
	for i := len(id) - 1; i > 0; i-- {
		if !strings.ContainsRune(":/#-_.", rune(id[i])) {
			continue
		}
		_, evs, err := s.opts.Store.Story(ctx, id[:i], version)
		if err != nil {
			if parley.KindOf(err) == parley.NotFound {
				continue
			}
			return parley.Event{}, err
		}
		for _, e := range evs {
			if e.ID == id {
				return e, nil
			}
		}
	}
	return parley.Event{}, parley.Errorf(parley.NotFound, "", "no event %q", id)
}

// storyResponse is the body of GET /api/v1/stories/{id} and POST
// /api/v1/code.
type storyResponse struct {
	Story  *parley.Story  `json:"story"`
	Events []parley.Event `json:"events"`
	// Stored and Duplicate describe what POST /api/v1/stories did.
	Stored    *bool  `json:"stored,omitempty"`
	Duplicate bool   `json:"duplicate,omitempty"`
	Version   int    `json:"version,omitempty"`
	Location  string `json:"location,omitempty"`
}

func (s *Server) apiStory(w http.ResponseWriter, r *http.Request) {
	p := newParams(r, "version")
	v := p.integer("version", 1, 1<<30)
	if p.err != nil {
		s.writeError(w, r, p.err)
		return
	}
	st, evs, err := s.opts.Store.Story(r.Context(), r.PathValue("id"), v)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if evs == nil {
		evs = []parley.Event{}
	}
	writeJSON(w, http.StatusOK, storyResponse{Story: st, Events: evs})
}

// postedStory is the JSON body of POST /api/v1/stories and /api/v1/code.
type postedStory struct {
	ID     string            `json:"id"`
	Title  string            `json:"title"`
	Text   string            `json:"text"`
	Date   string            `json:"date"` // publication date: YYYY-MM-DD or RFC 3339
	Source string            `json:"source"`
	URL    string            `json:"url"`
	Byline string            `json:"byline"`
	Meta   map[string]string `json:"meta"`
}

// readStory reads a posted story: JSON, or the text itself as text/plain.
func (s *Server) readStory(w http.ResponseWriter, r *http.Request) (*parley.Story, error) {
	r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxBodyBytes)
	ct := r.Header.Get("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if ct == "" {
		mt, err = "application/json", nil
	}
	if err != nil {
		return nil, &httpError{kindUnsupportedMedia, "bad Content-Type " + strconv.Quote(ct)}
	}
	var st *parley.Story
	switch mt {
	case "application/json":
		dec := json.NewDecoder(r.Body)
		dec.DisallowUnknownFields()
		var ps postedStory
		if err := dec.Decode(&ps); err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return nil, &httpError{kindTooLarge, "request body over " + strconv.FormatInt(s.opts.MaxBodyBytes, 10) + " bytes"}
			}
			return nil, parley.Errorf(parley.Invalid, "", "story JSON: %v", err)
		}
		if dec.More() {
			return nil, parley.Errorf(parley.Invalid, "", "story JSON: more than one value in the body")
		}
		st = &parley.Story{ID: strings.TrimSpace(ps.ID), Title: ps.Title, Text: ps.Text, Source: ps.Source, URL: ps.URL, Byline: ps.Byline, Meta: ps.Meta}
		if ps.Date != "" {
			t, err := time.Parse(time.RFC3339, ps.Date)
			if err != nil {
				d, derr := parley.ParseDate(ps.Date)
				if derr != nil || d.Precision != parley.PrecisionDay {
					return nil, parley.Errorf(parley.Invalid, "", "story date %q: want YYYY-MM-DD or an RFC 3339 time", ps.Date)
				}
				t = d.Time()
			}
			st.Published, st.DateFrom = t.UTC(), "metadata"
		}
	case "text/plain":
		body, err := io.ReadAll(r.Body)
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return nil, &httpError{kindTooLarge, "request body over " + strconv.FormatInt(s.opts.MaxBodyBytes, 10) + " bytes"}
			}
			return nil, parley.Errorf(parley.Invalid, "", "reading body: %v", err)
		}
		if s.opts.ReadText != nil {
			st, err = s.opts.ReadText("posted story", strings.NewReader(string(body)))
			if err != nil {
				return nil, err
			}
		} else {
			st = &parley.Story{Text: string(body)}
		}
	default:
		return nil, &httpError{kindUnsupportedMedia, "Content-Type " + mt + " is not supported: send application/json or text/plain"}
	}
	if strings.TrimSpace(st.Text) == "" {
		return nil, parley.Errorf(parley.Invalid, "", "the story has no text")
	}
	if !utf8Valid(st.Text) {
		return nil, parley.Errorf(parley.Invalid, "", "the story text is not valid UTF-8")
	}
	st.Origin = "api"
	if st.ID == "" {
		// Event ids begin with the story id, so give the story one now,
		// as ingest does: the start of a hash of its text.
		sum := sha256.Sum256([]byte(st.Text))
		st.ID = hex.EncodeToString(sum[:8])
	}
	return st, nil
}

func (s *Server) apiCode(w http.ResponseWriter, r *http.Request) {
	if s.opts.Coder == nil {
		s.writeError(w, r, parley.Errorf(parley.Unavailable, "", "this server has no coder"))
		return
	}
	st, err := s.readStory(w, r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	doc, evs, err := s.opts.Coder.Code(r.Context(), st)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if doc != nil && doc.Story != nil {
		st = doc.Story
	}
	fillSentences(doc, evs)
	if evs == nil {
		evs = []parley.Event{}
	}
	writeJSON(w, http.StatusOK, storyResponse{Story: st, Events: evs})
}

// fillSentences sets each event's SentenceText from the document when the
// coder left it empty.
func fillSentences(doc *parley.Document, evs []parley.Event) {
	if doc == nil {
		return
	}
	for i := range evs {
		e := &evs[i]
		if e.SentenceText == "" && e.Sentence >= 0 && e.Sentence < len(doc.Sentences) {
			e.SentenceText = doc.Sentences[e.Sentence].Text
		}
	}
}

// authorize checks the bearer token of a write.
func (s *Server) authorize(r *http.Request) error {
	if s.opts.Token == "" {
		return &httpError{kindForbidden, "writes are disabled: the server has no token configured"}
	}
	h := r.Header.Get("Authorization")
	if h == "" {
		return &httpError{kindUnauthorized, "this request needs an Authorization: Bearer TOKEN header"}
	}
	scheme, tok, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return &httpError{kindUnauthorized, "the Authorization header must be Bearer TOKEN"}
	}
	if subtle.ConstantTimeCompare([]byte(strings.TrimSpace(tok)), []byte(s.opts.Token)) != 1 {
		return &httpError{kindForbidden, "the token is not valid for writes"}
	}
	return nil
}

func (s *Server) apiPostStory(w http.ResponseWriter, r *http.Request) {
	if err := s.authorize(r); err != nil {
		s.writeError(w, r, err)
		return
	}
	if s.opts.Coder == nil || s.opts.ReadOnly {
		s.writeError(w, r, parley.Errorf(parley.Unavailable, "", "this server cannot store stories (no coder or writable store)"))
		return
	}
	st, err := s.readStory(w, r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	ctx := r.Context()
	doc, evs, err := s.opts.Coder.Code(ctx, st)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if doc == nil {
		doc = &parley.Document{Story: st}
	}
	fillSentences(doc, evs)
	v, err := s.writeVersion(ctx)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	res, err := s.opts.Store.Put(ctx, v, []store.Coded{{Doc: doc, Events: evs}})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if len(res) != 1 {
		s.writeError(w, r, parley.Errorf(parley.Internal, "", "store returned %d results for 1 story", len(res)))
		return
	}
	if res[0].Err != nil {
		s.writeError(w, r, res[0].Err)
		return
	}
	stored, evs, err := s.opts.Store.Story(ctx, res[0].ID, v)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if evs == nil {
		evs = []parley.Event{}
	}
	status := http.StatusCreated
	if !res[0].Stored {
		status = http.StatusOK
	}
	loc := "/api/v1/stories/" + url.PathEscape(res[0].ID)
	w.Header().Set("Location", loc)
	writeJSON(w, status, storyResponse{Story: stored, Events: evs, Stored: &res[0].Stored, Duplicate: !res[0].Stored, Version: v, Location: loc})
}

// writeVersion returns the coding version that posted stories go into:
// the newest complete one, as ingest does, or a new one when there is none.
func (s *Server) writeVersion(ctx context.Context) (int, error) {
	vs, err := s.opts.Store.Versions(ctx)
	if err != nil {
		return 0, err
	}
	for i := len(vs) - 1; i >= 0; i-- {
		if vs[i].Complete {
			return vs[i].N, nil
		}
	}
	v, err := s.opts.Store.BeginVersion(ctx, s.opts.Coder.Version())
	if err != nil {
		return 0, err
	}
	if err := s.opts.Store.CompleteVersion(ctx, v.N); err != nil {
		return 0, err
	}
	return v.N, nil
}

// seriesResponse is the body of GET /api/v1/series.
type seriesResponse struct {
	Dyad   string            `json:"dyad,omitempty"`
	Either bool              `json:"either"`
	By     string            `json:"by"`
	Points []aggregate.Point `json:"points"`
}

func (s *Server) apiSeries(w http.ResponseWriter, r *http.Request) {
	p := newParams(r, "dyad", "either", "actor", "source", "target", "by", "from", "to", "cameo", "root", "plover", "quad", "location", "q", "version", "min_precision", "coarse", "format")
	q := p.query()
	coarse := p.boolean("coarse")
	by := store.Interval(strings.ToLower(p.str("by")))
	if by == "" {
		by = store.Month
	}
	if !by.Valid() {
		p.fail("by=%q: want day, week, month or year", p.str("by"))
	}
	format := strings.ToLower(p.str("format"))
	if format != "" && format != "json" && format != "csv" {
		p.fail("format=%q: series come as json or csv", format)
	}
	if p.err != nil {
		s.writeError(w, r, p.err)
		return
	}
	pts, err := aggregate.Series(r.Context(), s.opts.Store, q, by, aggregate.SeriesOptions{Fill: true, Coarse: coarse})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if pts == nil {
		pts = []aggregate.Point{}
	}
	resp := seriesResponse{Dyad: p.str("dyad"), Either: q.Either, By: string(by), Points: pts}
	if resp.Dyad != "" {
		resp.Dyad = q.Source + "-" + q.Target
	}
	if format == "csv" {
		writeSeriesCSV(w, resp)
		return
	}
	writeJSON(w, http.StatusOK, resp)
}

// dyadsResponse is the body of GET /api/v1/dyads.
type dyadsResponse struct {
	Dyads []aggregate.Dyad `json:"dyads"`
}

func (s *Server) apiDyads(w http.ResponseWriter, r *http.Request) {
	p := newParams(r, "actor", "from", "to", "cameo", "root", "plover", "quad", "location", "q", "version", "limit")
	q := p.query()
	limit := p.integer("limit", 1, 100000)
	if limit == 0 {
		limit = 50
	}
	if p.err != nil {
		s.writeError(w, r, p.err)
		return
	}
	q.Limit = 0
	ds, err := aggregate.TopDyads(r.Context(), s.opts.Store, q, limit)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if ds == nil {
		ds = []aggregate.Dyad{}
	}
	writeJSON(w, http.StatusOK, dyadsResponse{Dyads: ds})
}

// partnersResponse is the body of GET /api/v1/actors/{code}/partners.
type partnersResponse struct {
	Actor    string              `json:"actor"`
	Country  string              `json:"country"`
	Partners []aggregate.Partner `json:"partners"`
}

func (s *Server) apiPartners(w http.ResponseWriter, r *http.Request) {
	p := newParams(r, "from", "to", "cameo", "root", "plover", "quad", "location", "q", "version", "limit")
	q := p.query()
	limit := p.integer("limit", 1, 100000)
	code := strings.ToUpper(r.PathValue("code"))
	if !isCode(code) {
		p.fail("actor code %q: want a code such as PRK or PRKGOV", r.PathValue("code"))
	}
	if p.err != nil {
		s.writeError(w, r, p.err)
		return
	}
	q.Limit = 0
	ps, err := aggregate.Partners(r.Context(), s.opts.Store, code, q, limit)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if ps == nil {
		ps = []aggregate.Partner{}
	}
	writeJSON(w, http.StatusOK, partnersResponse{Actor: code, Country: code[:3], Partners: ps})
}
