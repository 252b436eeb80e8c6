package server

import (
	"context"
	"embed"
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/store"
)

// eventGetter is an optional extra of a Reader: one event by id.
type eventGetter interface {
	Event(ctx context.Context, id string, version int) (parley.Event, error)
}

// Coder codes one story: it analyses the text into sentences and returns
// the document and the events found. It must be safe for concurrent use.
type Coder interface {
	Code(ctx context.Context, s *parley.Story) (*parley.Document, []parley.Event, error)
	// Version names the coder (stored with a coding version).
	Version() string
}

// Options configure a Server. Zero fields take the defaults noted.
type Options struct {
	// Store is read by every page and endpoint, and written by POST
	// /api/v1/stories (required).
	Store store.Store
	// ReadOnly refuses writes even with a valid token.
	ReadOnly bool
	// Coder codes posted stories for POST /api/v1/code and
	// /api/v1/stories; nil disables both.
	Coder Coder
	// ReadText makes a story from a text/plain body (ingest.ReadText);
	// nil uses the body as the story text.
	ReadText func(name string, r io.Reader) (*parley.Story, error)
	// Token is the bearer token that writes need. Empty: writes are
	// refused with 403.
	Token string
	// Logger logs requests and internal errors (default: discard).
	Logger *slog.Logger
	// MaxBodyBytes bounds request bodies (default 4 MiB).
	MaxBodyBytes int64
	// MaxDownload bounds the rows of one download (default 1,000,000).
	MaxDownload int
	// Timeouts of the http.Server that Serve runs.
	ReadTimeout, WriteTimeout, IdleTimeout time.Duration
	// QueryTimeout bounds the store work of one read (a page of events,
	// a series, a page of the dashboard; downloads excepted): a query
	// that takes longer is cut off with a 503 (default 30s).
	QueryTimeout time.Duration
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Static is the file system of the built dashboard bundle (app.js,
	// app.css); nil uses the one embedded at build time.
	Static fs.FS
}

// DefaultOptions returns the defaults for the zero fields of Options.
func DefaultOptions() Options {
	return Options{
		MaxBodyBytes: 4 << 20,
		MaxDownload:  1_000_000,
		ReadTimeout:  15 * time.Second,
		WriteTimeout: 120 * time.Second,
		IdleTimeout:  120 * time.Second,
	}
}

// EnsureDefaults fills the zero fields of o with DefaultOptions.
func (o *Options) EnsureDefaults() {
	d := DefaultOptions()
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = d.MaxBodyBytes
	}
	if o.MaxDownload <= 0 {
		o.MaxDownload = d.MaxDownload
	}
	if o.ReadTimeout <= 0 {
		o.ReadTimeout = d.ReadTimeout
	}
	if o.WriteTimeout <= 0 {
		o.WriteTimeout = d.WriteTimeout
	}
	if o.IdleTimeout <= 0 {
		o.IdleTimeout = d.IdleTimeout
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.QueryTimeout <= 0 {
		o.QueryTimeout = 30 * time.Second
	}
	if o.Now == nil {
		o.Now = time.Now
	}
}

//go:embed static
var staticFS embed.FS

//go:embed templates
var templateFS embed.FS

//go:embed openapi.json
var openapiJSON []byte

// Server serves the JSON API under /api/v1 and the dashboard at /.
type Server struct {
	opts    Options
	log     *slog.Logger
	mux     *http.ServeMux
	static  fs.FS
	bundle  bool // the JavaScript bundle is present
	pages   map[string]*pageTemplate
	handler http.Handler

	cacheMu sync.Mutex
	cache   map[string]cacheEntry // aggregates for the dashboard, see cached
}

// New returns a Server for opts. It fails if opts.Store is nil or the
// embedded templates do not parse.
func New(opts Options) (*Server, error) {
	if opts.Store == nil {
		return nil, parley.Errorf(parley.Invalid, "server.New", "no store")
	}
	opts.EnsureDefaults()
	s := &Server{opts: opts, log: opts.Logger, mux: http.NewServeMux(), cache: map[string]cacheEntry{}}
	s.static = opts.Static
	if s.static == nil {
		sub, err := fs.Sub(staticFS, "static")
		if err != nil {
			return nil, err
		}
		s.static = sub
	}
	if _, err := fs.Stat(s.static, "dist/app.js"); err == nil {
		s.bundle = true
	}
	if err := s.parseTemplates(); err != nil {
		return nil, err
	}
	s.routes()
	s.handler = s.logRequests(s.mux)
	return s, nil
}

// BundlePresent reports whether the dashboard's JavaScript bundle was built
// into the binary.
func (s *Server) BundlePresent() bool { return s.bundle }

// ServeHTTP serves a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Serve serves HTTP on ln until ctx ends, then shuts down gracefully,
// giving requests in flight up to 10 seconds to finish.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s,
		ReadTimeout:       s.opts.ReadTimeout,
		ReadHeaderTimeout: s.opts.ReadTimeout,
		WriteTimeout:      s.opts.WriteTimeout,
		IdleTimeout:       s.opts.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := hs.Shutdown(sctx)
	if e := <-errc; e != nil && !errors.Is(e, http.ErrServerClosed) && err == nil {
		err = e
	}
	return err
}

