package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// newTestMain returns a Main writing to buffers.
func newTestMain(tb testing.TB, stdin string) (*Main, *bytes.Buffer, *bytes.Buffer) {
	tb.Helper()
	var out, errb bytes.Buffer
	return &Main{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}, &out, &errb
}

func TestRunUsage(t *testing.T) {
	m, _, errb := newTestMain(t, "")
	err := m.Run(context.Background(), nil)
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != exitUsage {
		t.Fatalf("no args: got %v, want usage exit", err)
	}
	if !strings.Contains(errb.String(), "read") || !strings.Contains(errb.String(), "code") {
		t.Fatalf("usage does not list commands:\n%s", errb)
	}
	err = m.Run(context.Background(), []string{"frobnicate"})
	if !errors.As(err, &ee) || ee.code != exitUsage || !strings.Contains(ee.msg, "frobnicate") {
		t.Fatalf("unknown command: got %v", err)
	}
	if err := m.Run(context.Background(), []string{"help"}); err != nil {
		t.Fatalf("help: %v", err)
	}
}

func TestParseFlagsInterleaved(t *testing.T) {
	tests := []struct {
		args       []string
		wantFormat string
		wantDicts  []string
		wantPos    []string
	}{
		{[]string{"a.txt"}, "", nil, []string{"a.txt"}},
		{[]string{"--format", "jsonl", "a.txt"}, "jsonl", nil, []string{"a.txt"}},
		{[]string{"a.txt", "--format", "jsonl", "b.txt"}, "jsonl", nil, []string{"a.txt", "b.txt"}},
		{[]string{"-", "--dict", "x", "--dict", "y"}, "", []string{"x", "y"}, []string{"-"}},
		{[]string{"--format=tsv", "--", "-odd-name"}, "tsv", nil, []string{"-odd-name"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			m, _, _ := newTestMain(t, "")
			fs := m.newFlagSet("x", "")
			format := fs.String("format", "", "")
			var dicts multiFlag
			fs.Var(&dicts, "dict", "")
			if err := parseFlags(fs, tt.args); err != nil {
				t.Fatal(err)
			}
			if *format != tt.wantFormat {
				t.Errorf("format = %q, want %q", *format, tt.wantFormat)
			}
			if diff := cmp.Diff(tt.wantDicts, []string(dicts)); diff != "" {
				t.Errorf("dicts (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantPos, fs.Args()); diff != "" {
				t.Errorf("args (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseFlagsBadFlag(t *testing.T) {
	m, _, _ := newTestMain(t, "")
	fs := m.newFlagSet("x", "")
	fs.String("format", "", "")
	var ee *exitError
	if err := parseFlags(fs, []string{"--nope"}); !errors.As(err, &ee) || ee.code != exitUsage {
		t.Fatalf("got %v, want usage exit", err)
	}
}
