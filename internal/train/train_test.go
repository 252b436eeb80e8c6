package main

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/parley-events/parley/classify"
)

func TestClassOfCode(t *testing.T) {
	tests := map[string]classify.Score{
		"010":  {PLOVER: "", Root: "01"},
		"0253": {PLOVER: "REQUEST", Root: "02"},
		"036":  {PLOVER: "AGREE", Root: "03"},
		"081":  {PLOVER: "CONCEDE", Root: "08"},
		"0841": {PLOVER: "RETREAT", Root: "08"},
		"112":  {PLOVER: "ACCUSE", Root: "11"},
		"163":  {PLOVER: "SANCTION", Root: "16"},
		"195":  {PLOVER: "ASSAULT", Root: "19"},
	}
	for code, want := range tests {
		y := classOfCode(code)
		if y < 0 || classes[y].PLOVER != want.PLOVER || classes[y].Root != want.Root {
			t.Errorf("classOfCode(%s) = %d, want %s/%s", code, y, want.PLOVER, want.Root)
		}
	}
	if classOfCode("x") >= 0 {
		t.Error("classOfCode(x) should be -1")
	}
}

func TestClassOfSynthetic(t *testing.T) {
	tests := []struct{ label, mode, plover, root string }{
		{"ACCUSE", "INVESTIGATE", "ACCUSE", "09"},
		{"ACCUSE", "DISAPPROVE", "ACCUSE", "11"},
		{"ASSAULT", "AERIAL", "ASSAULT", "19"},
		{"ASSAULT", "MASSACRE", "ASSAULT", "20"},
		{"ASSAULT", "ABDUCT", "ASSAULT", "18"},
		{"PROTEST", "STRIKE", "PROTEST", "14"},
		{"RETREAT", "WITHDRAW", "RETREAT", "08"},
	}
	for _, tt := range tests {
		y := classOfSynthetic(tt.label, tt.mode)
		if y < 0 || classes[y].PLOVER != tt.plover || classes[y].Root != tt.root {
			t.Errorf("classOfSynthetic(%s, %s) = %v, want %s/%s", tt.label, tt.mode, y, tt.plover, tt.root)
		}
	}
}

func TestPromiseBecomesAgree(t *testing.T) {
	b := &builder{bits: 10, rng: rand.New(rand.NewPCG(1, 2))}
	b.add("The army agreed to lift the curfew.", classOf("CONCEDE", "08"), 1)
	b.add("The army lifted the curfew.", classOf("CONCEDE", "08"), 1)
	if got := classes[b.ex[0].y]; got.PLOVER != "AGREE" {
		t.Errorf("promise labelled %v, want AGREE", got)
	}
	if got := classes[b.ex[1].y]; got.PLOVER != "CONCEDE" {
		t.Errorf("action labelled %v, want CONCEDE", got)
	}
}

func TestPentaAndPLOVER2021(t *testing.T) {
	for root, want := range map[string]int{"01": 0, "02": 0, "04": 1, "07": 2, "10": 3, "16": 3, "14": 4, "19": 4} {
		if got := penta(root); got != want {
			t.Errorf("penta(%s) = %d, want %d", root, got, want)
		}
	}
	if got := plover2021("YIELD"); strings.Join(got, ",") != "CONCEDE,RETREAT" {
		t.Errorf("plover2021(YIELD) = %v", got)
	}
	if got := plover2021("fight"); got[0] != "ASSAULT" {
		t.Errorf("plover2021(fight) = %v", got)
	}
}

// TestTrainToy checks that the trainer separates two tiny classes and that
// the written model predicts them.
func TestTrainToy(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	b := &builder{bits: 12, rng: rng}
	attack, talks := classOf("ASSAULT", "19"), classOf("CONSULT", "04")
	for range 50 {
		b.add(actor(rng)+" shelled "+actor(rng)+".", attack, 1)
		b.add(actor(rng)+" held talks with "+actor(rng)+".", talks, 1)
	}
	l2, balance = 1e-4, 1
	w, bias := train(b.ex, 12, 3, 0.2, rng)
	var sb strings.Builder
	if err := classify.Write(&sb, classes, 12, bias, w); err != nil {
		t.Fatal(err)
	}
	m, err := classify.Read(strings.NewReader(sb.String()))
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Predict(words("Rebels shelled the town."))[0]; got.Root != "19" {
		t.Errorf("shelled -> %+v, want root 19", got)
	}
	if got := m.Predict(words("Peru held talks with Chile."))[0]; got.Root != "04" {
		t.Errorf("talks -> %+v, want root 04", got)
	}
}