// routes registers every route. The API routes are listed in apiRoutes so
// that a test can check each is described by the OpenAPI document.
func (s *Server) routes() {
	// paths matches API paths whatever the method, to tell 405 from 404.
	paths := http.NewServeMux()
	allow := map[string][]string{}
	for _, rt := range s.apiRoutes() {
		s.mux.HandleFunc(rt.method+" "+rt.pattern, s.bounded(rt.h))
		if allow[rt.pattern] == nil {
			paths.HandleFunc(rt.pattern, func(http.ResponseWriter, *http.Request) {})
		}
		allow[rt.pattern] = append(allow[rt.pattern], rt.method)
	}
	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		if _, pat := paths.Handler(r); pat != "" {
			w.Header().Set("Allow", strings.Join(allow[pat], ", "))
			s.writeError(w, r, &httpError{kindMethod, "method " + r.Method + " is not allowed on " + r.URL.Path + " (allowed: " + strings.Join(allow[pat], ", ") + ")"})
			return
		}
		s.writeError(w, r, parley.Errorf(parley.NotFound, "", "no API route %s %s (see /api/v1/openapi.json)", r.Method, r.URL.Path))
	})
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", s.staticHandler()))
	s.mux.HandleFunc("GET /{$}", s.bounded(s.pageTimeline))
	s.mux.HandleFunc("GET /events/{id}", s.bounded(s.pageEvent))
	s.mux.HandleFunc("GET /stories/{id}", s.bounded(s.pageStory))
	s.mux.HandleFunc("GET /relations", s.bounded(s.pageRelations))
	s.mux.HandleFunc("GET /alerts", s.bounded(s.pageAlerts))
	s.mux.HandleFunc("GET /code", s.pageCode)
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"ok": true, "bundle": s.bundle})
	})
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.pageError(w, r, parley.Errorf(parley.NotFound, "", "no page %s", r.URL.Path))
	})
}

func (s *Server) staticHandler() http.Handler {
	files := http.FileServerFS(s.static)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "dist/") {
			w.Header().Set("Cache-Control", "no-cache")
		} else {
			w.Header().Set("Cache-Control", "public, max-age=3600")
		}
		files.ServeHTTP(w, r)
	})
}

// statusRecorder remembers the status and size of a response for the log.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// logRequests logs each request with its status, size and duration, and
// turns a panic in a handler into a 500 with the stack in the log.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.Error("panic serving request", "path", r.URL.Path, "panic", p)
				if rec.status == 0 {
					s.writeError(rec, r, parley.Errorf(parley.Internal, "", "panic: %v", p))
				}
			}
			s.log.LogAttrs(r.Context(), slog.LevelInfo, "request",
				slog.String("method", r.Method), slog.String("path", r.URL.Path),
				slog.String("query", r.URL.RawQuery), slog.Int("status", rec.status),
				slog.Int64("bytes", rec.bytes), slog.Duration("duration", time.Since(start)),
				slog.String("remote", r.RemoteAddr))
		}()
		next.ServeHTTP(rec, r)
	})
}

// bounded runs h with a context that ends after Options.QueryTimeout,
// except for downloads (format=csv|jsonl|parquet or a download Accept
// header), which stream for as long as the write timeout allows.
func (s *Server) bounded(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if f, err := downloadFormat(r, r.URL.Query().Get("format")); err == nil && f != "json" {
			h(w, r)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), s.opts.QueryTimeout)
		defer cancel()
		h(w, r.WithContext(ctx))
	}
}
