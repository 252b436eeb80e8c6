package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a bytes.Buffer safe for the server's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestServe runs "parley serve" on port 0 with a TOML configuration, posts
// a story with the configured token, reads it back, and stops the server
// by cancelling its context.
func TestServe(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "parley.toml")
	os.WriteFile(cfg, []byte("addr = \"127.0.0.1:0\"\ntoken = \"tok\"\nmax_body_bytes = 10000\n"), 0o600)
	var errb lockedBuffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &bytes.Buffer{}, Stderr: &errb, Getenv: func(string) string { return "" },
		stages: fakeStages(&fakeCoder{version: "fake 1"})}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx, []string{"serve", "--db", filepath.Join(dir, "p.db"), "--config", cfg}) }()
	var base string
	re := regexp.MustCompile(`on (http://127\.0\.0\.1:\d+)/`)
	for i := 0; i < 200 && base == ""; i++ {
		if mm := re.FindStringSubmatch(errb.String()); mm != nil {
			base = mm[1]
		}
		time.Sleep(10 * time.Millisecond)
	}
	if base == "" {
		cancel()
		t.Fatalf("server did not start: %s", errb.String())
	}
	post := func(auth, body string) *http.Response {
		req, _ := http.NewRequest("POST", base+"/api/v1/stories", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}
	story := `{"title":"t","date":"2013-02-03","text":"Japan met North Korea in Ulaanbaatar."}`
	if res := post("", story); res.StatusCode != 401 {
		t.Errorf("no token: %d", res.StatusCode)
	}
	if res := post("Bearer tok", story); res.StatusCode != 201 {
		t.Errorf("with the configured token: %d", res.StatusCode)
	}
	if res := post("Bearer tok", `{"text":"`+strings.Repeat("x", 20000)+`"}`); res.StatusCode != 413 {
		t.Errorf("over max_body_bytes: %d", res.StatusCode)
	}
	res, err := http.Get(base + "/api/v1/events?dyad=JPN-PRK")
	if err != nil {
		t.Fatal(err)
	}
	var page struct {
		Events []json.RawMessage `json:"events"`
	}
	json.NewDecoder(res.Body).Decode(&page)
	res.Body.Close()
	if len(page.Events) != 1 {
		t.Errorf("stored events: %d, want 1", len(page.Events))
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
	if !strings.Contains(errb.String(), "status=201") {
		t.Errorf("requests are not logged: %s", errb.String())
	}
}

func TestServeConfigErrors(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{"bad.toml": "tokn = \"x\"\n", "bad.json": `{"token": 1}`, "bad.yaml": "token: x"} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(body), 0o600)
		m := &Main{Stdin: strings.NewReader(""), Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}, Getenv: func(string) string { return "" }}
		err := m.Run(context.Background(), []string{"serve", "--db", filepath.Join(dir, "p.db"), "--config", p})
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: error %v, want one naming the file", name, err)
		}
	}
	p := filepath.Join(dir, "ok.json")
	os.WriteFile(p, []byte(`{"token":"a","addr":"127.0.0.1:0","read_only":true}`), 0o600)
	c, err := loadServeConfig(p)
	if err != nil || c.Token != "a" || !c.ReadOnly {
		t.Errorf("json config: %+v %v", c, err)
	}
}
