// Command ecoscope analyses the partner network of Learning Communities:
// who takes part (helix types, sectors, units), how they are tied, and how
// the public-private network grows.
//
// Run `ecoscope help` for the commands.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, cancel := interruptible(context.Background())
	code := run(ctx, os.Args[1:], IOStreams{In: os.Stdin, Out: os.Stdout, Err: os.Stderr, Env: os.LookupEnv})
	cancel()
	os.Exit(code)
}

// interruptible returns a context that is cancelled by the first Ctrl-C
// (SIGINT) or SIGTERM: analyses stop, nothing is written and ecoscope exits
// with exitInterrupted. After the first signal the default handling is
// back, so a second Ctrl-C ends the process at once.
func interruptible(parent context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(parent)
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case <-sig:
			cancel()
		case <-ctx.Done():
		}
		signal.Stop(sig)
	}()
	return ctx, cancel
}
