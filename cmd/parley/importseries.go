package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/series"
	"github.com/parley-events/parley/store"
)

// periodColumns are the header names of a period column that make a CSV
// file a series file without --series-name or --key.
var periodColumns = []string{"date", "day", "week", "month", "quarter", "year", "period"}

// seriesLayout is the shape of a series file: column 0 is the period, keys
// and values index the other columns.
type seriesLayout struct {
	head   []string
	keys   []int
	values []int
}

// seriesSample is how many data rows decide which columns hold numbers.
const seriesSample = 200

// sniffSeries says whether path is a series file and, if so, its layout.
// With force (--series-name or --key given) a file that cannot be one is
// an error; otherwise it is left to the GDELT reader (nil, nil).
func sniffSeries(path string, keyNames []string, force bool) (*seriesLayout, error) {
	notSeries := func(format string, a ...any) (*seriesLayout, error) {
		if !force {
			return nil, nil
		}
		return nil, parley.Errorf(parley.Invalid, path, format, a...)
	}
	if strings.EqualFold(filepath.Ext(path), ".zip") {
		return notSeries("a zip file is not a series file")
	}
	f, err := os.Open(path)
	if err != nil {
		if force {
			return nil, &parley.Error{Op: "import", Kind: parley.NotFound, Err: err}
		}
		return nil, nil // the GDELT reader says what is wrong
	}
	defer f.Close()
	cr := csv.NewReader(bufio.NewReader(f))
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return notSeries("no CSV header: %v", err)
	}
	head = slices.Clone(head)
	head[0] = strings.TrimPrefix(head[0], "\ufeff")
	for i := range head {
		head[i] = strings.TrimSpace(head[i])
	}
	if len(head) < 2 {
		return notSeries("header has %d column(s): want a period column, key columns and value columns", len(head))
	}
	if !force && !slices.Contains(periodColumns, strings.ToLower(head[0])) {
		return nil, nil
	}
	l := &seriesLayout{head: head}
	col := func(name string) int {
		for i, h := range head {
			if h == name {
				return i
			}
		}
		return -1
	}
	if len(keyNames) > 0 {
		for _, k := range keyNames {
			i := col(k)
			if i < 0 {
				return nil, parley.Errorf(parley.Invalid, path+":1", "--key: no column %q in header %q", k, strings.Join(head, ","))
			}
			if i == 0 {
				return nil, parley.Errorf(parley.Invalid, path+":1", "--key: column %q is the period column", k)
			}
			if !slices.Contains(l.keys, i) {
				l.keys = append(l.keys, i)
			}
		}
		for i := 1; i < len(head); i++ {
			if !slices.Contains(l.keys, i) {
				l.values = append(l.values, i)
			}
		}
		if len(l.values) == 0 {
			return nil, parley.Errorf(parley.Invalid, path+":1", "every column after the period is a --key: no value column")
		}
		return l, nil
	}
	// Without --key: columns whose sampled non-empty cells are mostly
	// numbers hold values (a few bad cells are rejected rows, not a
	// key), the others are keys.
	numeric := make([]int, len(head))
	other := make([]int, len(head))
	periodOK := false
	for n := 0; n < seriesSample; {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil || len(rec) != len(head) {
			continue
		}
		n++
		if _, err := series.ParsePeriod(strings.TrimSpace(rec[0])); err == nil {
			periodOK = true
		}
		for i := 1; i < len(rec); i++ {
			s := strings.TrimSpace(rec[i])
			if s == "" {
				continue
			}
			if _, err := strconv.ParseFloat(s, 64); err != nil {
				other[i]++
			} else {
				numeric[i]++
			}
		}
	}
	if !periodOK {
		return notSeries("no row with a period (YYYY, YYYY-MM or YYYY-MM-DD) in column %q", head[0])
	}
	for i := 1; i < len(head); i++ {
		if numeric[i] > other[i] {
			l.values = append(l.values, i)
		} else {
			l.keys = append(l.keys, i)
		}
	}
	if len(l.values) == 0 {
		return notSeries("no numeric value column in header %q", strings.Join(head, ","))
	}
	return l, nil
}

// seriesName is the default series name of a file: its base name without
// extension.
func seriesName(path string) string {
	b := filepath.Base(path)
	return strings.TrimSuffix(b, filepath.Ext(b))
}

