package ingest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/parley-events/parley"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// goldenResult is what a golden file holds: the stories read from one
// input and the inputs rejected.
type goldenResult struct {
	Stories  []*parley.Story `json:"stories"`
	Rejected []goldenError   `json:"rejected,omitempty"`
}

type goldenError struct {
	Op    string `json:"op"`
	Kind  string `json:"kind"`
	Error string `json:"error"`
}

// readAll reads paths with opts and collects stories and rejections.
func readAll(tb testing.TB, paths []string, opts Options) (goldenResult, Stats) {
	tb.Helper()
	var res goldenResult
	opts.OnError = func(err error) {
		var pe *parley.Error
		if !errors.As(err, &pe) {
			tb.Fatalf("OnError got %T %v, want *parley.Error", err, err)
		}
		res.Rejected = append(res.Rejected, goldenError{Op: pe.Op, Kind: pe.Kind.String(), Error: err.Error()})
	}
	st, err := Read(context.Background(), paths, opts, func(s *parley.Story) error {
		res.Stories = append(res.Stories, s)
		return nil
	})
	if err != nil {
		tb.Fatalf("Read(%v): %v", paths, err)
	}
	return res, st
}

func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob("testdata/*")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, in := range inputs {
		if strings.HasSuffix(in, ".golden") || formatByExt(in) == "" {
			continue
		}
		n++
		t.Run(filepath.Base(in), func(t *testing.T) {
			res, st := readAll(t, []string{in}, Options{})
			if st.Stories != len(res.Stories) || st.Rejected != len(res.Rejected) {
				t.Errorf("stats %+v disagree with %d stories and %d rejections", st, len(res.Stories), len(res.Rejected))
			}
			for _, s := range res.Stories {
				checkStory(t, s)
			}
			got, err := json.MarshalIndent(res, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := in + ".golden"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to write it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the golden file (-want +got):\n%s", in, cmp.Diff(string(want), string(got)))
			}
		})
	}
	if n < 10 {
		t.Fatalf("found %d golden inputs, want at least 10", n)
	}
}

// checkStory asserts what every story read must satisfy.
func checkStory(tb testing.TB, s *parley.Story) {
	tb.Helper()
	if s.Text == "" || strings.TrimSpace(s.Text) != s.Text {
		tb.Errorf("%s: text %q is empty or not trimmed", s.Origin, s.Text)
	}
	if strings.Contains(s.Text, "\r") || strings.Contains(s.Text, "\n\n\n") {
		tb.Errorf("%s: text has CR or more than one blank line: %q", s.Origin, s.Text)
	}
	if len(s.Hash) != 64 || s.ID == "" || s.Origin == "" {
		tb.Errorf("%s: hash %q, id %q, origin %q", s.Origin, s.Hash, s.ID, s.Origin)
	}
	if !s.Published.IsZero() && s.DateFrom == "" || s.Published.IsZero() && s.DateFrom != "" {
		tb.Errorf("%s: published %v with date_from %q", s.Origin, s.Published, s.DateFrom)
	}
}
