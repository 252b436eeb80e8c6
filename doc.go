// Package parley is the shared vocabulary of the parley event-data pipeline.
//
// parley turns news stories into political event records: "who did what to
// whom, when and where". The stages, each in its own package, are:
//
//	ingest    reads stories (plain text, HTML, RSS/Atom, JSON lines, CSV,
//	          folders, stdin) into Story values with their metadata.
//	nlp       splits a story into sentences and tokens with byte offsets and
//	          resolves time expressions ("in early August", "last December")
//	          against the publication date.
//	cameo     the CAMEO and PLOVER code tables: codes, names, Goldstein
//	          weights, QuadClass, the CAMEO to PLOVER map, actor code blocks.
//	coding    the event coder: actors, triggers, negation and modality,
//	          event dates and places, with provenance.
//	store     the store contract and its backends.
//	aggregate dyad time series from stored events.
//	forecast  forecasting models and rolling-origin backtests.
//	server    the HTTP JSON API and the dashboard.
//
// This package holds only the types that cross those stages (Story,
// Sentence, TimeExpr, Date, Actor, Event) and the error type; it imports
// nothing but the standard library.
package parley
