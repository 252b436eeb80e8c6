package series

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/parley-events/parley"
)

// Panel is one value column of a series file as a dense table: Values[k][t]
// is key k's value in period t, 0 where the file has no row.
type Panel struct {
	Name      string     // where it was read from (a file name), for messages
	KeyNames  []string   // the key columns, e.g. ["a", "b"]
	ValueName string     // the value column, e.g. "score"
	Periods   []string   // distinct periods in order (YYYY, YYYY-MM or YYYY-MM-DD)
	Keys      [][]string // Keys[k] holds key k's values of the key columns
	Values    [][]float64
	// First[k] is the first period in which key k has a row (the start of
	// its history), or -1 if it has none.
	First []int
}

// ReadOptions say which columns of a series file to read.
type ReadOptions struct {
	Key   []string // key columns; empty means every column between the period and the value
	Value string   // value column; empty means the last column
}

// ReadFile reads a series file; see Read.
func ReadFile(path string, opt ReadOptions) (*Panel, error) {
	f, err := os.Open(path)
	if err != nil {
		kind := parley.Invalid
		if errors.Is(err, os.ErrNotExist) {
			kind = parley.NotFound
		}
		return nil, &parley.Error{Op: "series.ReadFile", Kind: kind, Err: err}
	}
	defer f.Close()
	return Read(f, path, opt)
}

// Read reads a series file from r; name is used in errors ("name:line").
func Read(r io.Reader, name string, opt ReadOptions) (*Panel, error) {
	cr := csv.NewReader(bufio.NewReaderSize(r, 1<<16))
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err == io.EOF {
		return nil, parley.Errorf(parley.Invalid, name, "empty file: want a header (period, key columns, value columns)")
	}
	if err != nil {
		return nil, csvError(name, err)
	}
	head = slices.Clone(head)
	if len(head) < 2 {
		return nil, parley.Errorf(parley.Invalid, name+":1", "header has %d column(s): want a period column, key columns and a value column", len(head))
	}
	head[0] = strings.TrimPrefix(head[0], "\ufeff")
	col := func(c string) int {
		for i, h := range head {
			if strings.TrimSpace(h) == c {
				return i
			}
		}
		return -1
	}
	vi := len(head) - 1
	if opt.Value != "" {
		if vi = col(opt.Value); vi < 0 {
			return nil, parley.Errorf(parley.Invalid, name+":1", "no value column %q in header %q", opt.Value, strings.Join(head, ","))
		}
	}
	var ki []int
	if len(opt.Key) == 0 {
		for i := 1; i < len(head); i++ {
			if i != vi {
				ki = append(ki, i)
			}
		}
	} else {
		for _, k := range opt.Key {
			i := col(k)
			if i < 0 {
				return nil, parley.Errorf(parley.Invalid, name+":1", "no key column %q in header %q", k, strings.Join(head, ","))
			}
			if i == 0 || i == vi {
				return nil, parley.Errorf(parley.Invalid, name+":1", "column %q cannot be both a key and the period or value", k)
			}
			ki = append(ki, i)
		}
	}
	p := &Panel{Name: name, ValueName: strings.TrimSpace(head[vi])}
	for _, i := range ki {
		p.KeyNames = append(p.KeyNames, strings.TrimSpace(head[i]))
	}

	type cell struct {
		key, period int
		v           float64
	}
	var (
		cells     []cell
		keyIndex  = map[string]int{}
		perIndex  = map[string]int{}
		perLayout = -1
		kb        strings.Builder
	)
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(name, err)
		}
		pos := func() string { l, _ := cr.FieldPos(0); return fmt.Sprintf("%s:%d", name, l) }
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) != len(head) {
			return nil, parley.Errorf(parley.Invalid, pos(), "%d field(s), the header has %d", len(rec), len(head))
		}
		per := strings.TrimSpace(rec[0])
		pi, ok := perIndex[per]
		if !ok {
			layout, err := periodLayout(per)
			if err != nil {
				return nil, parley.Errorf(parley.Invalid, pos(), "period %q: %v", per, err)
			}
			if perLayout >= 0 && layout != perLayout {
				return nil, parley.Errorf(parley.Invalid, pos(), "period %q is not in the same form as the file's first period %q", per, p.Periods[0])
			}
			perLayout = layout
			pi = len(p.Periods)
			perIndex[per] = pi
			p.Periods = append(p.Periods, per)
		}
		kb.Reset()
		for j, i := range ki {
			if j > 0 {
				kb.WriteByte(0)
			}
			kb.WriteString(strings.TrimSpace(rec[i]))
		}
		k, ok := keyIndex[kb.String()]
		if !ok {
			k = len(p.Keys)
			keyIndex[kb.String()] = k
			key := make([]string, len(ki))
			for j, i := range ki {
				key[j] = strings.TrimSpace(rec[i])
			}
			p.Keys = append(p.Keys, key)
		}
		var v float64
		if s := strings.TrimSpace(rec[vi]); s != "" {
			v, err = strconv.ParseFloat(s, 64)
			if err != nil || v != v || v > 1e300 || v < -1e300 {
				return nil, parley.Errorf(parley.Invalid, pos(), "value %q in column %q is not a finite number", s, p.ValueName)
			}
		}
		cells = append(cells, cell{k, pi, v})
	}
	if len(p.Periods) == 0 {
		return nil, parley.Errorf(parley.Invalid, name, "no rows after the header")
	}
	// Periods in order; their strings sort as their dates do.
	order := slices.Clone(p.Periods)
	slices.Sort(order)
	remap := make([]int, len(p.Periods))
	for i, s := range order {
		remap[perIndex[s]] = i
	}
	p.Periods = order
	p.Values = make([][]float64, len(p.Keys))
	p.First = make([]int, len(p.Keys))
	backing := make([]float64, len(p.Keys)*len(p.Periods))
	for k := range p.Keys {
		p.Values[k] = backing[k*len(p.Periods) : (k+1)*len(p.Periods) : (k+1)*len(p.Periods)]
		p.First[k] = -1
	}
	for _, c := range cells {
		t := remap[c.period]
		p.Values[c.key][t] += c.v
		if p.First[c.key] < 0 || t < p.First[c.key] {
			p.First[c.key] = t
		}
	}
	return p, nil
}

