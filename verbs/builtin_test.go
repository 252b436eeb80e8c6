package verbs_test

import (
	"bufio"
	"io/fs"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/actors"
	"github.com/parley-events/parley/coding"
	"github.com/parley-events/parley/nlp"
	"github.com/parley-events/parley/verbs"
)

func builtinFiles() ([]coding.BuiltinFile, error) {
	var out []coding.BuiltinFile
	for _, fsys := range []fs.FS{verbs.Files(), actors.Files()} {
		names, err := fs.Glob(fsys, "*.txt")
		if err != nil {
			return nil, err
		}
		for _, n := range names {
			b, err := fs.ReadFile(fsys, n)
			if err != nil {
				return nil, err
			}
			out = append(out, coding.BuiltinFile{Name: n, Content: b})
		}
	}
	return out, nil
}

// TestBuiltinCases codes testdata/builtin.test with the built-in
// dictionaries: adding a verb pattern means adding a case there.
func TestBuiltinCases(t *testing.T) {
	c, err := coding.New(coding.Options{Builtin: builtinFiles})
	if c == nil {
		t.Fatalf("coding.New: %v", err)
	}
	f, err := os.Open("testdata/builtin.test")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	var sentence string
	var want []string
	line, start := 0, 0
	check := func() {
		if sentence == "" {
			return
		}
		story := &parley.Story{ID: "t", Text: sentence, Published: time.Date(2020, 3, 1, 0, 0, 0, 0, time.UTC)}
		var got []string
		for _, e := range c.Code(nlp.Analyze(story)) {
			tgt := "-"
			if e.Target != nil && e.Target.Country != "" {
				tgt = e.Target.Country
			}
			got = append(got, e.Source.Country+">"+tgt+" "+e.CAMEO)
		}
		sort.Strings(got)
		if len(want) == 1 && want[0] == "none" {
			if len(got) > 0 {
				t.Errorf("testdata/builtin.test:%d: %q\n got  %v\n want no event", start, sentence, got)
			}
		} else {
			for _, w := range want {
				if !slices.ContainsFunc(got, func(g string) bool { return matches(g, w) }) {
					t.Errorf("testdata/builtin.test:%d: %q\n got  %v\n want %s among them", start, sentence, got, w)
				}
			}
		}
		sentence, want = "", nil
	}
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(s, "#"):
		case s == "":
			check()
		case sentence == "":
			sentence, start = s, line
		default:
			want = append(want, s)
		}
	}
	check()
}

// matches reports whether a coded event "SRC>TGT CODE" matches a wanted
// one, where "*" stands for any source or target.
func matches(got, want string) bool {
	gd, gc, _ := strings.Cut(got, " ")
	wd, wc, _ := strings.Cut(want, " ")
	if gc != wc {
		return false
	}
	gs, gt, _ := strings.Cut(gd, ">")
	ws, wt, _ := strings.Cut(wd, ">")
	return (ws == "*" || ws == gs) && (wt == "*" || wt == gt)
}
