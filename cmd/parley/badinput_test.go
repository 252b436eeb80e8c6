package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Bad input through the whole command, with the real readers and coder:
// no panic, one line on stderr per problem naming the input (and the line
// where there is one), the other input still read, exit status 3 when some
// input was rejected (2 for a usage error), and nothing already stored lost.

const goodStory = "Talks in Beijing\nPublished: 2013-01-22\n\nJapanese envoys met North Korean officials in Beijing on Monday.\n"

// badInputs writes one file of each kind of bad input, with good stories
// beside the bad ones where the format holds several.
func badInputs(t *testing.T) string {
	t.Helper()
	gz := func(data string) string {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.NoCompression)
		zw.Write([]byte(data))
		zw.Close()
		return buf.String()
	}
	var csvRows strings.Builder
	csvRows.WriteString("id,date,text\n")
	for i := range 100 {
		fmt.Fprintf(&csvRows, "r%d,2013-01-22,Japan criticized North Korea on Monday.\n", i)
	}
	files := map[string]string{
		"binary.txt":    "\x00\x01\x02\x03\xff\xfe binary \x00 data",
		"latin1.txt":    "Talks\n\nJapan met North Korea in Caf\xe9 Tokyo.\n",
		"empty.txt":     "",
		"fake.html":     "\x00\x01\x02PNG not a page",
		"cut.txt.gz":    gz(goodStory)[:20],
		"cut.csv.gz":    gz(csvRows.String())[:len(gz(csvRows.String()))/2],
		"baddate.txt":   "Talks\nPublished: 2013-99-99\n\nJapan criticized North Korea.\n",
		"baddate.jsonl": `{"id": "d1", "date": "the 45th of Smarch", "text": "Japan criticized North Korea."}` + "\n",
		"malformed.jsonl": `{"id": "j1", "date": "2013-01-22", "text": "Japan criticized North Korea on Monday."}` + "\n" +
			`{"id": "j2", "text": broken` + "\n" +
			`{"id": "j3", "date": "2013-01-23", "text": "China praised Russia on Tuesday."}` + "\n",
		"ragged.csv": "id,date,text\n" +
			"c1,2013-01-22,Japan criticized North Korea.\n" +
			"c2,2013-01-23\n" +
			"c3,2013-01-24,China praised Russia,extra\n" +
			"c4,2013-01-25,France met Germany in Paris.\n",
		"mixed/good.txt":  goodStory,
		"mixed/bad.txt":   "Talks\n\nJapan met \xff North Korea.\n",
		"mixed/empty.txt": "",
	}
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// badInputCases are the inputs, the problems each must report (a part of
// the stderr line that names the input: "file" or "file:line") and the
// stories still read from it.
var badInputCases = []struct {
	path    string
	want    []string // input names on stderr, one line each
	stories int
}{
	{"binary.txt", []string{"binary.txt:1:"}, 0},
	{"latin1.txt", []string{"latin1.txt:3:"}, 0},
	{"empty.txt", []string{"empty.txt:"}, 0},
	{"fake.html", []string{"fake.html:1:"}, 0},
	{"cut.txt.gz", []string{"cut.txt.gz:"}, 0},
	{"baddate.txt", []string{"baddate.txt:2:"}, 0},
	{"baddate.jsonl", []string{"baddate.jsonl:1:"}, 0},
	{"malformed.jsonl", []string{"malformed.jsonl:2:"}, 2},
	{"ragged.csv", []string{"ragged.csv:3:", "ragged.csv:4:"}, 2},
	{"mixed", []string{"mixed/bad.txt:3:", "mixed/empty.txt:"}, 1},
	{"missing.txt", []string{"missing.txt:"}, 0},
}

// checkRejections checks stderr holds one line per wanted problem, each
// naming its input (dir/want), and no stack trace.
func checkRejections(t *testing.T, stderr, dir string, want []string) {
	t.Helper()
	if strings.Contains(stderr, "goroutine ") || strings.Contains(stderr, "panic") {
		t.Fatalf("stack trace on stderr:\n%s", stderr)
	}
	for _, w := range want {
		if dir != "" {
			w = dir + string(filepath.Separator) + filepath.FromSlash(w)
		}
		n := 0
		for _, line := range strings.Split(stderr, "\n") {
			if strings.Contains(line, w) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d stderr lines name %q, want 1:\n%s", n, w, stderr)
		}
	}
}

