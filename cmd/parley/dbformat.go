package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/aggregate"
)

// eventRow is an event's flat form: the CSV columns and the Parquet schema.
type eventRow struct {
	ID              string  `parquet:"id"`
	StoryID         string  `parquet:"story_id"`
	Sentence        int32   `parquet:"sentence"`
	Date            string  `parquet:"date"`
	DatePrecision   string  `parquet:"date_precision"`
	DatePart        string  `parquet:"date_part"`
	DateFrom        string  `parquet:"date_from"`
	Published       string  `parquet:"published"`
	SourceCode      string  `parquet:"source_code"`
	SourceCountry   string  `parquet:"source_country"`
	SourceText      string  `parquet:"source_text"`
	TargetCode      string  `parquet:"target_code"`
	TargetCountry   string  `parquet:"target_country"`
	TargetText      string  `parquet:"target_text"`
	CAMEO           string  `parquet:"cameo"`
	Root            string  `parquet:"root"`
	QuadClass       int32   `parquet:"quad_class"`
	Goldstein       float64 `parquet:"goldstein"`
	PLOVER          string  `parquet:"plover"`
	LocationName    string  `parquet:"location_name"`
	LocationCountry string  `parquet:"location_country"`
	Trigger         string  `parquet:"trigger"`
	TriggerStart    int32   `parquet:"trigger_start"`
	TriggerEnd      int32   `parquet:"trigger_end"`
	Rule            string  `parquet:"rule"`
	Confidence      float64 `parquet:"confidence"`
	Symmetric       bool    `parquet:"symmetric"`
	Version         int32   `parquet:"version"`
	SentenceText    string  `parquet:"sentence_text"`
}

var eventHeader = []string{"id", "story_id", "sentence", "date", "date_precision", "date_part", "date_from", "published",
	"source_code", "source_country", "source_text", "target_code", "target_country", "target_text",
	"cameo", "root", "quad_class", "goldstein", "plover", "location_name", "location_country",
	"trigger", "trigger_start", "trigger_end", "rule", "confidence", "symmetric", "version", "sentence_text"}

func rowOf(e parley.Event) eventRow {
	r := eventRow{ID: e.ID, StoryID: e.StoryID, Sentence: int32(e.Sentence), Date: e.Date.String(),
		DatePart: e.Date.Part, DateFrom: e.DateFrom,
		SourceCode: e.Source.Code, SourceCountry: e.Source.Country, SourceText: e.Source.Text,
		CAMEO: e.CAMEO, Root: e.Root, QuadClass: int32(e.QuadClass), Goldstein: e.Goldstein, PLOVER: e.PLOVER,
		Trigger: e.Trigger.Text, TriggerStart: int32(e.Trigger.Start), TriggerEnd: int32(e.Trigger.End),
		Rule: e.Rule, Confidence: e.Confidence, Symmetric: e.Symmetric, Version: int32(e.Version), SentenceText: e.SentenceText}
	if !e.Date.IsZero() {
		r.DatePrecision = e.Date.Precision.String()
	}
	if !e.Published.IsZero() {
		r.Published = e.Published.UTC().Format(time.RFC3339)
	}
	if e.Target != nil {
		r.TargetCode, r.TargetCountry, r.TargetText = e.Target.Code, e.Target.Country, e.Target.Text
	}
	if e.Location != nil {
		r.LocationName, r.LocationCountry = e.Location.Name, e.Location.Country
	}
	return r
}

func (r eventRow) record() []string {
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	return []string{r.ID, r.StoryID, strconv.Itoa(int(r.Sentence)), r.Date, r.DatePrecision, r.DatePart, r.DateFrom, r.Published,
		r.SourceCode, r.SourceCountry, r.SourceText, r.TargetCode, r.TargetCountry, r.TargetText,
		r.CAMEO, r.Root, strconv.Itoa(int(r.QuadClass)), f(r.Goldstein), r.PLOVER, r.LocationName, r.LocationCountry,
		r.Trigger, strconv.Itoa(int(r.TriggerStart)), strconv.Itoa(int(r.TriggerEnd)), r.Rule, f(r.Confidence),
		strconv.FormatBool(r.Symmetric), strconv.Itoa(int(r.Version)), r.SentenceText}
}

