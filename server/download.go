package server

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/store"
	"github.com/parquet-go/parquet-go"
)

func utf8Valid(s string) bool { return utf8.ValidString(s) }

// downloadFormat picks the response format of GET /api/v1/events: the
// format parameter, else the Accept header, else JSON.
func downloadFormat(r *http.Request, param string) (string, error) {
	switch strings.ToLower(param) {
	case "json", "csv", "jsonl", "parquet":
		return strings.ToLower(param), nil
	case "ndjson":
		return "jsonl", nil
	case "":
	default:
		return "", parley.Errorf(parley.Invalid, "", "format=%q: want json, csv, jsonl or parquet", param)
	}
	for _, part := range strings.Split(r.Header.Get("Accept"), ",") {
		mt, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		switch strings.ToLower(strings.TrimSpace(mt)) {
		case "application/json", "*/*", "application/*", "":
			return "json", nil
		case "text/csv":
			return "csv", nil
		case "application/x-ndjson", "application/jsonl", "application/jsonlines":
			return "jsonl", nil
		case "application/vnd.apache.parquet", "application/x-parquet":
			return "parquet", nil
		}
	}
	if r.Header.Get("Accept") != "" && !strings.Contains(r.Header.Get("Accept"), "text/html") {
		return "", &httpError{kindNotAcceptable, "cannot answer Accept: " + r.Header.Get("Accept") + " (want application/json, text/csv, application/x-ndjson or application/vnd.apache.parquet)"}
	}
	return "json", nil
}

// Row is one event as a flat row, the columns of the CSV and Parquet
// downloads.
type Row struct {
	ID              string  `parquet:"id" json:"id"`
	StoryID         string  `parquet:"story_id" json:"story_id"`
	Sentence        int32   `parquet:"sentence" json:"sentence"`
	Date            string  `parquet:"date" json:"date"`
	DatePrecision   string  `parquet:"date_precision" json:"date_precision"`
	DatePart        string  `parquet:"date_part" json:"date_part"`
	DateFrom        string  `parquet:"date_from" json:"date_from"`
	Published       string  `parquet:"published" json:"published"`
	SourceCode      string  `parquet:"source_code" json:"source_code"`
	SourceCountry   string  `parquet:"source_country" json:"source_country"`
	SourceText      string  `parquet:"source_text" json:"source_text"`
	TargetCode      string  `parquet:"target_code" json:"target_code"`
	TargetCountry   string  `parquet:"target_country" json:"target_country"`
	TargetText      string  `parquet:"target_text" json:"target_text"`
	CAMEO           string  `parquet:"cameo" json:"cameo"`
	Root            string  `parquet:"root" json:"root"`
	QuadClass       int32   `parquet:"quad_class" json:"quad_class"`
	Goldstein       float64 `parquet:"goldstein" json:"goldstein"`
	PLOVER          string  `parquet:"plover" json:"plover"`
	LocationName    string  `parquet:"location_name" json:"location_name"`
	LocationCountry string  `parquet:"location_country" json:"location_country"`
	TriggerText     string  `parquet:"trigger_text" json:"trigger_text"`
	Rule            string  `parquet:"rule" json:"rule"`
	Confidence      float64 `parquet:"confidence" json:"confidence"`
	Version         int32   `parquet:"version" json:"version"`
	SentenceText    string  `parquet:"sentence_text" json:"sentence_text"`
}

var rowHeader = []string{"id", "story_id", "sentence", "date", "date_precision", "date_part", "date_from", "published", "source_code", "source_country", "source_text", "target_code", "target_country", "target_text", "cameo", "root", "quad_class", "goldstein", "plover", "location_name", "location_country", "trigger_text", "rule", "confidence", "version", "sentence_text"}

func rowOf(e parley.Event) Row {
	r := Row{ID: e.ID, StoryID: e.StoryID, Sentence: int32(e.Sentence), Date: e.Date.String(), DatePart: e.Date.Part, DateFrom: e.DateFrom,
		SourceCode: e.Source.Code, SourceCountry: e.Source.Country, SourceText: e.Source.Text,
		CAMEO: e.CAMEO, Root: e.Root, QuadClass: int32(e.QuadClass), Goldstein: e.Goldstein, PLOVER: e.PLOVER,
		TriggerText: e.Trigger.Text, Rule: e.Rule, Confidence: e.Confidence, Version: int32(e.Version), SentenceText: e.SentenceText}
	if !e.Date.IsZero() {
		r.DatePrecision = e.Date.Precision.String()
	}
	if !e.Published.IsZero() {
		r.Published = e.Published.UTC().Format("2006-01-02T15:04:05Z07:00")
	}
	if e.Target != nil {
		r.TargetCode, r.TargetCountry, r.TargetText = e.Target.Code, e.Target.Country, e.Target.Text
	}
	if e.Location != nil {
		r.LocationName, r.LocationCountry = e.Location.Name, e.Location.Country
	}
	return r
}

