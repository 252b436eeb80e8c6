// Package ingest reads news stories into parley.Story values: the first
// stage of the pipeline.
//
// Read takes files, folders (read recursively, in order) and "-" for
// standard input, detects each input's format from its extension or its
// first bytes, and calls a function for every story in input order:
//
//   - Plain text (.txt, .text, .md): the title is the first non-empty line;
//     byline, source and publication date come from header lines such as
//     "By Zhang Liangui Source:Global Times Published: 2013-1-22 22:53:06"
//     (several fields a line or one a line); trailing page furniture
//     ("Posted in: Viewpoint", "blog comments powered by Disqus", "The
//     author is ...", "Share this", copyright lines, lone e-mail addresses)
//     is moved from the text to Story.Meta ("furniture", "section",
//     "author_note", "copyright", "email").
//   - JSON lines (.jsonl, .ndjson) and JSON (.json: an array of objects, one
//     object, or lines): one story an object, with the field names of
//     shared/eval/CONTRACT.md (id, text, date, title, source, url) or those
//     other corpora use (doc_id, full_text, body, content, published,
//     publish_date, headline, link, author, ...); Options names others.
//     Unrecognised scalar fields are kept in Meta.
//   - CSV (.csv) and TSV (.tsv) with a header: one story a row, the same
//     field names; an empty first column name (a data frame's index) is
//     the id.
//   - HTML pages (.html, .htm): the article body as readability finds it;
//     title, byline, site, canonical URL and publication time from meta tags.
//   - RSS and Atom feeds (.xml, .rss, .atom): one story an item.
//
// Text read from any format is cleaned the same way: CRLF becomes LF, lines
// are trimmed, paragraphs are separated by "\n\n", and text that was UTF-8
// decoded as Windows-1252 ("â€œ") is repaired (noted in Meta["repaired"]).
// Story.Text is the body only; every later stage's spans are byte offsets
// into it. Story.Hash is the SHA-256 of the body normalised (NFKC, lower
// case, white space collapsed); Story.ID is the id the input gives, else the
// first 16 hex digits of the hash. Story.Origin is "path:line".
//
// Bad input never stops a read: each rejected file, line, row or item is
// reported once through Options.OnError as a *parley.Error of kind Invalid
// naming "path:line" and the problem, and counted in Stats.Rejected.
//
// With Options.Dedup, exact duplicates (same Hash) and near duplicates
// (MinHash over word 3-shingles with LSH, estimated Jaccard similarity at
// least NearThreshold) are marked with Story.DuplicateOf and
// Story.Duplicate.
package ingest