// eventWriter writes events in one format, a page at a time.
type eventWriter interface {
	write(evs []parley.Event) error
	close() error
}

func newEventWriter(format string, w io.Writer) eventWriter {
	switch format {
	case "csv":
		cw := csv.NewWriter(w)
		return &csvEvents{w: cw, header: true}
	case "parquet":
		return &parquetEvents{w: parquet.NewGenericWriter[eventRow](w)}
	case "table":
		return &tableEvents{w: tabwriter.NewWriter(w, 0, 4, 2, ' ', 0), header: true}
	}
	return &jsonlEvents{w: bufio.NewWriter(w)}
}

type jsonlEvents struct{ w *bufio.Writer }

func (j *jsonlEvents) write(evs []parley.Event) error {
	for _, e := range evs {
		b, err := json.Marshal(e)
		if err != nil {
			return err
		}
		j.w.Write(b)
		j.w.WriteByte('\n')
	}
	return nil
}
func (j *jsonlEvents) close() error { return j.w.Flush() }

type csvEvents struct {
	w      *csv.Writer
	header bool
}

func (c *csvEvents) write(evs []parley.Event) error {
	if c.header {
		c.w.Write(eventHeader)
		c.header = false
	}
	for _, e := range evs {
		c.w.Write(rowOf(e).record())
	}
	return c.w.Error()
}

func (c *csvEvents) close() error {
	if c.header {
		c.w.Write(eventHeader)
	}
	c.w.Flush()
	return c.w.Error()
}

type parquetEvents struct {
	w    *parquet.GenericWriter[eventRow]
	rows []eventRow
}

func (p *parquetEvents) write(evs []parley.Event) error {
	p.rows = p.rows[:0]
	for _, e := range evs {
		p.rows = append(p.rows, rowOf(e))
	}
	_, err := p.w.Write(p.rows)
	return err
}
func (p *parquetEvents) close() error { return p.w.Close() }

type tableEvents struct {
	w      *tabwriter.Writer
	header bool
}

func (t *tableEvents) write(evs []parley.Event) error {
	if t.header {
		fmt.Fprintln(t.w, "DATE\tSOURCE\tTARGET\tCAMEO\tQUAD\tGOLDSTEIN\tPLOVER\tWHERE\tSTORY\tSENTENCE")
		t.header = false
	}
	for _, e := range evs {
		tgt, loc := "-", ""
		if e.Target != nil {
			tgt = e.Target.Code
		}
		if e.Location != nil {
			loc = e.Location.Country
		}
		date := e.Date.String()
		if date == "" {
			date = "-"
		}
		fmt.Fprintf(t.w, "%s\t%s\t%s\t%s\t%d\t%.1f\t%s\t%s\t%s\t%s\n", date, e.Source.Code, tgt, e.CAMEO, e.QuadClass,
			e.Goldstein, e.PLOVER, loc, e.StoryID, clip(e.SentenceText, 70))
	}
	return nil
}
func (t *tableEvents) close() error { return t.w.Flush() }

// clip shortens s to n runes on one line.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// pointRow is a series point's flat form.
type pointRow struct {
	Period    string  `parquet:"period"`
	Start     string  `parquet:"start"`
	Count     int64   `parquet:"count"`
	Q1        int64   `parquet:"q1"`
	Q2        int64   `parquet:"q2"`
	Q3        int64   `parquet:"q3"`
	Q4        int64   `parquet:"q4"`
	Goldstein float64 `parquet:"goldstein"`
	Mean      float64 `parquet:"goldstein_mean"`
	Index     int64   `parquet:"index"`
	Balance   float64 `parquet:"balance"`
}

var pointHeader = []string{"period", "start", "count", "q1", "q2", "q3", "q4", "goldstein", "goldstein_mean", "index", "balance"}

