package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/parley-events/parley/classify"
)

// plover2021 maps PLOVER 2018 draft names to 2021 ones, as the scorer does.
func plover2021(t string) []string {
	t = strings.ToUpper(strings.TrimSpace(t))
	switch t {
	case "DEMAND":
		return []string{"REQUEST"}
	case "DISAPPROVE", "INVESTIGATE":
		return []string{"ACCUSE"}
	case "FIGHT":
		return []string{"ASSAULT"}
	case "YIELD":
		return []string{"CONCEDE", "RETREAT"}
	}
	return []string{t}
}

// penta is the Phoenix penta class of a root: 0 roots 01-02, 1 03-05, 2
// 06-08, 3 09-13 and 16, 4 14, 15, 17-20.
func penta(root string) int {
	switch root {
	case "01", "02":
		return 0
	case "03", "04", "05":
		return 1
	case "06", "07", "08":
		return 2
	case "09", "10", "11", "12", "13", "16":
		return 3
	}
	return 4
}

// topEvent is the most probable type that is an event (PLOVER type set
// when wantPLOVER, else any root).
func topEvent(sc []classify.Score, wantPLOVER bool) classify.Score {
	for _, s := range sc {
		if s.Root == "" || (wantPLOVER && s.PLOVER == "") {
			continue
		}
		return s
	}
	return classify.Score{}
}

type goldSent struct {
	text  string
	types map[string]bool
}

func evaluate(m *classify.Model, shared string, verbose bool) {
	gold := filepath.Join(shared, "data/gold")
	if s, err := readPLV(filepath.Join(gold, "PLV_train.tsv")); err == nil {
		typeAccuracy(m, "PLV_train", s, verbose)
	} else {
		fmt.Fprintln(os.Stderr, "eval:", err)
	}
	if s, err := readGSR(filepath.Join(gold, "PLOVER_GSR_CAMEO.json")); err == nil {
		typeAccuracy(m, "PLOVER_GSR_CAMEO", s, verbose)
	} else {
		fmt.Fprintln(os.Stderr, "eval:", err)
	}
	if err := pentaAccuracy(m, filepath.Join(gold, "cameo_class_train.tsv")); err != nil {
		fmt.Fprintln(os.Stderr, "eval:", err)
	}
	// Speed.
	s := strings.Fields("in november , high-level talks between the two countries were held in mongolia , officials said on tuesday .")
	n := 200000
	start := time.Now()
	dst := make([]classify.Score, len(m.Classes()))
	for range n {
		m.PredictInto(dst, s)
	}
	fmt.Printf("MODEL speed: %.2f µs a sentence (%d words)\n", float64(time.Since(start).Microseconds())/float64(n), len(s))
}

func typeAccuracy(m *classify.Model, name string, sents []goldSent, verbose bool) {
	hit := 0
	confusion := map[string]map[string]int{}
	for _, s := range sents {
		top := topEvent(m.Predict(words(s.text)), true)
		if s.types[top.PLOVER] {
			hit++
		}
		for t := range s.types {
			if confusion[t] == nil {
				confusion[t] = map[string]int{}
			}
			confusion[t][top.PLOVER]++
			break
		}
	}
	fmt.Printf("MODEL %s top-1 PLOVER accuracy=%.4f (%d/%d sentences)\n", name, float64(hit)/float64(len(sents)), hit, len(sents))
	if verbose {
		var keys []string
		for k := range confusion {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Printf("  %-10s %v\n", k, confusion[k])
		}
	}
}

func readPLV(path string) ([]goldSent, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = '\t'
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	byID := map[string]*goldSent{}
	var order []string
	for _, row := range rows[1:] {
		id, text, t := row[col["sentence_id"]], row[col["sentence"]], row[col["gold_root"]]
		g := byID[id]
		if g == nil {
			g = &goldSent{text: text, types: map[string]bool{}}
			byID[id] = g
			order = append(order, id)
		}
		for _, x := range plover2021(t) {
			g.types[x] = true
		}
	}
	out := make([]goldSent, 0, len(order))
	for _, id := range order {
		out = append(out, *byID[id])
	}
	return out, nil
}

func readGSR(path string) ([]goldSent, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var recs []struct {
		Event string `json:"event"`
		Text  string `json:"text"`
	}
	if err := json.Unmarshal(b, &recs); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	byText := map[string]*goldSent{}
	var order []string
	for _, r := range recs {
		if r.Event == "DOCUMENT" || r.Text == "" {
			continue
		}
		g := byText[r.Text]
		if g == nil {
			g = &goldSent{text: r.Text, types: map[string]bool{}}
			byText[r.Text] = g
			order = append(order, r.Text)
		}
		for _, x := range plover2021(r.Event) {
			g.types[x] = true
		}
	}
	out := make([]goldSent, 0, len(order))
	for _, t := range order {
		out = append(out, *byText[t])
	}
	return out, nil
}

func pentaAccuracy(m *classify.Model, path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var conf [5][5]int
	n, hit := 0, 0
	for _, line := range strings.Split(string(b), "\n") {
		i := strings.LastIndexByte(line, '\t')
		if i < 0 {
			continue
		}
		lab := strings.TrimSpace(line[i+1:])
		if len(lab) != 1 || lab[0] < '0' || lab[0] > '4' {
			continue
		}
		g := int(lab[0] - '0')
		top := topEvent(m.Predict(words(line[:i])), false)
		p := penta(top.Root)
		conf[g][p]++
		n++
		if p == g {
			hit++
		}
	}
	f1 := 0.0
	for c := range 5 {
		tp, fp, fn := conf[c][c], 0, 0
		for o := range 5 {
			if o != c {
				fp += conf[o][c]
				fn += conf[c][o]
			}
		}
		if tp > 0 {
			p, r := float64(tp)/float64(tp+fp), float64(tp)/float64(tp+fn)
			f1 += 2 * p * r / (p + r)
		}
	}
	fmt.Printf("MODEL cameo_class_train penta accuracy=%.4f macro_f1=%.4f (%d sentences) confusion=%v\n", float64(hit)/float64(n), f1/5, n, conf)
	return nil
}

// heldAcc reports accuracy on held-out training examples.
func heldAcc(m *classify.Model, held []example) {
	hit := 0
	for _, e := range held {
		top := m.Predict(e.words)[0]
		if top == classes[e.y] || (top.PLOVER == classes[e.y].PLOVER && top.Root == classes[e.y].Root) {
			hit++
		}
	}
	fmt.Printf("MODEL held-out (training distribution) accuracy=%.4f (%d)\n", float64(hit)/float64(len(held)), len(held))
}
