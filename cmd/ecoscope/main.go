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
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], IOStreams{In: os.Stdin, Out: os.Stdout, Err: os.Stderr, Env: os.LookupEnv})
	stop()
	os.Exit(code)
}
