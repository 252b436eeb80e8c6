package classify

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/parley-events/parley"
)

func TestDefaultPredict(t *testing.T) {
	m := Default()
	k := len(m.Classes())
	if k < 20 {
		t.Fatalf("model has %d classes, want at least 20 (roots, statement, none)", k)
	}
	sc := m.Predict(strings.Fields("japan and north korea held talks in mongolia ."))
	if len(sc) != k {
		t.Fatalf("Predict gave %d scores, want %d", len(sc), k)
	}
	sum := 0.0
	for i, s := range sc {
		sum += s.P
		if i > 0 && s.P > sc[i-1].P {
			t.Errorf("scores not sorted: %v before %v", sc[i-1], s)
		}
	}
	if math.Abs(sum-1) > 1e-9 {
		t.Errorf("probabilities sum to %v, want 1", sum)
	}
}

// TestDefaultTypes checks sentences written here whose type is not in
// doubt; the model must rank the right type among its two most probable
// event types (it is a prior for the coder, not the last word).
func TestDefaultTypes(t *testing.T) {
	tests := []struct {
		sent   string
		plover string
		root   string
	}{
		{"Police arrested dozens of opposition activists in the capital on Friday .", "COERCE", "17"},
		{"Government troops shelled rebel positions near the border , killing twelve fighters .", "ASSAULT", ""},
		{"Thousands of teachers marched through the city to protest against pay cuts .", "PROTEST", "14"},
		{"The foreign ministers of the two countries met in Geneva to discuss the border dispute .", "CONSULT", "04"},
		{"The minister strongly condemned the attack and accused the militia of war crimes .", "ACCUSE", ""},
		{"Washington imposed new economic sanctions on the regime .", "SANCTION", "16"},
		{"The army deployed thousands of troops along the frontier .", "MOBILIZE", "15"},
	}
	m := Default()
	for _, tt := range tests {
		sc := m.Predict(strings.Fields(strings.ToLower(tt.sent)))
		var top []Score
		for _, s := range sc {
			if s.Event() && s.PLOVER != "" && len(top) < 2 {
				top = append(top, s)
			}
		}
		ok := false
		for _, s := range top {
			if s.PLOVER == tt.plover && (tt.root == "" || s.Root == tt.root) {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%q: top events %v, want %s/%s among them", tt.sent, top, tt.plover, tt.root)
		}
	}
}

func TestPredictEmptyAndOdd(t *testing.T) {
	m := Default()
	for _, ws := range [][]string{nil, {""}, {",", ".", "?"}, {"ÄÖÜ", "日本", "2013"}} {
		sc := m.Predict(ws)
		if len(sc) != len(m.Classes()) || math.IsNaN(sc[0].P) {
			t.Errorf("Predict(%q) = %v", ws, sc)
		}
	}
}

func TestWriteReadRoundTrip(t *testing.T) {
	classes := []Score{{PLOVER: "", Root: ""}, {PLOVER: "ASSAULT", Root: "19"}, {PLOVER: "CONSULT", Root: "04"}}
	const bits = 12
	w := make([]float32, (1<<bits)*len(classes))
	for _, f := range AppendFeatures(nil, []string{"talks"}, bits)[1:] { // [0] is the bias feature
		w[int(f)*3+2] = 2
	}
	for _, f := range AppendFeatures(nil, []string{"shelled"}, bits)[1:] {
		w[int(f)*3+1] = 2
	}
	var buf bytes.Buffer
	if err := Write(&buf, classes, bits, []float32{0.5, 0, 0}, w); err != nil {
		t.Fatal(err)
	}
	m, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Predict([]string{"talks"})[0]; got.PLOVER != "CONSULT" {
		t.Errorf("round trip: talks -> %+v, want CONSULT", got)
	}
	if got := m.Predict([]string{"shelled"})[0]; got.Root != "19" {
		t.Errorf("round trip: shelled -> %+v, want root 19", got)
	}
	if got := m.Predict(nil)[0]; got.Event() {
		t.Errorf("round trip: empty -> %+v, want no event (bias)", got)
	}
}

func TestReadRejectsCorrupt(t *testing.T) {
	var good bytes.Buffer
	if err := Write(&good, []Score{{}, {PLOVER: "AID", Root: "07"}}, 4, []float32{0, 0}, make([]float32, 32)); err != nil {
		t.Fatal(err)
	}
	cases := map[string][]byte{
		"empty":     nil,
		"not gzip":  []byte("PLYCLS1\nxxxx"),
		"truncated": good.Bytes()[:good.Len()/2],
	}
	for name, b := range cases {
		_, err := Read(bytes.NewReader(b))
		var pe *parley.Error
		if err == nil || !errors.As(err, &pe) || pe.Kind != parley.Invalid {
			t.Errorf("%s: Read error %v, want kind Invalid", name, err)
		}
	}
}

func TestStem(t *testing.T) {
	for in, want := range map[string]string{"attacked": "attack", "attacking": "attack", "attacks": "attack",
		"denied": "deny", "talks": "talk", "press": "press", "ies": "ies"} {
		if got := stem(in); got != want {
			t.Errorf("stem(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzPredict(f *testing.F) {
	f.Add("japan did n't meet north korea ?")
	f.Fuzz(func(t *testing.T, s string) {
		sc := Default().Predict(strings.Fields(s))
		if len(sc) == 0 || math.IsNaN(sc[0].P) {
			t.Fatalf("bad scores for %q", s)
		}
	})
}

func BenchmarkPredict(b *testing.B) {
	m := Default()
	ws := strings.Fields("in november , high-level talks between the two countries were held in mongolia , officials said on tuesday .")
	dst := make([]Score, len(m.Classes()))
	for b.Loop() {
		m.PredictInto(dst, ws)
	}
}
