package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-events/parley/store"
)

// gdeltRow builds a GDELT 2.0 row (61 tab-separated columns).
func gdeltRow(id, date, src, tgt, code, quad, goldstein, url string) string {
	f := make([]string, 61)
	f[0], f[1], f[5], f[7], f[15], f[17] = id, date, src, src[:3], tgt, tgt[:3]
	f[26], f[28], f[29], f[30] = code, code[:2], quad, goldstein
	f[52], f[53], f[56], f[57], f[59], f[60] = "Ulaanbaatar, Mongolia", "MG", "47.9", "106.9", date+"120000", url
	return strings.Join(f, "\t")
}

func TestImportGDELT(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "20131120.export.CSV")
	rows := []string{
		gdeltRow("1", "20131120", "JPNGOV", "PRKGOV", "043", "1", "2.8", "https://example.org/a"),
		gdeltRow("2", "20131120", "PRKGOV", "JPNGOV", "043", "1", "2.8", "https://example.org/a"),
		gdeltRow("3", "20131121", "PRKMIL", "JPNGOV", "138", "3", "-7.0", "https://example.org/b"),
		"1\tshort row",
	}
	os.WriteFile(in, []byte(strings.Join(rows, "\n")+"\n"), 0o644)
	db := filepath.Join(dir, "p.db")
	m, _, errb := newTestMain(t, "")
	err := m.Run(context.Background(), []string{"import", "--db", db, in})
	if exitCode(err) != exitRejected || !strings.Contains(errb.String(), "20131120.export.CSV:4") {
		t.Fatalf("got %v, want one rejected row named by file:line\n%s", err, errb)
	}
	// Again: nothing new.
	m, _, errb = newTestMain(t, "")
	m.Run(context.Background(), []string{"import", "--db", db, in})
	if !strings.Contains(errb.String(), "0 stored under 0 new stories, 2 stories already imported") {
		t.Errorf("second import:\n%s", errb)
	}
	s, err := m.openStoreRead(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	page, err := s.Events(context.Background(), store.Query{Source: "JPN", Target: "PRK", Either: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Events) != 3 {
		t.Fatalf("%d events, want 3", len(page.Events))
	}
	e := page.Events[0]
	if e.Rule != "gdelt2" || e.StoryID != "https://example.org/a" || e.CAMEO != "043" || e.Location == nil || e.Location.Country != "MNG" || e.Date.String() != "2013-11-20" {
		t.Errorf("stored event %+v", e)
	}
}

// TestImportUnreadableFileIsOneRejection checks that a file that is not a
// GDELT export (or is missing) is rejected on its own and the files after
// it are still imported.
func TestImportUnreadableFileIsOneRejection(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "notes.csv")
	os.WriteFile(bad, []byte("title,body\nhello,world\n"), 0o644)
	good := filepath.Join(dir, "20131120.export.CSV")
	os.WriteFile(good, []byte(gdeltRow("1", "20131120", "JPNGOV", "PRKGOV", "043", "1", "2.8", "https://example.org/a")+"\n"), 0o644)
	db := filepath.Join(dir, "p.db")
	m, _, errb := newTestMain(t, "")
	err := m.Run(context.Background(), []string{"import", "--db", db, bad, filepath.Join(dir, "missing.zip"), good})
	if exitCode(err) != exitRejected {
		t.Fatalf("got %v, want exit status %d\n%s", err, exitRejected, errb)
	}
	for _, want := range []string{"notes.csv", "missing.zip", "1 events read, 1 stored"} {
		if !strings.Contains(errb.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errb)
		}
	}
}
