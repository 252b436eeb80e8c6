package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parley-events/parley"
)

// writeFiles creates files under a temporary folder and returns it.
func writeFiles(tb testing.TB, files map[string]string) string {
	tb.Helper()
	dir := tb.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

func TestRejections(t *testing.T) {
	const good = `{"id": "ok", "date": "2013-01-22", "text": "Two ministers met."}` + "\n"
	tests := []struct {
		name     string
		file     string
		data     string
		kind     parley.Kind
		op       string // want Op (file name relative to the folder)
		stories  int
		rejected int
	}{
		{"binary data", "bin.txt", "\x00\x01\x02PK\x03\x04 some zip", parley.Invalid, "bin.txt:1", 0, 1},
		{"binary in a later line", "bin2.txt", "Title\n\nBody text.\n\x00\x00", parley.Invalid, "bin2.txt:4", 0, 1},
		{"invalid UTF-8", "latin1.txt", "Caf\xe9 talks\n\nThe caf\xe9 was closed.", parley.Invalid, "latin1.txt:1", 0, 1},
		{"empty file", "empty.txt", "", parley.Invalid, "empty.txt", 0, 1},
		{"blank file", "blank.txt", " \n\n\t\n", parley.Invalid, "blank.txt", 0, 1},
		{"empty JSONL", "empty.jsonl", "\n\n", parley.Invalid, "empty.jsonl", 0, 1},
		{"unreadable header date", "date.txt", "Title\n\nPublished: sometime last year\n\nBody.", parley.Invalid, "date.txt:3", 0, 1},
		{"malformed JSON line", "bad.jsonl", good + "{\"id\": \"x\", \"text\": \n" + good, parley.Invalid, "bad.jsonl:2", 2, 1},
		{"JSON not an object", "arr.jsonl", "[1,2]\n" + good, parley.Invalid, "arr.jsonl:1", 1, 1},
		{"unreadable JSON date", "date.jsonl", good + `{"id": "d", "date": "soon", "text": "x"}` + "\n", parley.Invalid, "date.jsonl:2", 1, 1},
		{"JSON line with no text", "notext.jsonl", `{"id": "n", "title": "t"}` + "\n" + good, parley.Invalid, "notext.jsonl:1", 1, 1},
		{"invalid UTF-8 in a JSON line", "utf.jsonl", good + "{\"id\": \"u\", \"text\": \"caf\xe9\"}\n" + good, parley.Invalid, "utf.jsonl:2", 2, 1},
		{"CSV row with no text", "notext.csv", "id,text\n1,\n2,Talks resumed.\n", parley.Invalid, "notext.csv:2", 1, 1},
		{"CSV without a text column", "nocol.csv", "id,date\n1,2013-01-01\n", parley.Invalid, "nocol.csv:1", 0, 1},
		{"CSV header only", "header.csv", "id,text\n", parley.Invalid, "header.csv", 0, 1},
		{"CSV unreadable date", "date.csv", "id,date,text\n1,someday,Talks.\n2,2013-01-02,More talks.\n", parley.Invalid, "date.csv:2", 1, 1},
		{"HTML with no article", "empty.html", "<html><head><title>x</title></head><body></body></html>", parley.Invalid, "empty.html", 0, 1},
		{"not a feed", "bad.rss", "<?xml version=\"1.0\"?><rss><channel><item><title>x", parley.Invalid, "bad.rss", 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{tt.file: tt.data})
			var errs []error
			var n int
			st, err := Read(context.Background(), []string{filepath.Join(dir, tt.file)}, Options{OnError: func(e error) { errs = append(errs, e) }},
				func(*parley.Story) error { n++; return nil })
			if err != nil {
				t.Fatalf("Read returned %v; rejections must not stop it", err)
			}
			if len(errs) != tt.rejected || st.Rejected != tt.rejected || n != tt.stories || st.Stories != tt.stories {
				t.Fatalf("got %d stories, %d rejections %v (stats %+v), want %d and %d", n, len(errs), errs, st, tt.stories, tt.rejected)
			}
			var pe *parley.Error
			if !errors.As(errs[0], &pe) {
				t.Fatalf("rejection %v is %T, want *parley.Error", errs[0], errs[0])
			}
			if got := parley.KindOf(errs[0]); got != tt.kind {
				t.Errorf("kind %v, want %v (%v)", got, tt.kind, errs[0])
			}
			if want := filepath.Join(dir, tt.op); pe.Op != want {
				t.Errorf("Op %q, want %q", pe.Op, want)
			}
		})
	}
}