func TestBadInputRead(t *testing.T) {
	dir := badInputs(t)
	for _, tt := range badInputCases {
		t.Run(tt.path, func(t *testing.T) {
			out, errOut, err := runMain(t, false, "", "read", "--format", "jsonl", filepath.Join(dir, tt.path))
			if got := exitCode(err); got != exitRejected {
				t.Fatalf("exit status %d (%v), want %d\n%s", got, err, exitRejected, errOut)
			}
			checkRejections(t, errOut, dir, tt.want)
			if got := strings.Count(out, "\n"); got != tt.stories {
				t.Errorf("%d stories read, want %d", got, tt.stories)
			}
		})
	}
	t.Run("truncated gzip CSV", func(t *testing.T) {
		out, errOut, err := runMain(t, false, "", "read", "--format", "jsonl", filepath.Join(dir, "cut.csv.gz"))
		if got := exitCode(err); got != exitRejected {
			t.Fatalf("exit status %d (%v), want %d", got, err, exitRejected)
		}
		if n := strings.Count(errOut, "cut.csv.gz:"); n != 1 {
			t.Errorf("%d stderr lines name the file, want the cut reported once:\n%.2000s", n, errOut)
		}
		if n := strings.Count(out, "\n"); n == 0 || n >= 100 {
			t.Errorf("%d stories before the cut, want the rows before it", n)
		}
	})
	t.Run("empty stdin", func(t *testing.T) {
		out, errOut, err := runMain(t, false, "", "read", "-")
		if got := exitCode(err); got != exitRejected || out != "" {
			t.Fatalf("exit status %d (%v), stdout %q; want %d and nothing", got, err, out, exitRejected)
		}
		checkRejections(t, errOut, "", []string{"stdin"})
	})
	t.Run("all at once", func(t *testing.T) {
		var args []string
		want, stories := []string{}, 0
		for _, tt := range badInputCases {
			args = append(args, filepath.Join(dir, tt.path))
			want = append(want, tt.want...)
			stories += tt.stories
		}
		out, errOut, err := runMain(t, false, "", append([]string{"read", "--format", "jsonl"}, args...)...)
		if got := exitCode(err); got != exitRejected {
			t.Fatalf("exit status %d (%v), want %d", got, err, exitRejected)
		}
		checkRejections(t, errOut, dir, want)
		if got := strings.Count(out, "\n"); got != stories {
			t.Errorf("%d stories read, want %d", got, stories)
		}
	})
}

// storedEvents returns the ids of the events in db.
func storedEvents(t *testing.T, db string) map[string]bool {
	t.Helper()
	out, errOut, err := runMain(t, false, "", "events", "--db", db, "--limit", "0", "--format", "jsonl")
	if err != nil {
		t.Fatalf("events: %v\n%s", err, errOut)
	}
	ids := map[string]bool{}
	dec := json.NewDecoder(strings.NewReader(out))
	for dec.More() {
		var e struct {
			ID string `json:"id"`
		}
		if err := dec.Decode(&e); err != nil {
			t.Fatalf("events output: %v", err)
		}
		ids[e.ID] = true
	}
	return ids
}

func TestBadInputIngestKeepsStored(t *testing.T) {
	dir := badInputs(t)
	db := filepath.Join(t.TempDir(), "p.db")
	if _, errOut, err := runMain(t, false, "", "ingest", "--db", db, "--quiet", filepath.Join(dir, "mixed", "good.txt")); err != nil {
		t.Fatalf("ingest good story: %v\n%s", err, errOut)
	}
	before := storedEvents(t, db)
	if len(before) == 0 {
		t.Fatal("the good story gave no events")
	}
	for _, tt := range badInputCases {
		t.Run(tt.path, func(t *testing.T) {
			_, errOut, err := runMain(t, false, "", "ingest", "--db", db, "--quiet", filepath.Join(dir, tt.path))
			if got := exitCode(err); got != exitRejected {
				t.Fatalf("exit status %d (%v), want %d\n%s", got, err, exitRejected, errOut)
			}
			checkRejections(t, errOut, dir, tt.want)
			after := storedEvents(t, db)
			for id := range before {
				if !after[id] {
					t.Fatalf("event %s stored before the bad ingest is gone", id)
				}
			}
		})
	}
	t.Run("empty stdin", func(t *testing.T) {
		_, errOut, err := runMain(t, false, "", "ingest", "--db", db, "--quiet", "-")
		if got := exitCode(err); got != exitRejected {
			t.Fatalf("exit status %d (%v), want %d\n%s", got, err, exitRejected, errOut)
		}
	})
	// The good stories beside the bad ones were stored.
	after := storedEvents(t, db)
	if len(after) <= len(before) {
		t.Errorf("%d events after ingesting the good lines and rows beside bad ones, want more than %d", len(after), len(before))
	}
}

