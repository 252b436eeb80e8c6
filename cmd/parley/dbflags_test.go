package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/store/sqlite"
)

// Bad values of the query flags are usage errors (exit status 2) that name
// the flag and the value, found before the store is read: never the name
// of a store operation.
func TestQueryFlagValuesAreUsageErrors(t *testing.T) {
	db := ingested(t)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"events", "--dyad", "JPNPRK"}, `--dyad: bad dyad "JPNPRK"`},
		{[]string{"events", "--dyad", "JPN-P;RK"}, `--dyad: bad dyad "JPN-P;RK"`},
		{[]string{"events", "--from", "2012-13"}, `--from: bad date "2012-13"`},
		{[]string{"events", "--to", "2012-02-30"}, `--to: bad date "2012-02-30"`},
		{[]string{"events", "--published-from", "yesterday"}, `--published-from: bad date "yesterday"`},
		{[]string{"events", "--root", "99"}, `--root: bad CAMEO root "99" (want 01 to 20)`},
		{[]string{"events", "--root", "00"}, `--root: bad CAMEO root "00"`},
		{[]string{"events", "--root", "21"}, `--root: bad CAMEO root "21"`},
		{[]string{"events", "--quad", "7"}, `--quad: bad QuadClass 7`},
		{[]string{"events", "--quad", "-1"}, `--quad: bad QuadClass -1`},
		{[]string{"events", "--cameo", "03x"}, `--cameo: bad CAMEO code "03x"`},
		{[]string{"events", "--actor", "PRK'"}, `--actor: bad actor code "PRK'"`},
		{[]string{"events", "--source", "J P N"}, `--source: bad actor code "J P N"`},
		{[]string{"events", "--location", "MN%"}, `--location: bad country code "MN%"`},
		{[]string{"events", "--text", "?!"}, `--text: no words in "?!"`},
		{[]string{"events", "--min-precision", "hour"}, `--min-precision: bad precision "hour"`},
		{[]string{"events", "--version", "-2"}, `--version: bad version -2`},
		{[]string{"series", "--dyad", "JPNPRK"}, `--dyad: bad dyad "JPNPRK"`},
		{[]string{"series", "--dyad", "JPN-PRK", "--from", "2012-13"}, `--from: bad date "2012-13"`},
		{[]string{"series", "--dyad", "JPN-PRK", "--root", "99"}, `--root: bad CAMEO root "99"`},
		{[]string{"dyads", "--from", "2012-13"}, `--from: bad date "2012-13"`},
		{[]string{"dyads", "--dyad", "JPNPRK"}, `--dyad: bad dyad "JPNPRK"`},
		{[]string{"dyads", "--quad", "5"}, `--quad: bad QuadClass 5`},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			out, errOut, err := runMain(t, false, "", append(tt.args, "--db", db)...)
			if got := exitCode(err); got != exitUsage {
				t.Fatalf("exit status %d (%v), want %d", got, err, exitUsage)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to contain %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "sqlite.") {
				t.Errorf("error %q names a store operation", err)
			}
			if out != "" || errOut != "" {
				t.Errorf("output beside a usage error: %q, %q", out, errOut)
			}
		})
	}
	// The forms the checks must let through.
	for _, args := range [][]string{
		{"events", "--root", "3"},
		{"events", "--root", "20"},
		{"events", "--quad", "1", "--location", "mng"},
		{"events", "--dyad", "---COP-PRK"},
		{"series", "--dyad", "JPN-PRK", "--from", "2012", "--to", "2013-12-31"},
		{"dyads", "--actor", "PRK", "--text", "Japan"},
	} {
		if _, errOut, err := runMain(t, false, "", append(args, "--db", db)...); err != nil {
			t.Errorf("%s: %v\n%s", strings.Join(args, " "), err, errOut)
		}
	}
	out, _, err := runMain(t, false, "", "events", "--db", db, "--root", "3", "--format", "jsonl")
	if evs := decodeEvents(t, out); err != nil || len(evs) == 0 || evs[0].Root != "03" {
		t.Errorf("--root 3 (one digit): %v, %d events, want some of root 03", err, len(evs))
	}
}

// --db naming a directory is a usage error, for readers and writers.
func TestDBIsDirectory(t *testing.T) {
	dir := t.TempDir()
	stories := writeStories(t, testStories)
	for _, args := range [][]string{
		{"events"}, {"series", "--dyad", "JPN-PRK"}, {"dyads"}, {"recode"},
	} {
		_, _, err := runMain(t, false, "", append(args, "--db", dir)...)
		want := dir + ": is a directory, not a database file"
		if got := exitCode(err); got != exitUsage || err.Error() != want {
			t.Errorf("%s --db DIR: exit status %d, error %v; want %d, %q", args[0], got, err, exitUsage, want)
		}
	}
	_, _, err := run(t, &fakeCoder{version: "fake-1"}, "ingest", "--db", dir, stories)
	if got := exitCode(err); got != exitUsage || !strings.Contains(err.Error(), "is a directory, not a database file") {
		t.Errorf("ingest --db DIR: exit status %d, error %v", got, err)
	}
	// The store says the same to other callers.
	_, err = sqlite.Open(dir, sqlite.Options{})
	var pe *parley.Error
	if !errors.As(err, &pe) || pe.Kind != parley.Invalid || pe.Op != dir {
		t.Errorf("sqlite.Open(dir) = %v, want Invalid with Op %q", err, dir)
	}
}