func TestMissingPath(t *testing.T) {
	var errs []error
	dir := writeFiles(t, map[string]string{"a.txt": "Title\n\nBody text here."})
	st, err := Read(context.Background(), []string{filepath.Join(dir, "nope.txt"), filepath.Join(dir, "a.txt")},
		Options{OnError: func(e error) { errs = append(errs, e) }}, func(*parley.Story) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) != 1 || parley.KindOf(errs[0]) != parley.NotFound || st.Stories != 1 {
		t.Fatalf("errors %v, stats %+v; want one NotFound and the other file read", errs, st)
	}
}

func TestFolderRecursiveAndOrdered(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"b.txt":              "Second\n\nStory b.",
		"a.txt":              "First\n\nStory a.",
		"sub/c.jsonl":        `{"id": "c1", "text": "Story c1."}` + "\n" + `{"id": "c2", "text": "Story c2."}` + "\n",
		"sub/deeper/d.csv":   "id,text\nd1,Story d1.\n",
		"sub/.hidden.txt":    "Hidden\n\nNot read.",
		".git/config.txt":    "Hidden folder\n\nNot read.",
		"sub/image.png":      "\x89PNG\r\n\x1a\n\x00\x00",
		"z/e.html":           "<html><body><article><p>Story e, a page with one paragraph of text that is long enough for the reader to keep as an article body.</p></article></body></html>",
		"sub/deeper/NOTES":   "Notes\n\nStory without extension.",
		"sub/deeper/x.jsonl": "",
	})
	var got []string
	var errs []error
	st, err := Read(context.Background(), []string{dir}, Options{OnError: func(e error) { errs = append(errs, e) }}, func(s *parley.Story) error {
		rel, _ := filepath.Rel(dir, strings.SplitN(s.Origin, ":", 2)[0])
		got = append(got, filepath.ToSlash(rel)+" "+firstWords(s.Text, 2))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"a.txt Story a.",
		"b.txt Story b.",
		"sub/c.jsonl Story c1.",
		"sub/c.jsonl Story c2.",
		"sub/deeper/NOTES Story without",
		"sub/deeper/d.csv Story d1.",
		"z/e.html Story e,",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("read\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// the empty x.jsonl is the only rejection; the .png and hidden files are skipped
	if len(errs) != 1 || !strings.HasSuffix(errs[0].(*parley.Error).Op, "x.jsonl") {
		t.Errorf("rejections %v, want one for x.jsonl", errs)
	}
	if st.Files != 7 {
		t.Errorf("stats %+v, want 7 files", st)
	}
}

func firstWords(s string, n int) string {
	f := strings.Fields(s)
	return strings.Join(f[:min(n, len(f))], " ")
}

func TestStdin(t *testing.T) {
	tests := []struct {
		name, in, format string
		want             []string // story texts
	}{
		{"jsonl sniffed", `{"id": "1", "text": "From stdin."}` + "\n" + `{"id": "2", "text": "Again."}`, "", []string{"From stdin.", "Again."}},
		{"text sniffed", "A title\n\nBy Ann Lee Source: Wire\n\nBody from stdin.", "", []string{"Body from stdin."}},
		{"csv sniffed", "id,headline,text\n1,H,Row text.\n", "", []string{"Row text."}},
		{"tsv sniffed", "id\tbody\n1\tTab text.\n", "", []string{"Tab text."}},
		{"json array sniffed", `[{"text": "In an array."}]`, "", []string{"In an array."}},
		{"html sniffed", "<!DOCTYPE html><html><body><article><p>A page read from standard input, long enough to be kept as the body of an article by the reader.</p></article></body></html>", "", []string{"A page read from standard input, long enough to be kept as the body of an article by the reader."}},
		{"rss sniffed", `<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><item><title>T</title><description>Feed text.</description></item></channel></rss>`, "", []string{"Feed text."}},
		{"forced text", `{"id": "1", "text": "Not parsed."}`, "text", []string{`{"id": "1", "text": "Not parsed."}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			opts := Options{Format: tt.format, Stdin: strings.NewReader(tt.in), OnError: func(e error) { t.Errorf("rejected: %v", e) }}
			st, err := Read(context.Background(), []string{"-"}, opts, func(s *parley.Story) error {
				got = append(got, s.Text)
				if !strings.HasPrefix(s.Origin, "stdin") {
					t.Errorf("origin %q, want stdin...", s.Origin)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || st.Files != 1 {
				t.Errorf("got %q (stats %+v), want %q", got, st, tt.want)
			}
		})
	}
}

func TestGzip(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(`{"id": "z1", "text": "Compressed story."}` + "\n"))
	zw.Close()
	dir := writeFiles(t, map[string]string{"s.jsonl.gz": buf.String(), "t.gz": buf.String()})
	res, _ := readAll(t, []string{filepath.Join(dir, "s.jsonl.gz"), filepath.Join(dir, "t.gz")}, Options{})
	if len(res.Stories) != 2 || res.Stories[0].ID != "z1" || res.Stories[1].Text != "Compressed story." || len(res.Rejected) != 0 {
		t.Fatalf("got %+v", res)
	}
}

func TestFieldOverrides(t *testing.T) {
	in := `{"key": "k1", "words": "The override text.", "when": "2013-01-22", "text": "Not this one.", "hed": "Headline", "pub": "Wire", "where": "https://x.example"}` + "\n"
	opts := Options{IDField: "key", TextField: "WORDS", DateField: "when", TitleField: "hed", SourceField: "pub", URLField: "where", Stdin: strings.NewReader(in)}
	res, _ := readAll(t, []string{"-"}, opts)
	if len(res.Stories) != 1 {
		t.Fatalf("got %+v", res)
	}
	s := res.Stories[0]
	if s.ID != "k1" || s.Text != "The override text." || s.Title != "Headline" || s.Source != "Wire" || s.URL != "https://x.example" ||
		!s.Published.Equal(time.Date(2013, 1, 22, 0, 0, 0, 0, time.UTC)) || s.Meta["text"] != "Not this one." {
		t.Errorf("got %+v", s)
	}
	// a named text field that a line lacks is a rejection
	opts.Stdin = strings.NewReader(`{"text": "x"}` + "\n")
	res, _ = readAll(t, []string{"-"}, opts)
	if len(res.Stories) != 0 || len(res.Rejected) != 1 {
		t.Errorf("got %+v, want the line rejected", res)
	}
}

func TestReadStopsOnCallbackErrorAndCancel(t *testing.T) {
	dir := writeFiles(t, map[string]string{"s.jsonl": strings.Repeat(`{"text": "A story."}`+"\n", 5)})
	stop := errors.New("stop")
	n := 0
	_, err := Read(context.Background(), []string{filepath.Join(dir, "s.jsonl")}, Options{}, func(*parley.Story) error {
		n++
		if n == 2 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 2 {
		t.Errorf("Read = %v after %d stories, want the callback's error after 2", err, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	n = 0
	_, err = Read(ctx, []string{filepath.Join(dir, "s.jsonl")}, Options{}, func(*parley.Story) error {
		n++
		cancel()
		return nil
	})
	if !errors.Is(err, context.Canceled) || n != 1 {
		t.Errorf("Read = %v after %d stories, want context.Canceled after 1", err, n)
	}
	_, err = Read(context.Background(), nil, Options{Format: "docx"}, func(*parley.Story) error { return nil })
	if parley.KindOf(err) != parley.Invalid {
		t.Errorf("unknown format: %v, want an Invalid error", err)
	}
}

func TestReadText(t *testing.T) {
	s, err := ReadText("post", strings.NewReader("Headline here\n\nBy Ann Lee | Source: Wire | Published on January 5, 2014\n\nFirst paragraph.\nStill first.\n\n\n\nSecond paragraph.\n\nShare this\n"))
	if err != nil {
		t.Fatal(err)
	}
	if s.Title != "Headline here" || s.Byline != "Ann Lee" || s.Source != "Wire" || s.DateFrom != "text" ||
		!s.Published.Equal(time.Date(2014, 1, 5, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("metadata %+v", s)
	}
	if want := "First paragraph.\nStill first.\n\nSecond paragraph."; s.Text != want {
		t.Errorf("text %q, want %q", s.Text, want)
	}
	if s.Origin != "post:1" || s.ID != s.Hash[:16] {
		t.Errorf("origin %q id %q hash %q", s.Origin, s.ID, s.Hash)
	}
	// A body that starts "By the ..." is not a byline.
	s, err = ReadText("p", strings.NewReader("Title\n\nBy the end of the week, the two sides had met twice.\n"))
	if err != nil || s.Byline != "" || !strings.HasPrefix(s.Text, "By the end") {
		t.Errorf("got %+v, %v; want the By line kept as body", s, err)
	}
	// A one-line story is its own text.
	s, err = ReadText("p", strings.NewReader("Leaders met in Geneva on Monday.\n"))
	if err != nil || s.Text != "Leaders met in Geneva on Monday." || s.Title != "" {
		t.Errorf("got %+v, %v", s, err)
	}
	if _, err := ReadText("e", strings.NewReader("")); parley.KindOf(err) != parley.Invalid {
		t.Errorf("empty: %v, want Invalid", err)
	}
}

func TestHashIgnoresLayout(t *testing.T) {
	a, _ := ReadText("a", strings.NewReader("T\n\nThe Two  ministers\nmet   today."))
	b, _ := ReadText("b", strings.NewReader("Other title\n\nthe two ministers met today."))
	c, _ := ReadText("c", strings.NewReader("T\n\nThe two ministers met yesterday."))
	if a.Hash != b.Hash || a.ID != b.ID {
		t.Errorf("layout and case changed the hash: %s %s", a.Hash, b.Hash)
	}
	if a.Hash == c.Hash {
		t.Errorf("different bodies, same hash")
	}
	// NFKC: a full-width digit and a ligature hash like their plain forms
	d, _ := ReadText("d", strings.NewReader("T\n\nThe ﬁrst meeting was on day ２."))
	e, _ := ReadText("e", strings.NewReader("T\n\nThe first meeting was on day 2."))
	if d.Hash != e.Hash {
		t.Errorf("NFKC forms hash differently")
	}
}

func TestRepairMojibake(t *testing.T) {
	tests := []struct{ in, want string }{
		{"â€œquotedâ€\uFFFD", "“quoted”"},
		{"the ministerâ€™s visit", "the minister’s visit"},
		{"cafÃ© and naÃ¯ve", "café and naïve"},
		{"a dash â€” here", "a dash — here"},
		{"bullet â€¢ point", "bullet • point"},
		{"Latin-1 style \u00e2\u0080\u009cquote\u00e2\u0080\u009d", "Latin-1 style “quote”"},
		{"price: Â£5", "price: £5"},
		{"no\u00a0break Â here â€™", "no\u00a0break  here ’"},
	}
	for _, tt := range tests {
		got, n := repairMojibake(tt.in)
		if got != tt.want || n == 0 {
			t.Errorf("repairMojibake(%q) = %q, %d; want %q", tt.in, got, n, tt.want)
		}
	}
	for _, clean := range []string{"plain ASCII", "café £5 naïve", "“curly” quotes — and dashes", "中文 Ελληνικά", "Ã alone", "São Paulo and Ñandú"} {
		if got, n := repairMojibake(clean); got != clean || n != 0 {
			t.Errorf("repairMojibake(%q) = %q, %d; want it unchanged", clean, got, n)
		}
	}
}

func TestSniff(t *testing.T) {
	ft := newFieldTable(Options{})
	tests := map[string]string{
		`{"a":1}`:                           "jsonl",
		"\ufeff  [1]":                       "json",
		`<?xml version="1.0"?><rss>`:        "rss",
		`<feed xmlns="http://www.w3.org/">`: "rss",
		"<!DOCTYPE html><html>":             "html",
		"<p>Hello</p>":                      "html",
		"id,text\n1,x":                      "csv",
		`"",date,text,source`:               "csv",
		"doc_id\tfull_text\n":               "tsv",
		"Title, with a comma\n\nBody.":      "text",
		"":                                  "text",
	}
	for in, want := range tests {
		if got := sniff([]byte(in), ft); got != want {
			t.Errorf("sniff(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRepairMojibakeTwice(t *testing.T) {
	twice := "Ã¢â‚¬Å“helloÃ¢â‚¬Â\u009d"
	got, n := repairMojibakeAll(twice)
	if got != "“hello”" || n == 0 {
		t.Errorf("repairMojibakeAll(%q) = %q, %d", twice, got, n)
	}
}

// A gzip file cut short is one rejection naming the file, after the stories
// that could be read before the cut; a CSV reader does not report the same
// I/O error again for every later row.
func TestTruncatedGzip(t *testing.T) {
	gz := func(data string) string {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.NoCompression)
		zw.Write([]byte(data))
		zw.Close()
		return buf.String()[:buf.Len()/2]
	}
	var csvData, jsonData strings.Builder
	csvData.WriteString("id,date,text\n")
	for i := range 200 {
		fmt.Fprintf(&csvData, "c%d,2013-01-22,Japanese envoys met North Korean officials in Beijing.\n", i)
		fmt.Fprintf(&jsonData, `{"id": "j%d", "date": "2013-01-22", "text": "Japanese envoys met North Korean officials."}`+"\n", i)
	}
	for _, tt := range []struct{ file, data string }{
		{"cut.csv.gz", csvData.String()},
		{"cut.jsonl.gz", jsonData.String()},
		{"cut.txt.gz", "Talks\n\n" + strings.Repeat("Japanese envoys met North Korean officials in Beijing. ", 200)},
	} {
		t.Run(tt.file, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{tt.file: gz(tt.data)})
			var errs []error
			st, err := Read(context.Background(), []string{filepath.Join(dir, tt.file)}, Options{OnError: func(e error) { errs = append(errs, e) }},
				func(*parley.Story) error { return nil })
			if err != nil {
				t.Fatalf("Read returned %v; a truncated file must be a rejection", err)
			}
			if len(errs) == 0 || len(errs) > 2 || parley.KindOf(errs[len(errs)-1]) != parley.Invalid {
				t.Fatalf("%d rejections %v, want the cut reported once (kind Invalid)", len(errs), errs)
			}
			if strings.HasSuffix(tt.file, ".txt.gz") {
				if st.Stories != 0 {
					t.Errorf("%d stories from a cut text file, want 0", st.Stories)
				}
			} else if st.Stories < 50 || st.Stories >= 200 {
				t.Errorf("%d stories read before the cut, want the rows before it (about 100)", st.Stories)
			}
		})
	}
}