// A story that is one 300 KB line without a sentence end is cut into
// bounded sentences, so that it is coded in time that grows with its
// length, not with its square (a 1.4 MB line took minutes).
func TestBadInputHugeLine(t *testing.T) {
	line := strings.Repeat("Japan criticized North Korea on Monday and ", 7000)
	p := filepath.Join(t.TempDir(), "huge.txt")
	if err := os.WriteFile(p, []byte("Huge\nPublished: 2013-01-22\n\n"+line+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	m, out, errb := newTestMain(t, "")
	if err := m.Run(ctx, []string{"code", "--format", "jsonl", p}); err != nil {
		t.Fatalf("code: %v\n%s", err, errb)
	}
	sentences := map[int]bool{}
	dec := json.NewDecoder(out)
	for dec.More() {
		var e struct {
			Sentence int `json:"sentence"`
		}
		if err := dec.Decode(&e); err != nil {
			t.Fatal(err)
		}
		sentences[e.Sentence] = true
	}
	if len(sentences) < 10 {
		t.Errorf("events from %d sentences, want the line cut into many bounded sentences", len(sentences))
	}
}

// Flag values that are not understood are usage errors (exit status 2)
// naming the flag.
func TestBadInputQueryFlags(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	p := filepath.Join(t.TempDir(), "good.txt")
	os.WriteFile(p, []byte(goodStory), 0o644)
	if _, errOut, err := runMain(t, false, "", "ingest", "--db", db, "--quiet", p); err != nil {
		t.Fatalf("ingest: %v\n%s", err, errOut)
	}
	for _, args := range [][]string{
		{"series", "--dyad", "JPN-PRK", "--by", "fortnight"},
		{"forecast", "--dyad", "JPN-PRK", "--by", "fortnight"},
		{"events", "--format", "xml"},
		{"events", "--limit", "-5"},
		{"series", "--dyad", "JPN-PRK", "--format", "xml"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			out, errOut, err := runMain(t, false, "", append(args, "--db", db)...)
			if got := exitCode(err); got != exitUsage {
				t.Fatalf("exit status %d (%v), want %d", got, err, exitUsage)
			}
			if out != "" {
				t.Errorf("output beside a usage error: %q", out)
			}
			if flag := args[len(args)-2]; !strings.Contains(err.Error()+errOut, flag) {
				t.Errorf("error %q does not name %s", err, flag)
			}
		})
	}
}

// GDELT rows that are short or unreadable are each rejected with file:line;
// the good rows are stored.
func TestBadInputImport(t *testing.T) {
	dir := t.TempDir()
	good := gdeltRow("1", "20130315", "JPNGOV", "PRKGOV", "036", "1", "4.0", "http://example.org/a")
	good2 := gdeltRow("2", "20130316", "PRKGOV", "JPNGOV", "112", "3", "-2.0", "http://example.org/b")
	short := strings.Join(strings.Split(good, "\t")[:20], "\t")
	badDate := gdeltRow("3", "2013xx15", "JPNGOV", "PRKGOV", "036", "1", "4.0", "http://example.org/c")
	badCode := gdeltRow("4", "20130315", "JPNGOV", "PRKGOV", "zzz", "1", "4.0", "http://example.org/d")
	p := filepath.Join(dir, "20130316.export.CSV")
	os.WriteFile(p, []byte(good+"\n"+short+"\n"+badDate+"\n"+badCode+"\n"+good2+"\n"), 0o644)
	db := filepath.Join(dir, "p.db")
	_, errOut, err := runMain(t, false, "", "import", "--db", db, p)
	if got := exitCode(err); got != exitRejected {
		t.Fatalf("exit status %d (%v), want %d\n%s", got, err, exitRejected, errOut)
	}
	checkRejections(t, errOut, dir, []string{"20130316.export.CSV:2:", "20130316.export.CSV:3:", "20130316.export.CSV:4:"})
	if n := len(storedEvents(t, db)); n != 2 {
		t.Errorf("%d events stored, want the 2 good rows", n)
	}
}

// serve on an address already in use fails at once with an error naming
// the address.
func TestBadInputServeAddressInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	db := filepath.Join(t.TempDir(), "p.db")
	p := filepath.Join(t.TempDir(), "good.txt")
	os.WriteFile(p, []byte(goodStory), 0o644)
	if _, errOut, err := runMain(t, false, "", "ingest", "--db", db, "--quiet", p); err != nil {
		t.Fatalf("ingest: %v\n%s", err, errOut)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	m, _, errb := newTestMain(t, "")
	err = m.Run(ctx, []string{"serve", "--db", db, "--addr", ln.Addr().String()})
	if err == nil || ctx.Err() != nil {
		t.Fatalf("serve on a busy address: %v (context %v), want an error at once", err, ctx.Err())
	}
	if !strings.Contains(err.Error()+errb.String(), ln.Addr().String()) {
		t.Errorf("error %q does not name the address", err)
	}
}
