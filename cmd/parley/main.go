// Command parley turns news stories into political event data: it reads
// stories, codes events, stores them, aggregates and forecasts dyad series
// and serves them over HTTP. Run "parley help" for the subcommands.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// shutdownGrace is how long a command may run on after an interrupt.
const shutdownGrace = 10 * time.Second

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		// The first signal cancels ctx so the command can stop cleanly; a
		// second one, or a command still busy after a grace period, ends the
		// process (every store write is one transaction, so that is safe).
		<-ctx.Done()
		stop()
		time.Sleep(shutdownGrace)
		fmt.Fprintln(os.Stderr, "parley: still running", shutdownGrace, "after the signal; exiting")
		os.Exit(exitInterrupted)
	}()
	m := NewMain()
	if err := m.Run(ctx, os.Args[1:]); err != nil {
		var ee *exitError
		if errors.As(err, &ee) {
			if ee.msg != "" {
				fmt.Fprintln(os.Stderr, "parley:", ee.msg)
			}
			os.Exit(ee.code)
		}
		fmt.Fprintln(os.Stderr, "parley:", err)
		os.Exit(1)
	}
}
