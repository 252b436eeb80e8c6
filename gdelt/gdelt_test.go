package gdelt

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-events/parley"
)

// row1 builds a GDELT 1.0 row (58 columns, or 57 without SOURCEURL).
func row1(cols int, set map[int]string) string {
	f := make([]string, cols)
	for i, v := range set {
		if i < cols {
			f[i] = v
		}
	}
	return strings.Join(f, "\t")
}

var v1 = map[int]string{
	0: "500000001", 1: "20130315", 2: "201303", 3: "2013", 4: "2013.2055",
	5: "JPNGOV", 6: "JAPAN", 7: "JPN", 12: "GOV",
	15: "PRK", 16: "NORTH KOREA", 17: "PRK",
	25: "1", 26: "036", 27: "036", 28: "03", 29: "1", 30: "4.0", 31: "4", 32: "1", 33: "4", 34: "1.5",
	49: "4", 50: "Ulaanbaatar, Ulaanbaatar, Mongolia", 51: "MG", 52: "MG20", 53: "47.9167", 54: "106.917", 55: "-2173",
	56: "20130316", 57: "http://example.org/japan-nk-talks",
}

var v2 = map[int]string{
	0: "800000002", 1: "20180510", 5: "USA", 6: "UNITED STATES", 7: "USA",
	15: "", 16: "", 17: "",
	26: "1823", 27: "182", 28: "18", 29: "4", 30: "-9.0",
	51: "1", 52: "Syria", 53: "SY", 56: "35", 57: "38", 59: "20180510123000", 60: "https://example.org/strike",
}

func readAll(t *testing.T, name, data string) ([]parley.Event, []error) {
	t.Helper()
	var evs []parley.Event
	var bad []error
	_, err := Read(context.Background(), strings.NewReader(data), name, Options{}, func(e parley.Event) error {
		evs = append(evs, e)
		return nil
	}, func(err error) { bad = append(bad, err) })
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return evs, bad
}

func TestGDELT1(t *testing.T) {
	evs, bad := readAll(t, "20130315.export.CSV", row1(58, v1)+"\n"+row1(57, v1)+"\n")
	if len(bad) > 0 || len(evs) != 2 {
		t.Fatalf("%d events, rejected %v", len(evs), bad)
	}
	e := evs[0]
	if e.ID != "gdelt1:500000001" || e.Rule != "gdelt1" || e.StoryID != "http://example.org/japan-nk-talks" {
		t.Errorf("provenance %q %q %q", e.ID, e.Rule, e.StoryID)
	}
	if e.Source.Code != "JPNGOV" || e.Source.Country != "JPN" || e.Source.Text != "JAPAN" || e.Target == nil || e.Target.Country != "PRK" {
		t.Errorf("actors %+v %+v", e.Source, e.Target)
	}
	if e.CAMEO != "036" || e.Root != "03" || e.QuadClass != 1 || e.Goldstein != 4 || e.PLOVER == "" {
		t.Errorf("code %q root %q quad %d goldstein %v plover %q", e.CAMEO, e.Root, e.QuadClass, e.Goldstein, e.PLOVER)
	}
	if e.Date.String() != "2013-03-15" || e.Date.Precision != parley.PrecisionDay || e.DateFrom != parley.DateFromPublication {
		t.Errorf("date %v (%v) from %q", e.Date, e.Date.Precision, e.DateFrom)
	}
	if e.Published.Format("2006-01-02") != "2013-03-16" {
		t.Errorf("published %v", e.Published)
	}
	if e.Location == nil || e.Location.Country != "MNG" || e.Location.Lat != 47.9167 || !strings.HasPrefix(e.Location.Name, "Ulaanbaatar") {
		t.Errorf("location %+v", e.Location)
	}
	// The 57-column backfile has no SOURCEURL: the story is the event.
	if evs[1].StoryID != "gdelt1:500000001" {
		t.Errorf("backfile story %q", evs[1].StoryID)
	}
}

