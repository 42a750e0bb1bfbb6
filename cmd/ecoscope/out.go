package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/ecoscope/ecoscope/internal/outfile"
)

// registerOut adds --out (-o) to a command that writes output: every such
// command takes it, with the same meaning (docs/output.md).
func registerOut(cmd *cobra.Command, out *string) {
	cmd.Flags().StringVarP(out, "out", "o", "", "write to this file instead of standard output (- for standard output; see docs/output.md)")
}

// writeOut runs write on standard output when path is empty or "-", else
// on the file at path as outfile.Write does: a regular file is replaced
// atomically (a failed or interrupted run leaves it as it was), a device or
// pipe is written to, a link is followed, a folder is an error.
func (a *app) writeOut(ctx context.Context, path string, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		return write(a.io.Out)
	}
	if err := outfile.Write(ctx, path, write); err != nil {
		return err
	}
	fmt.Fprintf(a.io.Err, "wrote %s\n", path)
	return nil
}
