package server

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/aggregate"
	"github.com/parley-events/parley/cameo"
	"github.com/parley-events/parley/store"
)

// pageTemplate is a page: the base layout with the page's own blocks.
type pageTemplate struct{ t *template.Template }

var funcs = template.FuncMap{
	"quadName": quadName,
	"cameoName": func(code string) string {
		if c, ok := cameo.Lookup(code); ok {
			return c.Name
		}
		return ""
	},
	"countryName": countryName,
	"goldClass": func(g float64) string {
		switch {
		case g >= 1:
			return "pos"
		case g <= -1:
			return "neg"
		}
		return "neu"
	},
}

func quadName(q int) string {
	switch q {
	case 1:
		return "verbal cooperation"
	case 2:
		return "material cooperation"
	case 3:
		return "verbal conflict"
	case 4:
		return "material conflict"
	}
	return "no QuadClass"
}

func (s *Server) parseTemplates() error {
	s.pages = map[string]*pageTemplate{}
	pages, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return err
	}
	for _, p := range pages {
		name := strings.TrimSuffix(strings.TrimPrefix(p, "templates/"), ".html")
		if name == "base" {
			continue
		}
		t, err := template.New("").Funcs(funcs).Funcs(alertFuncs).ParseFS(templateFS, "templates/base.html", p)
		if err != nil {
			return fmt.Errorf("server: parse template %s: %w", p, err)
		}
		s.pages[name] = &pageTemplate{t}
	}
	return nil
}

// pageData is what every page gets besides its own fields.
type pageData struct {
	Page   string
	Bundle bool
}

