package ingest

import (
	"strings"
	"time"

	"github.com/parley-events/parley"
)

// Logical fields of a story record (a JSON object or a CSV row).
const (
	fieldNone = iota
	fieldID
	fieldText
	fieldDate
	fieldTitle
	fieldSource
	fieldURL
	fieldByline
	numFields
)

var fieldLabel = [numFields]string{"", "id", "text", "date", "title", "source", "url", "byline"}

// fieldNames lists, for each logical field, the record keys that hold it,
// best first. Keys match case-insensitively.
var fieldNames = [numFields][]string{
	fieldID:     {"id", "doc_id", "docid", "story_id", "storyid", "article_id", "articleid", "aid", "guid", "uuid", "_id", "", "unnamed: 0"},
	fieldText:   {"text", "full_text", "fulltext", "body", "content", "article", "article_text", "articletext", "story", "story_text", "maintext", "main_text", "body_text", "sent_text", "sentence", "description", "summary"},
	fieldDate:   {"date", "published", "publish_date", "pub_date", "publication_date", "published_at", "publishedat", "pubdate", "date_published", "datepublished", "published_date", "publish_time", "publication_time", "datetime", "timestamp", "created_at", "time"},
	fieldTitle:  {"title", "headline", "head", "heading"},
	fieldSource: {"source", "source_name", "publisher", "outlet", "publication", "site", "site_name", "sitename", "domain", "media", "newspaper"},
	fieldURL:    {"url", "link", "source_url", "uri", "href", "permalink", "article_url"},
	fieldByline: {"byline", "author", "authors", "by", "writer"},
}

// fieldRank maps a lower-case key to its field and rank (position in
// fieldNames).
type fieldRank struct{ field, rank int }

// fieldTable is the lookup for one Options: the automatic names, with
// each overridden field replaced by its given name.
type fieldTable struct {
	names    map[string]fieldRank
	override [numFields]string // lower-case given names
}

func newFieldTable(o Options) *fieldTable {
	t := &fieldTable{names: make(map[string]fieldRank)}
	t.override[fieldID] = strings.ToLower(o.IDField)
	t.override[fieldText] = strings.ToLower(o.TextField)
	t.override[fieldDate] = strings.ToLower(o.DateField)
	t.override[fieldTitle] = strings.ToLower(o.TitleField)
	t.override[fieldSource] = strings.ToLower(o.SourceField)
	t.override[fieldURL] = strings.ToLower(o.URLField)
	for f := fieldID; f < numFields; f++ {
		if t.override[f] != "" {
			continue
		}
		for r, n := range fieldNames[f] {
			if _, taken := t.names[n]; !taken {
				t.names[n] = fieldRank{f, r}
			}
		}
	}
	for f := fieldID; f < numFields; f++ {
		if n := t.override[f]; n != "" {
			t.names[n] = fieldRank{f, -1}
		}
	}
	return t
}

// lookup returns the field a key holds.
func (t *fieldTable) lookup(key string) (fieldRank, bool) {
	if r, ok := t.names[key]; ok {
		return r, true
	}
	for i := 0; i < len(key); i++ {
		if c := key[i]; c >= 'A' && c <= 'Z' {
			r, ok := t.names[strings.ToLower(key)]
			return r, ok
		}
	}
	return fieldRank{}, false
}

// textCandidates lists the names the text may be under, for messages.
func (t *fieldTable) textCandidates() string {
	if t.override[fieldText] != "" {
		return "field " + quote(t.override[fieldText])
	}
	return "fields text, full_text, body, content, article, ..."
}

func quote(s string) string { return "\"" + s + "\"" }

// record is one story's values by logical field, from a JSON object or a
// CSV row, plus the keys that were not recognised (kept in Meta).
type record struct {
	val   [numFields]string
	key   [numFields]string
	rank  [numFields]int
	has   [numFields]bool
	extra [][2]string
}

func (r *record) reset() {
	*r = record{extra: r.extra[:0]}
}

// set stores v under its field if key ranks better than the key the
// record holds for it; the other value goes to extra.
func (r *record) set(fr fieldRank, key, v string) {
	f := fr.field
	if r.has[f] && r.rank[f] <= fr.rank {
		r.extra = append(r.extra, [2]string{key, v})
		return
	}
	if r.has[f] {
		r.extra = append(r.extra, [2]string{r.key[f], r.val[f]})
	}
	r.val[f], r.key[f], r.rank[f], r.has[f] = v, key, fr.rank, true
}

// story builds a story from a record. op names the input position for
// errors; pathLine becomes Story.Origin.
func (r *record) story(t *fieldTable, op string) (*parley.Story, error) {
	text := r.val[fieldText]
	if strings.TrimSpace(text) == "" {
		if r.has[fieldText] {
			return nil, parley.Errorf(parley.Invalid, op, "empty text")
		}
		return nil, parley.Errorf(parley.Invalid, op, "no text (looked for %s)", t.textCandidates())
	}
	if i := binaryAt([]byte(text)); i >= 0 {
		return nil, parley.Errorf(parley.Invalid, op, "binary data in text (byte 0x%02x at offset %d)", text[i], i)
	}
	s := &parley.Story{
		Title:  collapseSpace(strings.TrimSpace(r.val[fieldTitle])),
		Source: strings.TrimSpace(r.val[fieldSource]),
		URL:    strings.TrimSpace(r.val[fieldURL]),
		Byline: strings.TrimSpace(r.val[fieldByline]),
		Origin: op,
	}
	if d := strings.TrimSpace(r.val[fieldDate]); d != "" {
		tm, ok := ParsePublished(d)
		if !ok {
			tm, ok = unixTime(d)
		}
		if !ok {
			return nil, parley.Errorf(parley.Invalid, op, "unreadable date %q", d)
		}
		s.Published, s.DateFrom = tm, "metadata"
	}
	for _, kv := range r.extra {
		if kv[0] != "" && kv[1] != "" {
			setMeta(s, kv[0], kv[1])
		}
	}
	setBody(s, text)
	if s.Text == "" {
		return nil, parley.Errorf(parley.Invalid, op, "empty text")
	}
	finish(s, strings.TrimSpace(r.val[fieldID]))
	return s, nil
}

// setBody cleans a text given as a field (JSON, CSV, feed, HTML): newlines
// normalised, mojibake repaired, lines trimmed, leading and trailing page
// furniture moved to Meta. A one-line text, or one that is all furniture,
// is kept whole.
func setBody(s *parley.Story, text string) {
	text = normalizeNewlines(text)
	if fixed, n := repairMojibakeAll(text); n > 0 {
		text = fixed
		setMeta(s, "repaired", "mojibake: "+itoa(n)+" sequences of UTF-8 read as Windows-1252 re-decoded")
	}
	trimmed := strings.TrimSpace(text)
	if strings.IndexByte(trimmed, '\n') < 0 {
		s.Text = trimmed
		return
	}
	lines := strings.Split(trimmed, "\n")
	var f parley.Story
	if body := cleanBody(&f, lines); body != "" {
		s.Text = body
		for k, v := range f.Meta {
			setMeta(s, k, v)
		}
		return
	}
	s.Text = joinLines(lines)
}

// publishedFrom sets the publication time when t is known.
func publishedFrom(s *parley.Story, t time.Time, from string) {
	if !t.IsZero() {
		s.Published, s.DateFrom = t, from
	}
}