// importSeries reads a series file laid out as l and stores its values
// under name in one transaction. Bad rows are reported on stderr with
// file:line and counted in the returned number of rejections; empty
// value cells are skipped.
func (m *Main) importSeries(ctx context.Context, w store.SeriesWriter, path, name string, l *seriesLayout) (int, error) {
	start := time.Now()
	f, err := os.Open(path)
	if err != nil {
		return 0, &parley.Error{Op: "import", Kind: parley.NotFound, Err: err}
	}
	defer f.Close()
	cr := csv.NewReader(bufio.NewReaderSize(f, 1<<16))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	if _, err := cr.Read(); err != nil {
		return 0, parley.Errorf(parley.Invalid, path, "reading the header: %v", err)
	}
	reject := func(line int, format string, a ...any) {
		fmt.Fprintf(m.Stderr, "parley import: rejected: %s:%d: %s\n", path, line, fmt.Sprintf(format, a...))
	}
	var (
		rows      []store.SeriesRow
		rejected  int
		read      int
		firstPer  string
		firstLine = map[string]int{} // period and key to the line that gave them
		kb        strings.Builder
		lastKey   []string
		values    = make([]float64, len(l.values))
		present   = make([]bool, len(l.values))
	)
	for {
		if read%4096 == 0 && ctx.Err() != nil {
			return rejected, ctx.Err()
		}
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				rejected++
				reject(pe.Line, "%v", pe.Err)
				continue
			}
			return rejected, parley.Errorf(parley.Invalid, path, "%v", err)
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		read++
		if len(rec) != len(l.head) {
			rejected++
			reject(line, "%d field(s), the header has %d", len(rec), len(l.head))
			continue
		}
		per := strings.TrimSpace(rec[0])
		if _, err := series.ParsePeriod(per); err != nil {
			rejected++
			reject(line, "period %q in column %q: want YYYY, YYYY-MM or YYYY-MM-DD", per, l.head[0])
			continue
		}
		if firstPer == "" {
			firstPer = per
		} else if len(per) != len(firstPer) {
			rejected++
			reject(line, "period %q is not in the form of the file's first period %q", per, firstPer)
			continue
		}
		kb.Reset()
		bad := ""
		for _, i := range l.keys {
			s := strings.TrimSpace(rec[i])
			if s == "" && bad == "" {
				bad = l.head[i]
			}
			kb.WriteString(s)
			kb.WriteByte(0)
		}
		if bad != "" {
			rejected++
			reject(line, "empty key column %q", bad)
			continue
		}
		for j, i := range l.values {
			s := strings.TrimSpace(rec[i])
			present[j] = s != ""
			if !present[j] {
				continue
			}
			v, err := strconv.ParseFloat(s, 64)
			if err != nil || v != v || v > 1e300 || v < -1e300 {
				bad = fmt.Sprintf("value %q in column %q is not a finite number", s, l.head[i])
				break
			}
			values[j] = v
		}
		if bad != "" {
			rejected++
			reject(line, "%s", bad)
			continue
		}
		kb.WriteString(per)
		if prev, ok := firstLine[kb.String()]; ok {
			rejected++
			reject(line, "period %s and key %s repeat line %d", per, strings.Join(keyOf(rec, l.keys), ","), prev)
			continue
		}
		firstLine[kb.String()] = line
		key := keyOf(rec, l.keys)
		if slices.Equal(key, lastKey) {
			key = lastKey // share the slice between a key's rows
		}
		lastKey = key
		src := path + ":" + strconv.Itoa(line)
		for j, i := range l.values {
			if present[j] {
				rows = append(rows, store.SeriesRow{Period: per, Key: key, Column: l.head[i], Value: values[j], Source: src})
			}
		}
	}
	readDur := time.Since(start)
	n, err := w.PutSeries(ctx, name, rows)
	if err != nil {
		return rejected, fmt.Errorf("import %s: %w", path, err)
	}
	keyNames := make([]string, len(l.keys))
	for j, i := range l.keys {
		keyNames[j] = l.head[i]
	}
	valueNames := make([]string, len(l.values))
	for j, i := range l.values {
		valueNames[j] = l.head[i]
	}
	fmt.Fprintf(m.Stderr, "parley import: %s: series %s (period %s, key %s, values %s): %d rows read, %d rejected, %d values stored, %d added or changed, %.1fs (read %.1fs)\n",
		path, name, l.head[0], strings.Join(keyNames, ","), strings.Join(valueNames, ","), read, rejected, len(rows), n,
		time.Since(start).Seconds(), readDur.Seconds())
	return rejected, nil
}

func keyOf(rec []string, keys []int) []string {
	k := make([]string, len(keys))
	for j, i := range keys {
		k[j] = strings.TrimSpace(rec[i])
	}
	return k
}