func TestGDELT2(t *testing.T) {
	evs, bad := readAll(t, "20180510123000.export.CSV", row1(61, v2)+"\n")
	if len(bad) > 0 || len(evs) != 1 {
		t.Fatalf("%d events, rejected %v", len(evs), bad)
	}
	e := evs[0]
	if e.Rule != "gdelt2" || e.ID != "gdelt2:800000002" || e.StoryID != "https://example.org/strike" {
		t.Errorf("provenance %q %q %q", e.ID, e.Rule, e.StoryID)
	}
	if e.Target != nil {
		t.Errorf("no Actor2: target %+v, want nil", e.Target)
	}
	if e.CAMEO != "1823" || e.Root != "18" || e.QuadClass != 4 || e.Goldstein != -9 {
		t.Errorf("code %q root %q quad %d goldstein %v", e.CAMEO, e.Root, e.QuadClass, e.Goldstein)
	}
	if e.Location == nil || e.Location.Country != "SYR" || e.Location.Lat != 35 || e.Location.Lon != 38 {
		t.Errorf("location %+v", e.Location)
	}
	if e.Published.Format("2006-01-02 15:04") != "2018-05-10 12:30" {
		t.Errorf("published %v", e.Published)
	}
}

func TestReducedExtract(t *testing.T) {
	in := "GlobalEventID,IsRootEvent,QuadClass,EventCode,EventRootCode,ActionGeo_Lat,ActionGeo_Long,country_code_alpha,source_country_code\n" +
		"1,0,4,190,19,33.0,66.0,AFG,INT\n" +
		"2,1,2,63,6,27.0,30.0,EGY,USA\n" +
		"3,1,1,311,3,,,,\n" +
		"4,1,9,010,01,,,,\n" + // bad QuadClass
		"5,1,1,x,01,,,,\n" // bad code
	var evs []parley.Event
	var bad []error
	n, err := Read(context.Background(), strings.NewReader(in), "extract.csv", Options{Date: DateFromName("gdelt1_export_20171126_subset.csv")},
		func(e parley.Event) error { evs = append(evs, e); return nil }, func(err error) { bad = append(bad, err) })
	if err != nil || n != 3 || len(evs) != 3 {
		t.Fatalf("n=%d err=%v events %d", n, err, len(evs))
	}
	if len(bad) != 2 || !strings.HasPrefix(bad[0].Error(), "extract.csv:5") || !strings.HasPrefix(bad[1].Error(), "extract.csv:6") {
		t.Errorf("rejections %v", bad)
	}
	if e := evs[1]; e.CAMEO != "063" || e.Root != "06" || e.QuadClass != 2 || e.Location == nil || e.Location.Country != "EGY" || e.Goldstein == 0 {
		t.Errorf("padded code: %+v %+v", e, e.Location)
	}
	if e := evs[2]; e.CAMEO != "0311" || e.Root != "03" || e.Location != nil {
		t.Errorf("four-digit code stored as a number: %q %q %+v", e.CAMEO, e.Root, e.Location)
	}
	if e := evs[0]; e.Date.String() != "2017-11-26" || e.Source.Code != "" || e.Target != nil || e.StoryID != "gdelt1:1" {
		t.Errorf("extract event %+v", e)
	}
}

