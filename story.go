package parley

import "time"

// Story is one news story as read by ingest: its text and what is known
// about it. Text is the body the coder reads; every span in parley is a byte
// offset into Text.
type Story struct {
	ID        string            `json:"id"`                  // given id, else a hash of the content
	Title     string            `json:"title,omitempty"`     // headline
	Byline    string            `json:"byline,omitempty"`    // author(s)
	Source    string            `json:"source,omitempty"`    // publisher, e.g. "Global Times"
	URL       string            `json:"url,omitempty"`       // where the story was published
	Published time.Time         `json:"published,omitzero"`  // publication time; zero when unknown
	DateFrom  string            `json:"date_from,omitempty"` // where Published came from: "metadata", "text" or "" (unknown)
	Text      string            `json:"text"`                // body text, page furniture removed
	Hash      string            `json:"hash,omitempty"`      // hex SHA-256 of the normalised body text
	Origin    string            `json:"origin,omitempty"`    // input position, e.g. "file.jsonl:12"
	Meta      map[string]string `json:"meta,omitempty"`      // other metadata kept from the input (e.g. trailing furniture)
	// DuplicateOf is the id of an earlier story with the same body (exact
	// duplicate) or nearly the same body (near duplicate); Duplicate says
	// which: "exact" or "near".
	DuplicateOf string `json:"duplicate_of,omitempty"`
	Duplicate   string `json:"duplicate,omitempty"`
}

// Sentence is one sentence of a story. Start and End are byte offsets into
// Story.Text (End exclusive); Text is Story.Text[Start:End].
type Sentence struct {
	Index int        `json:"index"`
	Start int        `json:"start"`
	End   int        `json:"end"`
	Text  string     `json:"text"`
	Times []TimeExpr `json:"times,omitempty"` // time expressions found in the sentence, in order
	// Context is the date the sentence is about when it has no expression of
	// its own: the story's running context (the last explicit year or month
	// seen in earlier sentences), else the publication date. ContextFrom
	// says which: "context" or "publication" (or "" when neither is known).
	Context     Date   `json:"context,omitzero"`
	ContextFrom string `json:"context_from,omitempty"`
}

// Document is a story analysed by nlp: the story and its sentences.
type Document struct {
	Story     *Story     `json:"story"`
	Sentences []Sentence `json:"sentences"`
}

// TimeExpr is a time expression in a story resolved to a calendar Date.
// One phrase that names several dates ("In January and March 2012") gives
// one TimeExpr per date, each with the span of its own part.
type TimeExpr struct {
	Text  string `json:"text"`
	Start int    `json:"start"` // byte offset into Story.Text
	End   int    `json:"end"`
	Value Date   `json:"value"`
}