func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return parley.Errorf(parley.Invalid, fmt.Sprintf("%s:%d", name, pe.Line), "%v", pe.Err)
	}
	return &parley.Error{Op: name, Kind: parley.Invalid, Err: err}
}

// Write writes p as a series file: a header (period, key columns, value),
// then one row per key and period from the key's first period on, leaving
// out zero values after the first (a missing period means 0), but keeping
// at least one row for every period.
func Write(w io.Writer, p *Panel) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	cw := csv.NewWriter(bw)
	head := append([]string{"period"}, p.KeyNames...)
	head = append(head, p.ValueName)
	if err := cw.Write(head); err != nil {
		return err
	}
	rec := make([]string, len(head))
	for t, per := range p.Periods {
		wrote, started := false, -1
		for k, key := range p.Keys {
			v := p.Values[k][t]
			if started < 0 && p.First[k] >= 0 && p.First[k] <= t {
				started = k
			}
			// A period with no other row keeps one zero row (of a key
			// already started), so that the file keeps every period.
			last := k == len(p.Keys)-1 && !wrote
			if last && started >= 0 && started != k {
				rec[0] = per
				copy(rec[1:], p.Keys[started])
				rec[len(rec)-1] = "0"
				if err := cw.Write(rec); err != nil {
					return err
				}
				wrote = true
			}
			if !(last && !wrote) && (p.First[k] < 0 || t < p.First[k] || (v == 0 && t != p.First[k])) {
				continue
			}
			wrote = true
			rec[0] = per
			copy(rec[1:], key)
			rec[len(rec)-1] = strconv.FormatFloat(v, 'f', -1, 64)
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// KeyString joins a key's values with sep, e.g. "JPN-PRK".
func KeyString(key []string, sep string) string { return strings.Join(key, sep) }

// Find returns the index of the key with the given values, or -1.
func (p *Panel) Find(key []string) int {
	for k, kk := range p.Keys {
		if slices.Equal(kk, key) {
			return k
		}
	}
	return -1
}
