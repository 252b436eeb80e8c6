package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/parley-events/parley/classify"
	"github.com/parley-events/parley/nlp"
)

// combine simulates the coder with the model as a fallback, on a run-dev.sh
// EVAL_OUT folder: for each set, it reads SET.input.jsonl and the coder's
// SET.pred.jsonl and writes SET.combined.jsonl where (1) a statement (root
// 01) is dropped from a sentence that has another event, and (2) a sentence
// without any event gets the model's most probable type (if its
// probability is at least minP), as an event with the sentence's first two
// actors left empty. Score the result with ../shared/eval/score.py --pred.
func combine(m *classify.Model, dir string, sets []string, minP float64, dropStatements bool) error {
	for _, set := range sets {
		in, err := os.ReadFile(dir + "/" + set + ".input.jsonl")
		if err != nil {
			return err
		}
		predB, err := os.ReadFile(dir + "/" + set + ".pred.jsonl")
		if err != nil {
			return err
		}
		type key struct {
			story string
			sent  int
		}
		bySent := map[key][]map[string]any{}
		var order []key
		for _, line := range strings.Split(string(predB), "\n") {
			if strings.TrimSpace(line) == "" {
				continue
			}
			var e map[string]any
			if json.Unmarshal([]byte(line), &e) != nil {
				continue
			}
			k := key{fmt.Sprint(e["story_id"]), int(e["sentence"].(float64))}
			if _, ok := bySent[k]; !ok {
				order = append(order, k)
			}
			bySent[k] = append(bySent[k], e)
		}
		out, err := os.Create(dir + "/" + set + ".combined.jsonl")
		if err != nil {
			return err
		}
		w := bufio.NewWriter(out)
		enc := json.NewEncoder(w)
		added, dropped := 0, 0
		for _, line := range strings.Split(string(in), "\n") {
			var st struct {
				ID   string `json:"id"`
				Text string `json:"text"`
			}
			if json.Unmarshal([]byte(line), &st) != nil || st.ID == "" {
				continue
			}
			for i, s := range nlp.Sentences(st.Text) {
				evs := bySent[key{st.ID, i}]
				other := false
				for _, e := range evs {
					if e["root"] != "01" {
						other = true
					}
				}
				n := 0
				for _, e := range evs {
					if dropStatements && other && e["root"] == "01" {
						dropped++
						continue
					}
					enc.Encode(e)
					n++
				}
				if n > 0 {
					continue
				}
				top := topEvent(m.Predict(words(s.Text)), false)
				if top.P < minP || top.Root == "" {
					continue
				}
				added++
				code := top.Root + "0"
				enc.Encode(map[string]any{"story_id": st.ID, "sentence": i, "cameo": code, "root": top.Root,
					"plover": top.PLOVER, "source": map[string]any{"code": "---", "country": "---", "text": ""},
					"target": nil, "confidence": top.P})
			}
		}
		w.Flush()
		out.Close()
		fmt.Fprintf(os.Stderr, "combine %s: %d model events added, %d statements dropped\n", set, added, dropped)
	}
	return nil
}
