package server

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"github.com/parley-events/parley"
)

// Error kinds the server adds to parley's own (parley.Kind.String()). They
// describe the HTTP exchange rather than the data, so they live here.
const (
	kindUnauthorized     = "unauthorized"
	kindForbidden        = "forbidden"
	kindTooLarge         = "too_large"
	kindMethod           = "method_not_allowed"
	kindUnsupportedMedia = "unsupported_media_type"
	kindNotAcceptable    = "not_acceptable"
)

// statusOf is the one table from error kinds to HTTP statuses.
var statusOf = map[string]int{
	parley.Invalid.String():     http.StatusBadRequest,
	parley.NotFound.String():    http.StatusNotFound,
	parley.Conflict.String():    http.StatusConflict,
	parley.Internal.String():    http.StatusInternalServerError,
	parley.Unavailable.String(): http.StatusServiceUnavailable,
	parley.Other.String():       http.StatusInternalServerError,
	kindUnauthorized:            http.StatusUnauthorized,
	kindForbidden:               http.StatusForbidden,
	kindTooLarge:                http.StatusRequestEntityTooLarge,
	kindMethod:                  http.StatusMethodNotAllowed,
	kindUnsupportedMedia:        http.StatusUnsupportedMediaType,
	kindNotAcceptable:           http.StatusNotAcceptable,
}

// httpError is an error about the HTTP exchange itself (authentication,
// sizes, media types), with a kind from the table above.
type httpError struct {
	kind string
	msg  string
}

func (e *httpError) Error() string { return e.msg }

// errorKind returns the kind name of err: an httpError's own kind, a request
// body over its limit, or parley.KindOf.
func errorKind(err error) string {
	var he *httpError
	if errors.As(err, &he) {
		return he.kind
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return kindTooLarge
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return parley.Unavailable.String()
	}
	return parley.KindOf(err).String()
}

// errorBody is the JSON form of every error the API returns.
type errorBody struct {
	Error struct {
		Kind    string `json:"kind"`
		Message string `json:"message"`
	} `json:"error"`
}

// writeError writes err as {"error":{"kind","message"}} with the status of
// its kind. Internal errors are logged and shown as "internal error" only.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	kind := errorKind(err)
	status, ok := statusOf[kind]
	if !ok {
		status = http.StatusInternalServerError
	}
	var body errorBody
	body.Error.Kind = kind
	body.Error.Message = err.Error()
	if errors.Is(err, context.DeadlineExceeded) {
		body.Error.Message = "the query took too long and was stopped; narrow it (a dyad, a shorter period) and try again"
	}
	if status >= 500 && kind != parley.Unavailable.String() {
		s.log.LogAttrs(r.Context(), slog.LevelError, "request failed", slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.String("error", err.Error()))
		body.Error.Kind = parley.Internal.String()
		body.Error.Message = "internal error"
	}
	if kind == kindUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="parley"`)
	}
	writeJSON(w, status, body)
}

// writeJSON writes v as JSON with the given status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}