// render executes a page into a buffer first, so that a template error is
// a clean 500 and not half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	p, ok := s.pages[name]
	if !ok {
		s.writeError(w, r, parley.Errorf(parley.Internal, "", "no template %q", name))
		return
	}
	var buf bytes.Buffer
	if err := p.t.ExecuteTemplate(&buf, "base", data); err != nil {
		s.log.Error("render page", "page", name, "error", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

func (s *Server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	kind := errorKind(err)
	status, ok := statusOf[kind]
	if !ok {
		status = http.StatusInternalServerError
	}
	msg := err.Error()
	if status >= 500 && kind != parley.Unavailable.String() {
		s.log.Error("page failed", "path", r.URL.Path, "error", err)
		msg = "Something went wrong on the server; the details are in its log."
	}
	s.render(w, r, status, "error", struct {
		pageData
		Status     int
		StatusText string
		Message    string
	}{pageData{"error", s.bundle}, status, http.StatusText(status), msg})
}

// eventRow is an event with its sentence rendered with highlights.
type eventRow struct {
	E        parley.Event
	Sentence template.HTML
}

// storyTexts caches story texts for one page.
type storyTexts struct {
	s     *Server
	ctx   context.Context
	texts map[string]string
}

func (c *storyTexts) text(id string) string {
	if t, ok := c.texts[id]; ok {
		return t
	}
	st, _, err := c.s.opts.Store.Story(c.ctx, id, 0)
	t := ""
	if err == nil && st != nil {
		t = st.Text
	}
	c.texts[id] = t
	return t
}

// sentenceHTML renders e's sentence with its spans highlighted. Spans are
// byte offsets into the story text; when the event carries its sentence
// text, the offset of the sentence is found by matching the spans in it,
// else the sentence is cut from the story.
func sentenceHTML(e parley.Event, storyText func(string) string) template.HTML {
	marks := eventMarks(e)
	if e.SentenceText != "" {
		if off, ok := sentenceOffset(e); ok {
			return highlight(e.SentenceText, 0, len(e.SentenceText), shift(marks, -off))
		}
	}
	if storyText != nil {
		if text := storyText(e.StoryID); text != "" {
			lo, hi := eventSpan(e)
			if hi <= len(text) && lo >= 0 {
				a, z := sentenceBounds(text, lo, hi)
				return highlight(text, a, z, marks)
			}
		}
	}
	if e.SentenceText != "" {
		return template.HTML(template.HTMLEscapeString(e.SentenceText))
	}
	return ""
}

func shift(ms []mark, d int) []mark {
	out := make([]mark, len(ms))
	for i, m := range ms {
		m.Start += d
		m.End += d
		out[i] = m
	}
	return out
}

// sentenceOffset finds the byte offset of e.SentenceText in the story:
// the offset at which the trigger, source and target texts all sit at
// their spans.
func sentenceOffset(e parley.Event) (int, bool) {
	st := e.SentenceText
	spans := []parley.Span{e.Trigger, {Text: e.Source.Text, Start: e.Source.Start, End: e.Source.End}}
	if e.Target != nil {
		spans = append(spans, parley.Span{Text: e.Target.Text, Start: e.Target.Start, End: e.Target.End})
	}
	var anchor parley.Span
	for _, sp := range spans {
		if sp.Text != "" && sp.End-sp.Start == len(sp.Text) {
			anchor = sp
			break
		}
	}
	if anchor.Text == "" {
		return 0, false
	}
	for from := 0; from < len(st); {
		i := strings.Index(st[from:], anchor.Text)
		if i < 0 {
			break
		}
		off := anchor.Start - (from + i)
		ok := off >= 0
		for _, sp := range spans {
			if sp.Text == "" || sp.End-sp.Start != len(sp.Text) {
				continue
			}
			a, z := sp.Start-off, sp.End-off
			if a < 0 || z > len(st) || st[a:z] != sp.Text {
				ok = false
				break
			}
		}
		if ok {
			return off, true
		}
		from += i + 1
	}
	return 0, false
}

func (s *Server) rows(ctx context.Context, evs []parley.Event) []eventRow {
	texts := &storyTexts{s: s, ctx: ctx, texts: map[string]string{}}
	out := make([]eventRow, len(evs))
	for i, e := range evs {
		out[i] = eventRow{E: e, Sentence: sentenceHTML(e, texts.text)}
	}
	return out
}

// timelinePage is the data of the dashboard page.
type timelinePage struct {
	pageData
	Dyad, DyadSource, DyadTarget string
	Either                       bool
	By                           string
	Bys                          []string
	From, To                     string
	Suggestions                  []aggregate.Dyad
	Events                       []eventRow
	NextURL                      string
	DownloadBase                 string
	SeriesCSV                    string
	Count                        int // events matching, dated or not; -1 if unknown
	Periods                      int // periods forecast after the last one stored
}

func (s *Server) pageTimeline(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := newParams(r, "dyad", "either", "by", "from", "to", "cursor")
	d := timelinePage{pageData: pageData{"timeline", s.bundle}, Bys: []string{"day", "week", "month", "year"},
		By: strings.ToLower(p.str("by")), From: p.str("from"), To: p.str("to"), Either: p.boolean("either"), Periods: 6}
	if d.By == "" {
		d.By = "month"
	}
	if !store.Interval(d.By).Valid() {
		p.fail("by=%q: want day, week, month or year", d.By)
	}
	q := store.Query{Either: d.Either, From: p.date("from", false), To: p.date("to", true), Cursor: p.str("cursor"), Limit: 50, Desc: true}
	if dy := p.str("dyad"); dy != "" {
		src, tgt, ok := parseDyad(dy)
		if !ok {
			p.fail("dyad %q: want two actor codes joined by a dash, e.g. JPN-PRK", dy)
		}
		q.Source, q.Target = src, tgt
		d.Dyad, d.DyadSource, d.DyadTarget = src+"-"+tgt, src, tgt
	}
	if p.err != nil {
		s.pageError(w, r, p.err)
		return
	}
	sugg, err := s.topDyads(ctx, store.Query{From: q.From, To: q.To}, 200)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d.Suggestions = sugg
	if d.Dyad != "" {
		page, err := s.opts.Store.Events(ctx, q)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		d.Events = s.rows(ctx, page.Events)
		// The chart's figures (events charted, mean Goldstein, periods)
		// come from the series the page's script fetches; the page
		// itself only counts the matching events.
		d.Count = -1
		if c, ok := s.opts.Store.(store.Counter); ok {
			cq := q
			cq.Cursor, cq.Desc, cq.Limit = "", false, 0
			if n, err := c.Count(ctx, cq); err == nil {
				d.Count = n
			}
		}
		v := url.Values{"dyad": {d.Dyad}}
		if d.Either {
			v.Set("either", "true")
		}
		if d.From != "" {
			v.Set("from", d.From)
		}
		if d.To != "" {
			v.Set("to", d.To)
		}
		v.Set("order", "desc")
		d.DownloadBase = "/api/v1/events?" + v.Encode()
		sv := url.Values{"dyad": {d.Dyad}, "by": {d.By}, "format": {"csv"}}
		for _, k := range []string{"either", "from", "to"} {
			if x := v.Get(k); x != "" {
				sv.Set(k, x)
			}
		}
		d.SeriesCSV = "/api/v1/series?" + sv.Encode()
		if page.Next != "" {
			v.Del("order")
			v.Set("by", d.By)
			v.Set("cursor", page.Next)
			d.NextURL = "/?" + v.Encode()
		}
	}
	s.render(w, r, http.StatusOK, "timeline", d)
}

func (s *Server) pageEvent(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	e, err := s.event(ctx, r.PathValue("id"), 0)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	texts := &storyTexts{s: s, ctx: ctx, texts: map[string]string{}}
	title := ""
	st, _, err := s.opts.Store.Story(ctx, e.StoryID, 0)
	if err == nil && st != nil {
		texts.texts[e.StoryID] = st.Text
		title = st.Title
	}
	dyad := ""
	if e.Target != nil && e.Source.Country != "" && e.Target.Country != "" {
		dyad = e.Source.Country + "-" + e.Target.Country
	}
	s.render(w, r, http.StatusOK, "event", struct {
		pageData
		E          parley.Event
		Sentence   template.HTML
		Dyad       string
		StoryTitle string
	}{pageData{"event", s.bundle}, e, sentenceHTML(e, texts.text), dyad, title})
}

func (s *Server) pageStory(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	st, evs, err := s.opts.Store.Story(ctx, r.PathValue("id"), 0)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	var marks []mark
	for _, e := range evs {
		marks = append(marks, eventMarks(e)...)
	}
	texts := func(string) string { return st.Text }
	rows := make([]eventRow, len(evs))
	for i, e := range evs {
		rows[i] = eventRow{E: e, Sentence: sentenceHTML(e, texts)}
	}
	s.render(w, r, http.StatusOK, "story", struct {
		pageData
		S          *parley.Story
		Events     []parley.Event
		Rows       []eventRow
		Paragraphs []template.HTML
	}{pageData{"story", s.bundle}, st, evs, rows, paragraphs(st.Text, marks)})
}

// paragraphs renders text split at blank lines (or single line breaks)
// into paragraphs, each with the marks inside it.
func paragraphs(text string, marks []mark) []template.HTML {
	var out []template.HTML
	start := 0
	for start < len(text) {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		if strings.TrimSpace(text[start:end]) != "" {
			out = append(out, highlight(text, start, end, marks))
		}
		start = end + 1
	}
	return out
}

func (s *Server) pageCode(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "code", pageData{"code", s.bundle})
}

// relationsPage is the data of the relations view.
type relationsPage struct {
	pageData
	From, To   string
	Limit, Min int
	Pairs      []aggregate.Dyad
	SVG        template.HTML
}

func (s *Server) pageRelations(w http.ResponseWriter, r *http.Request) {
	p := newParams(r, "from", "to", "limit", "min")
	d := relationsPage{pageData: pageData{"relations", s.bundle}, From: p.str("from"), To: p.str("to"),
		Limit: p.integer("limit", 1, 500), Min: p.integer("min", 1, 1<<30)}
	q := store.Query{From: p.date("from", false), To: p.date("to", true)}
	if p.err != nil {
		s.pageError(w, r, p.err)
		return
	}
	if d.Limit == 0 {
		d.Limit = 40
	}
	if d.Min == 0 {
		d.Min = 1
	}
	ds, err := s.dyadCounts(r.Context(), q)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	edges := undirected(ds, d.Min, d.Limit)
	d.Pairs = edges
	d.SVG = relationsSVG(edges, d.From, d.To)
	s.render(w, r, http.StatusOK, "relations", d)
}

// goldColour maps a mean Goldstein score in [-10, 10] to a colour from red
// (conflict) through grey to green (cooperation).
func goldColour(g float64) string {
	t := math.Max(-1, math.Min(1, g/10))
	lerp := func(a, b [3]float64, f float64) string {
		return fmt.Sprintf("rgb(%d,%d,%d)", int(a[0]+(b[0]-a[0])*f), int(a[1]+(b[1]-a[1])*f), int(a[2]+(b[2]-a[2])*f))
	}
	grey, red, green := [3]float64{148, 158, 170}, [3]float64{200, 40, 40}, [3]float64{22, 140, 80}
	// strengthen small scores so that a mean of +2 is visibly green
	f := math.Sqrt(math.Abs(t))
	if t < 0 {
		return lerp(grey, red, f)
	}
	return lerp(grey, green, f)
}

// relationsSVG draws countries on a circle, ordered by longitude so that
// neighbours sit together, and an edge per pair coloured by its mean
// Goldstein score and as wide as its share of events.
func relationsSVG(edges []aggregate.Dyad, from, to string) template.HTML {
	const size, cx, cy, radius = 760.0, 380.0, 380.0, 300.0
	deg := map[string]int{}
	for _, e := range edges {
		deg[e.Source] += e.Count
		deg[e.Target] += e.Count
	}
	nodes := make([]string, 0, len(deg))
	for n := range deg {
		nodes = append(nodes, n)
	}
	lon := func(c string) float64 {
		if k, ok := countries[c]; ok {
			return k.Lon
		}
		return 1000
	}
	sort.Slice(nodes, func(i, j int) bool {
		if lon(nodes[i]) != lon(nodes[j]) {
			return lon(nodes[i]) < lon(nodes[j])
		}
		return nodes[i] < nodes[j]
	})
	pos := map[string][2]float64{}
	for i, n := range nodes {
		a := 2*math.Pi*float64(i)/float64(max(1, len(nodes))) - math.Pi/2
		pos[n] = [2]float64{cx + radius*math.Cos(a), cy + radius*math.Sin(a)}
	}
	maxCount, maxDeg := 1, 1
	for _, e := range edges {
		maxCount = max(maxCount, e.Count)
	}
	for _, d := range deg {
		maxDeg = max(maxDeg, d)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg id="relations" class="relations" viewBox="0 0 %g %g" role="img" aria-label="relations between countries" data-nodes="%d" data-edges="%d" xmlns="http://www.w3.org/2000/svg">`, size, size, len(nodes), len(edges))
	if len(edges) == 0 {
		fmt.Fprintf(&b, `<text x="%g" y="%g" text-anchor="middle" class="empty">No pairs of countries in this period.</text></svg>`, cx, cy)
		return template.HTML(b.String())
	}
	fmt.Fprintf(&b, `<circle cx="%g" cy="%g" r="%g" class="ring"/>`, cx, cy, radius)
	b.WriteString(`<g class="edges">`)
	// draw small edges first so that big ones stay on top
	for i := len(edges) - 1; i >= 0; i-- {
		e := edges[i]
		p, q := pos[e.Source], pos[e.Target]
		mx, my := (p[0]+q[0])/2, (p[1]+q[1])/2
		// pull the control point toward the centre: a gentle curve
		kx, ky := mx+(cx-mx)*0.45, my+(cy-my)*0.45
		w := 1.2 + 7*math.Sqrt(float64(e.Count)/float64(maxCount))
		v := url.Values{"dyad": {e.Source + "-" + e.Target}, "either": {"true"}}
		if from != "" {
			v.Set("from", from)
		}
		if to != "" {
			v.Set("to", to)
		}
		fmt.Fprintf(&b, `<a href="/?%s"><path class="edge" d="M%.1f,%.1f Q%.1f,%.1f %.1f,%.1f" stroke="%s" stroke-width="%.1f" data-dyad="%s-%s" data-mean="%.2f"><title>%s – %s: %d events, mean Goldstein %+.2f</title></path></a>`,
			template.HTMLEscapeString(v.Encode()), p[0], p[1], kx, ky, q[0], q[1], goldColour(e.Mean), w, e.Source, e.Target, e.Mean,
			template.HTMLEscapeString(countryName(e.Source)), template.HTMLEscapeString(countryName(e.Target)), e.Count, e.Mean)
	}
	b.WriteString(`</g><g class="nodes">`)
	for _, n := range nodes {
		p := pos[n]
		r := 5 + 11*math.Sqrt(float64(deg[n])/float64(maxDeg))
		a := math.Atan2(p[1]-cy, p[0]-cx)
		lx, ly := cx+(radius+r+10)*math.Cos(a), cy+(radius+r+10)*math.Sin(a)
		anchor := "start"
		if math.Cos(a) < -0.2 {
			anchor = "end"
		} else if math.Abs(math.Cos(a)) <= 0.2 {
			anchor = "middle"
		}
		fmt.Fprintf(&b, `<g class="node" data-country="%s"><circle cx="%.1f" cy="%.1f" r="%.1f"><title>%s: %d events</title></circle><text x="%.1f" y="%.1f" text-anchor="%s" dominant-baseline="middle">%s</text></g>`,
			n, p[0], p[1], r, template.HTMLEscapeString(countryName(n)), deg[n], lx, ly, anchor, n)
	}
	b.WriteString(`</g></svg>`)
	return template.HTML(b.String())
}

// topDyads returns aggregate.TopDyads, kept for a minute: the dashboard
// shows the same suggestions on every page view, and grouping all events
// by dyad costs seconds on a large store.
func (s *Server) topDyads(ctx context.Context, q store.Query, n int) ([]aggregate.Dyad, error) {
	key := "top|" + q.From.String() + "|" + q.To.String() + "|" + strconv.Itoa(n)
	v, err := s.cached(key, func() (any, error) { return aggregate.TopDyads(ctx, s.opts.Store, q, n) })
	ds, _ := v.([]aggregate.Dyad)
	return ds, err
}

// dyadCounts returns aggregate.DyadCounts for the relations view, kept
// for a minute like topDyads.
func (s *Server) dyadCounts(ctx context.Context, q store.Query) ([]store.DyadCount, error) {
	key := "counts|" + q.From.String() + "|" + q.To.String()
	v, err := s.cached(key, func() (any, error) { return aggregate.DyadCounts(ctx, s.opts.Store, q) })
	ds, _ := v.([]store.DyadCount)
	return ds, err
}

// cached returns the value kept under key if it is younger than a minute,
// else computes, keeps and returns a new one. Errors are not kept.
func (s *Server) cached(key string, compute func() (any, error)) (any, error) {
	now := s.opts.Now()
	s.cacheMu.Lock()
	e, ok := s.cache[key]
	s.cacheMu.Unlock()
	if ok && now.Sub(e.at) < cacheTTL {
		return e.v, nil
	}
	v, err := compute()
	if err != nil {
		return nil, err
	}
	s.cacheMu.Lock()
	if len(s.cache) > 64 {
		clear(s.cache)
	}
	s.cache[key] = cacheEntry{at: now, v: v}
	s.cacheMu.Unlock()
	return v, nil
}

const cacheTTL = time.Minute

type cacheEntry struct {
	at time.Time
	v  any
}
