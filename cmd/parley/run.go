package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// Exit statuses.
const (
	exitUsage       = 2   // bad flags or arguments
	exitRejected    = 3   // the command ran, but some input was rejected (each rejection is on stderr)
	exitInterrupted = 130 // interrupted, and still busy after the grace period
)

// exitError ends the program with a given status.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string {
	if e.msg == "" {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.msg
}

// errRejected reports that n inputs were rejected.
func errRejected(n int) error {
	return &exitError{code: exitRejected, msg: fmt.Sprintf("%d input(s) rejected", n)}
}

// Main owns the command line: its streams and the wiring of subcommands.
// Tests construct one with buffers and call Run.
type Main struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// IsTerminal reports whether Stdout is an interactive terminal (tables,
	// progress bars) rather than a pipe or file (JSON lines, log lines).
	IsTerminal bool
	// Getenv reads the environment (os.Getenv by default).
	Getenv func(string) string

	// stages are the read, analyse and code steps of ingest and recode;
	// nil for the real ones (tests inject fakes).
	stages *stages
}

// NewMain returns a Main wired to the process's standard streams.
func NewMain() *Main {
	return &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, IsTerminal: isTerminal(os.Stdout), Getenv: os.Getenv}
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

type command struct {
	summary string
	run     func(m *Main, ctx context.Context, args []string) error
}

// commands is the table of subcommands; each lives in its own file.
func commands() map[string]command {
	return map[string]command{
		"read":     {"read stories and print their metadata, sentences and resolved time expressions", (*Main).runRead},
		"code":     {"code stories into events (JSON lines, TSV or a table)", (*Main).runCode},
		"ingest":   {"read, code and store stories in the database", (*Main).runIngest},
		"recode":   {"recode stored stories into a new coding version", (*Main).runRecode},
		"events":   {"query stored events", (*Main).runEvents},
		"series":   {"dyad time series from stored events", (*Main).runSeries},
		"dyads":    {"top dyads and an actor's partners", (*Main).runDyads},
		"serve":    {"serve the HTTP JSON API and the dashboard", (*Main).runServe},
		"backtest": {"rolling-origin forecast backtest of a series file", (*Main).runBacktest},
		"forecast": {"forecast a stored dyad's series", (*Main).runForecast},
		"alerts":   {"dyads whose latest period broke from their forecast", (*Main).runAlerts},
		"import":   {"import GDELT event exports and series files into the store", (*Main).runImport},
	}
}

// Run runs the subcommand named by args[0].
func (m *Main) Run(ctx context.Context, args []string) error {
	cmds := commands()
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		m.usage(cmds)
		if len(args) == 0 {
			return &exitError{code: exitUsage}
		}
		return nil
	}
	c, ok := cmds[args[0]]
	if !ok {
		m.usage(cmds)
		return &exitError{code: exitUsage, msg: fmt.Sprintf("unknown command %q", args[0])}
	}
	return c.run(m, ctx, args[1:])
}

func (m *Main) usage(cmds map[string]command) {
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("usage: parley COMMAND [flags] [args]\n\ncommands:\n")
	for _, n := range names {
		fmt.Fprintf(&b, "  %-9s %s\n", n, cmds[n].summary)
	}
	b.WriteString("\nRun \"parley COMMAND -h\" for a command's flags.\n")
	io.WriteString(m.Stderr, b.String())
}

// newFlagSet returns a flag set for a subcommand that writes its usage to
// m.Stderr and returns errors instead of exiting.
func (m *Main) newFlagSet(name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(m.Stderr, "usage: parley %s %s\n", name, usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, mapping -h and bad flags to a usage exit.
// Flags may follow positional arguments ("parley read FILE --format jsonl").
func parseFlags(fs *flag.FlagSet, args []string) error {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp {
				return &exitError{code: 0}
			}
			return &exitError{code: exitUsage}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			// The flag package stopped at "--": the rest is positional.
			pos = append(pos, rest...)
			break
		}
		// Take positional arguments up to the next flag, then keep parsing.
		i := 0
		for i < len(rest) && (rest[i] == "-" || !strings.HasPrefix(rest[i], "-")) {
			i++
		}
		pos = append(pos, rest[:i]...)
		if i == len(rest) {
			break
		}
		if rest[i] == "--" {
			pos = append(pos, rest[i+1:]...)
			break
		}
		args = rest[i:]
	}
	// Re-parse with positionals only so fs.Args() returns them all.
	return fs.Parse(append([]string{"--"}, pos...))
}

// multiFlag is a repeatable string flag (--dict A --dict B).
type multiFlag []string

func (f *multiFlag) String() string     { return strings.Join(*f, ",") }
func (f *multiFlag) Set(v string) error { *f = append(*f, v); return nil }