func (r Row) strings() []string {
	return []string{r.ID, r.StoryID, strconv.Itoa(int(r.Sentence)), r.Date, r.DatePrecision, r.DatePart, r.DateFrom, r.Published,
		r.SourceCode, r.SourceCountry, r.SourceText, r.TargetCode, r.TargetCountry, r.TargetText,
		r.CAMEO, r.Root, strconv.Itoa(int(r.QuadClass)), strconv.FormatFloat(r.Goldstein, 'f', -1, 64), r.PLOVER,
		r.LocationName, r.LocationCountry, r.TriggerText, r.Rule, strconv.FormatFloat(r.Confidence, 'f', -1, 64),
		strconv.Itoa(int(r.Version)), r.SentenceText}
}

// download streams every event matching q (from q.Cursor on, at most
// q.Limit when set, else MaxDownload) as CSV, JSON lines or Parquet. An
// error after the first byte can only cut the stream short; it is logged.
func (s *Server) download(w http.ResponseWriter, r *http.Request, q store.Query, format string) {
	max := s.opts.MaxDownload
	if q.Limit > max {
		s.writeError(w, r, parley.Errorf(parley.Invalid, "", "limit=%d: a download holds at most %d events", q.Limit, max))
		return
	}
	if q.Limit > 0 {
		max = q.Limit
	}
	ctx := r.Context()
	q.Limit = min(store.MaxLimit, max)
	// Read the first page before writing, so that a bad query is a JSON
	// error and not a broken file.
	page, err := s.opts.Store.Events(ctx, q)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	name := "parley-events"
	h := w.Header()
	var emit func(parley.Event) error
	var finish func() error
	switch format {
	case "csv":
		h.Set("Content-Type", "text/csv; charset=utf-8")
		h.Set("Content-Disposition", `attachment; filename="`+name+`.csv"`)
		cw := csv.NewWriter(w)
		cw.Write(rowHeader)
		emit = func(e parley.Event) error { return cw.Write(rowOf(e).strings()) }
		finish = func() error { cw.Flush(); return cw.Error() }
	case "jsonl":
		h.Set("Content-Type", "application/x-ndjson")
		h.Set("Content-Disposition", `attachment; filename="`+name+`.jsonl"`)
		bw := bufio.NewWriterSize(w, 64<<10)
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		emit = func(e parley.Event) error { return enc.Encode(e) }
		finish = bw.Flush
	case "parquet":
		h.Set("Content-Type", "application/vnd.apache.parquet")
		h.Set("Content-Disposition", `attachment; filename="`+name+`.parquet"`)
		pw := parquet.NewGenericWriter[Row](w, parquet.Compression(&parquet.Snappy))
		buf := make([]Row, 0, 1024)
		flush := func() error {
			if len(buf) == 0 {
				return nil
			}
			_, err := pw.Write(buf)
			buf = buf[:0]
			return err
		}
		emit = func(e parley.Event) error {
			buf = append(buf, rowOf(e))
			if len(buf) == cap(buf) {
				return flush()
			}
			return nil
		}
		finish = func() error {
			if err := flush(); err != nil {
				return err
			}
			return pw.Close()
		}
	}
	w.WriteHeader(http.StatusOK)
	n := 0
	for {
		for _, e := range page.Events {
			if n >= max {
				break
			}
			if err = emit(e); err != nil {
				break
			}
			n++
		}
		if err != nil || n >= max || page.Next == "" {
			break
		}
		q.Cursor = page.Next
		q.Limit = min(store.MaxLimit, max-n)
		page, err = s.opts.Store.Events(ctx, q)
		if err != nil {
			break
		}
	}
	if ferr := finish(); err == nil {
		err = ferr
	}
	if err != nil {
		s.log.Warn("download cut short", "format", format, "rows", n, "error", err)
	}
}

// writeSeriesCSV writes a series as CSV.
func writeSeriesCSV(w http.ResponseWriter, s seriesResponse) {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="parley-series.csv"`)
	cw := csv.NewWriter(w)
	cw.Write([]string{"period", "start", "count", "quad1", "quad2", "quad3", "quad4", "goldstein", "goldstein_mean", "index"})
	for _, p := range s.Points {
		cw.Write([]string{p.Period, p.Start.Format("2006-01-02"), strconv.Itoa(p.Count),
			strconv.Itoa(p.Q1), strconv.Itoa(p.Q2), strconv.Itoa(p.Q3), strconv.Itoa(p.Q4),
			strconv.FormatFloat(p.Goldstein, 'f', -1, 64), strconv.FormatFloat(p.Mean, 'f', -1, 64), fmt.Sprint(p.Index)})
	}
	cw.Flush()
}
