package parley

import (
	"encoding/json"
	"time"
)

func jsonMarshal(v any) ([]byte, error)   { return json.Marshal(v) }
func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

// Actor is one side of an event: a CAMEO actor code and where it was found.
// Code is the full code (country or block followed by roles, e.g. "PRKGOV",
// "IGOUNO", "JPNCVL"); Country is its first three letters (an ISO 3166
// alpha-3 code or a CAMEO block such as IGO, NGO, MNC), empty when unknown.
type Actor struct {
	Code    string `json:"code"`
	Country string `json:"country"`
	Text    string `json:"text"`  // the words in the story
	Start   int    `json:"start"` // byte offsets into Story.Text
	End     int    `json:"end"`
	Name    string `json:"name,omitempty"` // dictionary entry it matched, e.g. "KIM_JONG_UN"
	Rule    string `json:"rule,omitempty"` // how the code was found (dictionary, description, pronoun, ...)
}

// Location is where an event happened.
type Location struct {
	Name    string  `json:"name"`
	Country string  `json:"country"` // ISO 3166 alpha-3
	Lat     float64 `json:"lat,omitempty"`
	Lon     float64 `json:"lon,omitempty"`
	Start   int     `json:"start,omitempty"` // span of the place name in Story.Text
	End     int     `json:"end,omitempty"`
}

// Span is a piece of the story text.
type Span struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Where an event's date came from.
const (
	DateFromExpression  = "expression"  // a time expression governing the event's clause
	DateFromContext     = "context"     // the story's running date context
	DateFromPublication = "publication" // the publication date
)

// Event is one coded interaction: who did what to whom, when and where,
// with its provenance. Its JSON form is the contract in
// shared/eval/CONTRACT.md, with extra fields.
type Event struct {
	ID       string `json:"id,omitempty"` // stable id: story id, sentence, trigger, actors
	StoryID  string `json:"story_id"`
	Sentence int    `json:"sentence"` // 0-based index of the sentence in the story

	Source Actor  `json:"source"`
	Target *Actor `json:"target"` // nil for events without a target

	CAMEO     string  `json:"cameo"`      // full CAMEO event code, e.g. "036"
	Root      string  `json:"root"`       // its first two digits
	QuadClass int     `json:"quad_class"` // 1-4
	Goldstein float64 `json:"goldstein"`
	PLOVER    string  `json:"plover"` // PLOVER 2021 event type

	Date      Date      `json:"-"`
	DateFrom  string    `json:"-"` // DateFromExpression, DateFromContext or DateFromPublication
	Published time.Time `json:"-"` // the story's publication time

	Location *Location `json:"location"`
	Trigger  Span      `json:"trigger"`

	Symmetric  bool    `json:"symmetric,omitempty"` // emitted in both directions (talks, meetings, agreements)
	Rule       string  `json:"rule,omitempty"`      // the pattern or model that fired
	Confidence float64 `json:"confidence"`
	Version    int     `json:"version,omitempty"` // coding version (set by the store)
	// SentenceText is the text of the event's sentence (filled by the
	// store from the analysed document; empty when not known).
	SentenceText string `json:"sentence_text,omitempty"`
}

// MarshalJSON writes the contract's form: "date" as an ISO 8601 string at
// its precision, with "date_precision", "date_part", "date_from" and
// "published" beside it.
func (e Event) MarshalJSON() ([]byte, error) {
	type plain Event
	j := struct {
		plain
		Date          string `json:"date"`
		DatePrecision string `json:"date_precision,omitempty"`
		DatePart      string `json:"date_part,omitempty"`
		DateFrom      string `json:"date_from,omitempty"`
		Published     string `json:"published,omitempty"`
	}{plain: plain(e), Date: e.Date.String(), DatePart: e.Date.Part, DateFrom: e.DateFrom}
	if !e.Date.IsZero() {
		j.DatePrecision = e.Date.Precision.String()
	}
	if !e.Published.IsZero() {
		j.Published = e.Published.Format(time.RFC3339)
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads what MarshalJSON writes.
func (e *Event) UnmarshalJSON(b []byte) error {
	type plain Event
	var j struct {
		plain
		Date      string `json:"date"`
		DatePart  string `json:"date_part"`
		DateFrom  string `json:"date_from"`
		Published string `json:"published"`
	}
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*e = Event(j.plain)
	if j.Date != "" {
		d, err := ParseDate(j.Date)
		if err != nil {
			return err
		}
		d.Part = j.DatePart
		e.Date = d
	}
	e.DateFrom = j.DateFrom
	if j.Published != "" {
		t, err := time.Parse(time.RFC3339, j.Published)
		if err != nil {
			return Errorf(Invalid, "event", "bad published time %q", j.Published)
		}
		e.Published = t
	}
	return nil
}
