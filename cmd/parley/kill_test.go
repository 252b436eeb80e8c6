package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/parley-events/parley/store"
	"github.com/parley-events/parley/store/sqlite"
)

// helperEnv makes the test binary run parley (with the fake stages and a
// slow coder) instead of the tests: TestHelperProcess reads the arguments
// from it, one per line.
const helperEnv = "PARLEY_TEST_HELPER_ARGS"

// TestHelperProcess is not a test: it is the parley process that the kill
// test starts and kills. It does nothing unless helperEnv is set.
func TestHelperProcess(t *testing.T) {
	args := os.Getenv(helperEnv)
	if args == "" {
		return
	}
	m, _, _ := testMain(&fakeCoder{version: "fake-1", delay: 15 * time.Millisecond})
	m.Stdout, m.Stderr = os.Stdout, os.Stderr
	err := m.Run(context.Background(), strings.Split(args, "\n"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(0)
}

// generateStories writes n stories of the fake reader's format.
func generateStories(t *testing.T, n int, seed uint64) string {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 1))
	names := []string{"Japan", "North Korea", "China", "Mongolia", "South Korea"}
	verbs := []string{"met", "accused"}
	dir := t.TempDir()
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "%d-%02d-%02d\n", 2010+r.IntN(4), 1+r.IntN(12), 1+r.IntN(28))
		for j := range 1 + r.IntN(5) {
			fmt.Fprintf(&b, "In story %d sentence %d %s %s %s in %s. ", i, j, names[r.IntN(5)], verbs[r.IntN(2)], names[r.IntN(5)], months[r.IntN(12)])
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("story%03d.txt", i)), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// perStory returns the number of events of each stored story.
func perStory(t *testing.T, db string) map[string]int {
	t.Helper()
	s, err := sqlite.Open(db, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	out := map[string]int{}
	q := store.StoryQuery{Limit: store.MaxLimit}
	for {
		page, err := s.Stories(t.Context(), q)
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range page.Stories {
			if _, dup := out[st.ID]; dup {
				t.Errorf("story %s stored twice", st.ID)
			}
			_, evs, err := s.Story(t.Context(), st.ID, 0)
			if err != nil {
				t.Fatal(err)
			}
			out[st.ID] = len(evs)
		}
		if page.Next == "" {
			return out
		}
		q.Cursor = page.Next
	}
}

// TestIngestKill9 kills ingest with SIGKILL at random moments, runs it
// again each time, and checks that the database ends up as a clean run's:
// the same stories, each with all its events, none twice. While ingest
// runs, this process reads the same database (WAL: readers do not wait for
// the writer) and checks that the counts only grow.
func TestIngestKill9(t *testing.T) {
	dir := generateStories(t, 200, 42)
	clean := filepath.Join(t.TempDir(), "clean.db")
	mustRun(t, &fakeCoder{version: "fake-1"}, "ingest", "--db", clean, "--quiet", dir)
	want := perStory(t, clean)
	if len(want) != 200 {
		t.Fatalf("clean run stored %d stories, want 200", len(want))
	}

	db := filepath.Join(t.TempDir(), "killed.db")
	args := strings.Join([]string{"ingest", "--db", db, "--batch", "7", "--workers", "2", "--quiet", dir}, "\n")
	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 2))
	killed := 0
	var reads, lastCount int
	for attempt := 0; attempt < 12 && killed < 5; attempt++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
		cmd.Env = append(os.Environ(), helperEnv+"="+args)
		out := &strings.Builder{}
		cmd.Stdout, cmd.Stderr = out, out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		deadline := time.After(time.Duration(30+r.IntN(300)) * time.Millisecond)
		finished := false
	poll:
		for {
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("ingest failed: %v\n%s", err, out)
				}
				finished = true
				break poll
			case <-deadline:
				cmd.Process.Signal(syscall.SIGKILL)
				<-done
				killed++
				break poll
			case <-time.After(20 * time.Millisecond):
				// A second process reads while ingest writes.
				if _, err := os.Stat(db); err != nil {
					continue
				}
				s, err := sqlite.Open(db, sqlite.Options{ReadOnly: true})
				if err != nil {
					continue // the schema may not exist yet
				}
				n, err := s.Count(t.Context(), store.Query{})
				s.Close()
				if err != nil {
					t.Errorf("reading while ingest writes: %v", err)
					continue
				}
				if n < lastCount {
					t.Errorf("event count went down from %d to %d", lastCount, n)
				}
				lastCount = n
				reads++
			}
		}
		if finished {
			break
		}
	}
	if killed == 0 {
		t.Fatalf("ingest was never killed (it finished too fast to test)")
	}
	// Complete the ingest.
	_, errs, err := run(t, &fakeCoder{version: "fake-1"}, "ingest", "--db", db, "--quiet", dir)
	if err != nil {
		t.Fatalf("final ingest: %v\n%s", err, errs)
	}
	got := perStory(t, db)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after %d kills: %d stories, want %d; per-story event counts differ", killed, len(got), len(want))
		for id, n := range want {
			if got[id] != n {
				t.Errorf("story %s: %d events, want %d", id, got[id], n)
			}
		}
	}
	if reads == 0 {
		t.Errorf("never read the database while ingest ran")
	}
	t.Logf("killed %d times; %d reads during ingest; %d stories", killed, reads, len(got))
}

func sqliteOpenRead(path string) (*sqlite.Store, error) {
	return sqlite.Open(path, sqlite.Options{ReadOnly: true})
}

func storeStoryQuery() store.StoryQuery { return store.StoryQuery{Limit: store.MaxLimit} }