func TestBadRows(t *testing.T) {
	bad1 := map[int]string{}
	for k, v := range v1 {
		bad1[k] = v
	}
	bad1[1] = "2013-03-15"
	in := row1(58, v1) + "\n" + row1(40, v1) + "\n" + row1(58, bad1) + "\n"
	evs, bad := readAll(t, "x.tsv", in)
	if len(evs) != 1 || len(bad) != 2 {
		t.Fatalf("%d events, %d rejected", len(evs), len(bad))
	}
	for i, want := range []string{"x.tsv:2", "x.tsv:3"} {
		if !strings.HasPrefix(bad[i].Error(), want) || parley.KindOf(bad[i]) != parley.Invalid {
			t.Errorf("rejection %v, want %s", bad[i], want)
		}
	}
	// Without a bad callback the first bad row ends the read.
	_, err := Read(context.Background(), strings.NewReader(in), "x.tsv", Options{}, func(parley.Event) error { return nil }, nil)
	if parley.KindOf(err) != parley.Invalid {
		t.Errorf("got %v", err)
	}
	// Comma-separated without a header is not GDELT.
	_, err = Read(context.Background(), strings.NewReader("1,2,3\n"), "y.csv", Options{}, func(parley.Event) error { return nil }, nil)
	if parley.KindOf(err) != parley.Invalid {
		t.Errorf("headerless CSV: got %v", err)
	}
}

func TestReadFileZip(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "20130315.export.CSV.zip")
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("20130315.export.CSV")
	w.Write([]byte(row1(58, v1) + "\n"))
	w, _ = zw.Create("20180510123000.export.CSV")
	w.Write([]byte(row1(61, v2) + "\n"))
	zw.Close()
	os.WriteFile(path, buf.Bytes(), 0o644)
	var rules []string
	n, err := ReadFile(context.Background(), path, Options{}, func(e parley.Event) error { rules = append(rules, e.Rule); return nil }, nil)
	if err != nil || n != 2 || strings.Join(rules, ",") != "gdelt1,gdelt2" {
		t.Errorf("n=%d err=%v rules %v", n, err, rules)
	}
	plain := filepath.Join(dir, "plain.tsv")
	os.WriteFile(plain, []byte(row1(58, v1)+"\n"), 0o644)
	if n, err := ReadFile(context.Background(), plain, Options{}, func(parley.Event) error { return nil }, nil); n != 1 || err != nil {
		t.Errorf("plain: n=%d err=%v", n, err)
	}
	missing := filepath.Join(dir, "none")
	_, err = ReadFile(context.Background(), missing, Options{}, nil, nil)
	if parley.KindOf(err) != parley.NotFound {
		t.Errorf("missing file: %v", err)
	}
	if pe := (*parley.Error)(nil); !errors.As(err, &pe) || pe.Op != missing {
		t.Errorf("missing file: %v, want the path as the error's Op", err)
	}
}

func TestDateFromName(t *testing.T) {
	for name, want := range map[string]string{
		"20171126.export.CSV":                "2017-11-26",
		"dir/gdelt1_export_20171126_sub.csv": "2017-11-26",
		"20180510123000.export.CSV":          "", // a timestamp, not a day
		"events.csv":                         "",
	} {
		if got := DateFromName(name).String(); got != want {
			t.Errorf("DateFromName(%q) = %q, want %q", name, got, want)
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte(row1(58, v1) + "\n"))
	f.Add([]byte(row1(61, v2) + "\n"))
	f.Add([]byte("GlobalEventID,QuadClass,EventCode,EventRootCode,ActionGeo_Lat,ActionGeo_Long\n1,4,190,19,33,66\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, err := Read(context.Background(), bytes.NewReader(b), "fuzz", Options{}, func(e parley.Event) error {
			if e.QuadClass < 0 || e.QuadClass > 4 || len(e.Root) != 2 || !strings.HasPrefix(e.CAMEO, e.Root) {
				t.Fatalf("bad event %+v", e)
			}
			if _, err := e.MarshalJSON(); err != nil {
				t.Fatalf("event does not marshal: %v", err)
			}
			return nil
		}, func(err error) {
			if parley.KindOf(err) != parley.Invalid {
				t.Fatalf("rejection of kind %v: %v", parley.KindOf(err), err)
			}
		})
		if err != nil && parley.KindOf(err) != parley.Invalid {
			t.Fatalf("error of kind %v: %v", parley.KindOf(err), err)
		}
	})
}
