// Package server serves parley's stored events: a JSON API under /api/v1
// and a dashboard at /.
//
// The API (described by the OpenAPI document at /api/v1/openapi.json,
// embedded from openapi.json) reads events with every filter of
// store.Query as query parameters and cursor pagination, one event, a
// story with its events, a dyad's series (package aggregate), the top
// dyads and an actor's partners, a dyad's forecast bands and outlook and
// the alerts on dyads that broke from their bands (package outlook, shared
// with the CLI), and downloads events as CSV, JSON lines or Parquet. POST /api/v1/code codes a posted story without storing it;
// POST /api/v1/stories codes and stores it and needs the bearer token of
// Options.Token. Errors are JSON {"error":{"kind","message"}}; the kind
// (parley.Kind or one of the HTTP kinds here) maps to the status through
// one table, statusOf. Request bodies are bounded (Options.MaxBodyBytes)
// and Serve sets read, write and idle timeouts and shuts down gracefully
// when its context ends.
//
// The dashboard is server-rendered html/template pages (templates/, with
// event spans highlighted here, in Go, from their byte offsets) and one
// JavaScript bundle built from ../web by `go generate ./server` into
// static/dist. The bundle draws the dyad chart (uPlot) with the forecast
// band of the chosen series and the outlook beside it, and runs the paste
// page; it is embedded in the binary, and a build without it still serves
// every page, with a notice that the bundle is missing.
package server
