package coding

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/nlp"
)

// TestDataDriven runs testdata/*.test: each file is a sequence of
//
//	define [modality] [names] [no-target]
//	actors:            (section lines switch the dictionary being written)
//	JAPAN [JPN]
//	verbs:
//	--- MEET [040] ---
//	MEET
//	----
//
//	code [date=2013-01-22]
//	Japan met North Korea.
//	----
//	JPN>PRK 040
//	PRK>JPN 040
//
// Expected events are "SOURCE>TARGET CODE" lines ("-" for no target), in
// any order, or "none". A blank line ends a case.
func TestDataDriven(t *testing.T) {
	files, err := filepath.Glob("testdata/*.test")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata/*.test files: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) { runTestFile(t, f) })
	}
}

func runTestFile(t *testing.T, path string) {
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	var c *Coder
	n := 0
	line := 0
	next := func() (string, bool) {
		if !sc.Scan() {
			return "", false
		}
		line++
		return sc.Text(), true
	}
	for {
		l, ok := next()
		if !ok {
			break
		}
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		fields := strings.Fields(l)
		switch fields[0] {
		case "define":
			files := map[string]*strings.Builder{}
			section := ""
			for {
				d, ok := next()
				if !ok || strings.TrimSpace(d) == "----" {
					break
				}
				switch strings.TrimSpace(d) {
				case "actors:", "agents:", "verbs:", "discards:":
					section = strings.TrimSuffix(strings.TrimSpace(d), ":")
					continue
				}
				if section == "" {
					t.Fatalf("%s:%d: dictionary line before a section (actors:, agents:, verbs:, discards:)", path, line)
				}
				if files[section] == nil {
					files[section] = &strings.Builder{}
				}
				files[section].WriteString(d + "\n")
			}
			fsys := fstest.MapFS{}
			var names []string
			for k, b := range files {
				name := "test." + k + ".txt"
				fsys[name] = &fstest.MapFile{Data: []byte(b.String())}
				names = append(names, name)
			}
			sort.Strings(names)
			opts := Options{NoBuiltin: true, Dicts: names, FS: fsys}
			for _, f := range fields[1:] {
				switch f {
				case "modality":
					opts.Modality = builtinModality
				case "names":
					v := true
					opts.Names = &v
				case "no-target":
					v := false
					opts.RequireTarget = &v
				case "nominal":
					v := true
					opts.Nominal = &v
				}
			}
			c, err = New(opts)
			if err != nil {
				t.Fatalf("%s:%d: %v", path, line, err)
			}
		case "code":
			if c == nil {
				t.Fatalf("%s:%d: code before define", path, line)
			}
			start := line
			pub := time.Date(2013, 1, 22, 0, 0, 0, 0, time.UTC)
			dates := false
			for _, f := range fields[1:] {
				if f == "dates" {
					dates = true // each event line ends with its date
				}
				if v, ok := strings.CutPrefix(f, "date="); ok {
					pub, err = time.Parse("2006-01-02", v)
					if err != nil {
						t.Fatalf("%s:%d: %v", path, line, err)
					}
				}
			}
			var text []string
			for {
				d, ok := next()
				if !ok || strings.TrimSpace(d) == "----" {
					break
				}
				text = append(text, d)
			}
			var want []string
			for {
				d, ok := next()
				if !ok || strings.TrimSpace(d) == "" {
					break
				}
				if strings.TrimSpace(d) != "none" {
					want = append(want, strings.Join(strings.Fields(d), " "))
				}
			}
			n++
			story := &parley.Story{ID: fmt.Sprintf("t%d", n), Text: strings.Join(text, " "), Published: pub}
			evs := c.Code(nlp.Analyze(story))
			var got []string
			for _, e := range evs {
				g := fmt.Sprintf("%s>%s %s", e.Source.Code, orDash(e.Target), e.CAMEO)
				if dates {
					g += " " + e.Date.String()
				}
				got = append(got, g)
			}
			sort.Strings(got)
			sort.Strings(want)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("%s:%d: %q\n got: %v\nwant: %v", path, start, story.Text, got, want)
			}
		default:
			t.Fatalf("%s:%d: unknown directive %q", path, line, fields[0])
		}
	}
	if n == 0 {
		t.Fatalf("%s: no cases", path)
	}
}

func orDash(a *parley.Actor) string {
	if a == nil {
		return "-"
	}
	return a.Code
}

// testCoder returns a coder with only the dictionary sections given
// ("actors:", "agents:", "verbs:", "discards:" lines switch sections).
func testCoder(tb testing.TB, text string) *Coder {
	tb.Helper()
	files := map[string]*strings.Builder{}
	section := ""
	for _, l := range strings.Split(text, "\n") {
		switch strings.TrimSpace(l) {
		case "actors:", "agents:", "verbs:", "discards:":
			section = strings.TrimSuffix(strings.TrimSpace(l), ":")
			files[section] = &strings.Builder{}
			continue
		}
		if section != "" {
			files[section].WriteString(l + "\n")
		}
	}
	fsys := fstest.MapFS{}
	var names []string
	for k, b := range files {
		name := "t." + k + ".txt"
		fsys[name] = &fstest.MapFile{Data: []byte(b.String())}
		names = append(names, name)
	}
	sort.Strings(names)
	c, err := New(Options{NoBuiltin: true, Dicts: names, FS: fsys})
	if err != nil {
		tb.Fatal(err)
	}
	return c
}
