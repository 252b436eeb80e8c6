package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-events/parley"
)

// runCodeCmd runs "parley code" with args and stdin and returns stdout,
// stderr and the error.
func runCodeCmd(t *testing.T, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	err := m.Run(context.Background(), append([]string{"code"}, args...))
	return out.String(), errb.String(), err
}

func writeDicts(t *testing.T) []string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"t.actors.txt": "JAPAN [JPN]\n+TOKYO\nNORTH_KOREA [PRK]\n+PYONGYANG\nMONGOLIA [MNG]\n",
		"t.agents.txt": "ENVOY [~GOV]\n",
		"t.verbs.txt":  "--- MEET [040:040] ---\nMEET {MET}\n--- ACCUSE [112] ---\nACCUSE\n",
	}
	var args []string
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, "--dict", p)
	}
	return args
}

func TestCodeJSONL(t *testing.T) {
	in := `{"id":"a","date":"2013-01-22","text":"A North Korean envoy met Japan in Mongolia. Japan accused Pyongyang."}
not json
{"id":"b","date":"2013-01-23","text":"Nothing happened here."}
`
	args := append(writeDicts(t), "--no-builtin", "--format", "jsonl", "-")
	out, stderr, err := runCodeCmd(t, in, args...)
	if err != nil {
		t.Fatalf("a bad line with others coded should not fail: %v (%s)", err, stderr)
	}
	if !strings.Contains(stderr, ":2") {
		t.Errorf("stderr should name line 2: %q", stderr)
	}
	var evs []parley.Event
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var e parley.Event
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatalf("bad output line %q: %v", l, err)
		}
		evs = append(evs, e)
	}
	// Every event carries its date, root and QuadClass; the accusation
	// is there with its dyad.
	var got []string
	for _, e := range evs {
		got = append(got, e.StoryID+":"+e.Source.Code+">"+targetCodeOf(e.Target)+":"+e.CAMEO)
		if e.Date.IsZero() || e.Root != e.CAMEO[:2] || e.QuadClass == 0 {
			t.Errorf("event fields missing: %+v", e)
		}
	}
	if !strings.Contains(strings.Join(got, " "), "a:JPN>PRK:112") {
		t.Errorf("events %v lack a:JPN>PRK:112", got)
	}
}

func targetCodeOf(a *parley.Actor) string {
	if a == nil {
		return "-"
	}
	return a.Code
}

func TestCodeTSVAndTable(t *testing.T) {
	in := `{"id":"a","date":"2013-01-22","text":"Japan accused Pyongyang on Monday.","url":"http://example.org/a"}` + "\n"
	args := append(writeDicts(t), "--no-builtin", "--format", "tsv", "-")
	out, _, err := runCodeCmd(t, in, args...)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "GlobalEventID\tDay\t") {
		t.Fatalf("want a header and one row, got %q", out)
	}
	head := strings.Split(lines[0], "\t")
	row := strings.Split(lines[1], "\t")
	if len(head) != len(row) {
		t.Fatalf("header has %d columns, row %d", len(head), len(row))
	}
	col := map[string]string{}
	for i, h := range head {
		col[h] = row[i]
	}
	for k, want := range map[string]string{"Actor1Code": "JPN", "Actor2Code": "PRK", "EventCode": "112", "EventRootCode": "11", "QuadClass": "3", "Day": "20130121", "SOURCEURL": "http://example.org/a"} {
		if col[k] != want {
			t.Errorf("%s = %q, want %q", k, col[k], want)
		}
	}
	args = append(writeDicts(t), "--no-builtin", "--format", "table", "-")
	out, _, err = runCodeCmd(t, in, args...)
	if err != nil || !strings.Contains(out, "SOURCE") || !strings.Contains(out, "PRK") {
		t.Errorf("table: %v\n%s", err, out)
	}
}

func TestCodeErrors(t *testing.T) {
	_, _, err := runCodeCmd(t, "", "--format", "xml", "-")
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != exitUsage {
		t.Errorf("bad format: want a usage error, got %v", err)
	}
	_, _, err = runCodeCmd(t, "", "--no-builtin", "--dict", filepath.Join(t.TempDir(), "missing.verbs.txt"), "-")
	if parley.KindOf(err) != parley.NotFound {
		t.Errorf("missing dictionary: want NotFound, got %v", err)
	}
	_, _, err = runCodeCmd(t, "", "--no-builtin", filepath.Join(t.TempDir(), "missing.jsonl"))
	if !errors.As(err, &ee) || ee.code != exitRejected {
		t.Errorf("missing input: want exit status %d, got %v", exitRejected, err)
	}
}

// TestCodeRejectedLines: a malformed line is reported and the other stories
// are coded with exit status 0 (the scoring contract), or 3 with --strict.
func TestCodeRejectedLines(t *testing.T) {
	in := `{"id":"a","date":"2013-01-22","text":"Japan met North Korea in Tokyo."}
{"id":"b", this is not json
{"id":"c","date":"2013-01-22","text":"North Korea met Japan."}
`
	for _, tt := range []struct {
		strict bool
		want   int
	}{{false, 0}, {true, exitRejected}} {
		args := []string{"--format", "jsonl", "-"}
		if tt.strict {
			args = append([]string{"--strict"}, args...)
		}
		out, errs, err := runCodeCmd(t, in, args...)
		if got := exitCode(err); got != tt.want {
			t.Errorf("strict=%v: exit status %d (%v), want %d", tt.strict, got, err, tt.want)
		}
		if !strings.Contains(errs, ":2:") {
			t.Errorf("strict=%v: stderr does not name line 2:\n%s", tt.strict, errs)
		}
		if !strings.Contains(out, `"story_id":"a"`) || !strings.Contains(out, `"story_id":"c"`) {
			t.Errorf("strict=%v: the good stories were not coded:\n%s", tt.strict, out)
		}
	}
}