// A database in a folder nobody may write, itself not writable, is still
// queried; ingest into it says it is read-only and changes nothing. Root
// writes whatever the modes say, so as root the commands run as user nobody
// (uid 65534) in a copy of the test binary.
func TestReadOnlyDatabase(t *testing.T) {
	db := ingested(t)
	want, _, err := runMain(t, false, "", "events", "--db", db, "--limit", "0", "--format", "jsonl")
	if err != nil || len(decodeEvents(t, want)) == 0 {
		t.Fatalf("events: %v, %d events", err, len(decodeEvents(t, want)))
	}
	wantSeries, _, err := runMain(t, false, "", "series", "--db", db, "--dyad", "JPN-PRK", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	// Copy the closed database (no -wal or -shm beside it) into a folder
	// that everybody may read and nobody write.
	base, err := os.MkdirTemp("", "parley-ro-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(filepath.Join(base, "ro"), 0o755); os.RemoveAll(base) })
	roDir := filepath.Join(base, "ro")
	if err := os.Mkdir(roDir, 0o755); err != nil {
		t.Fatal(err)
	}
	ro := filepath.Join(roDir, "p.db")
	data, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(ro, data, 0o444); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(ro, 0o444); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(roDir, 0o555); err != nil {
		t.Fatal(err)
	}
	stories := filepath.Join(base, "fresh.txt")
	if err := os.WriteFile(stories, []byte("2014-03-03\nJapan met North Korea in March in Beijing."), 0o644); err != nil {
		t.Fatal(err)
	}

	parley := func(args ...string) (stdout, stderr string, err error) {
		return runMain(t, false, "", args...)
	}
	if os.Geteuid() == 0 {
		parley = asNobody(t, base)
	}
	got, errOut, err := parley("events", "--db", ro, "--limit", "0", "--format", "jsonl")
	if err != nil || got != want {
		t.Fatalf("events on a read-only database: %v\n%s\ngot  %q\nwant %q", err, errOut, got, want)
	}
	got, errOut, err = parley("series", "--db", ro, "--dyad", "JPN-PRK", "--format", "csv")
	if err != nil || got != wantSeries {
		t.Fatalf("series on a read-only database: %v\n%s\ngot  %q\nwant %q", err, errOut, got, wantSeries)
	}
	if got, errOut, err = parley("dyads", "--db", ro, "--format", "csv"); err != nil || !strings.Contains(got, "JPN,PRK") {
		t.Fatalf("dyads on a read-only database: %v\n%s\n%s", err, errOut, got)
	}
	_, errOut, err = parley("ingest", "--db", ro, "--quiet", stories)
	if msg := ro + ": database is read-only"; err == nil || !strings.Contains(err.Error()+errOut, msg) {
		t.Fatalf("ingest into a read-only database: %v\n%s\nwant %q", err, errOut, msg)
	}
	if strings.Contains(err.Error()+errOut, "sqlite.Open") {
		t.Errorf("ingest names a store operation: %v\n%s", err, errOut)
	}
	after, err := os.ReadFile(ro)
	if err != nil || !bytes.Equal(after, data) {
		t.Errorf("the read-only database changed (%v)", err)
	}
	if entries, _ := os.ReadDir(roDir); len(entries) != 1 {
		t.Errorf("files beside the read-only database: %v", entries)
	}
}

// asNobody returns a function running parley as user nobody in a copy of
// the test binary under base (TestHelperProcess runs the arguments). It
// skips the test when a folder above base is closed to nobody.
func asNobody(t *testing.T, base string) func(args ...string) (string, string, error) {
	t.Helper()
	if err := os.Chmod(base, 0o755); err != nil {
		t.Fatal(err)
	}
	for d := filepath.Dir(base); d != filepath.Dir(d); d = filepath.Dir(d) {
		if fi, err := os.Stat(d); err != nil || fi.Mode().Perm()&0o001 == 0 {
			t.Skipf("running as root, and %s is closed to user nobody: cannot test a read-only database", d)
		}
	}
	exe := filepath.Join(base, "parley.test")
	src, err := os.Open(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.OpenFile(exe, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
	return func(args ...string) (string, string, error) {
		var out, errb bytes.Buffer
		cmd := exec.Command(exe, "-test.run=^TestHelperProcess$")
		cmd.Env = append(os.Environ(), helperEnv+"="+strings.Join(args, "\n"))
		cmd.Dir = base
		cmd.Stdout, cmd.Stderr = &out, &errb
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		err := cmd.Run()
		if err != nil {
			err = errors.New(strings.TrimSpace(errb.String()))
		}
		return out.String(), errb.String(), err
	}
}