func writePoints(format string, w io.Writer, ps []aggregate.Point) error {
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', 4, 64) }
	switch format {
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write(pointHeader)
		for _, p := range ps {
			cw.Write([]string{p.Period, p.Start.Format("2006-01-02"), strconv.Itoa(p.Count), strconv.Itoa(p.Q1), strconv.Itoa(p.Q2),
				strconv.Itoa(p.Q3), strconv.Itoa(p.Q4), f(p.Goldstein), f(p.Mean), strconv.Itoa(p.Index), f(p.Balance)})
		}
		cw.Flush()
		return cw.Error()
	case "parquet":
		pw := parquet.NewGenericWriter[pointRow](w)
		rows := make([]pointRow, len(ps))
		for i, p := range ps {
			rows[i] = pointRow{Period: p.Period, Start: p.Start.Format("2006-01-02"), Count: int64(p.Count), Q1: int64(p.Q1),
				Q2: int64(p.Q2), Q3: int64(p.Q3), Q4: int64(p.Q4), Goldstein: p.Goldstein, Mean: p.Mean, Index: int64(p.Index), Balance: p.Balance}
		}
		if _, err := pw.Write(rows); err != nil {
			return err
		}
		return pw.Close()
	case "table":
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "PERIOD\tEVENTS\tQ1\tQ2\tQ3\tQ4\tGOLDSTEIN\tMEAN\tINDEX\t")
		for _, p := range ps {
			fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%.1f\t%.2f\t%+d\t\n", p.Period, p.Count, p.Q1, p.Q2, p.Q3, p.Q4, p.Goldstein, p.Mean, p.Index)
		}
		return tw.Flush()
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	for _, p := range ps {
		if err := enc.Encode(p); err != nil {
			return err
		}
	}
	return bw.Flush()
}

var dyadHeader = []string{"source", "target", "count", "q1", "q2", "q3", "q4", "goldstein", "goldstein_mean", "index"}

func dyadRecord(d aggregate.Dyad) []string {
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', 4, 64) }
	return []string{d.Source, d.Target, strconv.Itoa(d.Count), strconv.Itoa(d.Q1), strconv.Itoa(d.Q2), strconv.Itoa(d.Q3),
		strconv.Itoa(d.Q4), f(d.Goldstein), f(d.Mean), strconv.Itoa(d.Index)}
}

func writeDyads(format string, w io.Writer, ds []aggregate.Dyad) error {
	switch format {
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write(dyadHeader)
		for _, d := range ds {
			cw.Write(dyadRecord(d))
		}
		cw.Flush()
		return cw.Error()
	case "table":
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "SOURCE\tTARGET\tEVENTS\tQ1\tQ2\tQ3\tQ4\tMEAN GOLDSTEIN\tINDEX")
		for _, d := range ds {
			fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%.2f\t%+d\n", d.Source, d.Target, d.Count, d.Q1, d.Q2, d.Q3, d.Q4, d.Mean, d.Index)
		}
		return tw.Flush()
	}
	return writeJSONL(w, ds)
}

func writePartners(format string, w io.Writer, ps []aggregate.Partner) error {
	switch format {
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write([]string{"partner", "count", "out", "in", "goldstein_mean", "index"})
		for _, p := range ps {
			cw.Write([]string{p.Partner, strconv.Itoa(p.Count), strconv.Itoa(p.Out.Count), strconv.Itoa(p.In.Count),
				strconv.FormatFloat(p.Mean, 'f', 4, 64), strconv.Itoa(p.Index)})
		}
		cw.Flush()
		return cw.Error()
	case "table":
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "PARTNER\tEVENTS\tOUT\tIN\tMEAN GOLDSTEIN\tINDEX")
		for _, p := range ps {
			fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.2f\t%+d\n", p.Partner, p.Count, p.Out.Count, p.In.Count, p.Mean, p.Index)
		}
		return tw.Flush()
	}
	return writeJSONL(w, ps)
}

func writeJSONL[T any](w io.Writer, xs []T) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	for _, x := range xs {
		if err := enc.Encode(x); err != nil {
			return err
		}
	}
	return bw.Flush()
}
