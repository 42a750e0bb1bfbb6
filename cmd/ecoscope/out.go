package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"

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
	a.endAnalysis()
	if path == "" || path == "-" {
		return write(a.io.Out)
	}
	if err := outfile.Write(ctx, path, write); err != nil {
		return err
	}
	fmt.Fprintf(a.io.Err, "wrote %s\n", path)
	return nil
}

// checkNew checks the paths of the files a command such as generate or init
// is about to write, before it writes any: a folder at one of them is an
// error, and so, unless force, is anything else already there (a symbolic
// link included, even one to nothing). With force the files are replaced
// by outfile.Replace, links included: what a link points to is never
// written.
func checkNew(paths []string, force bool) error {
	var first error
	more := 0
	for _, p := range paths {
		fi, err := os.Lstat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.ENOTDIR):
			continue // written to a new file (or the folder is an error then)
		case err != nil:
			return err
		case fi.IsDir():
			return &fs.PathError{Op: "write", Path: p, Err: outfile.ErrIsDir}
		case force:
			continue
		case first != nil:
			more++
		case fi.Mode()&fs.ModeSymlink != 0:
			first = fmt.Errorf("%s is a symbolic link; use --force to replace the link (what it points to is left alone)", p)
		default:
			first = fmt.Errorf("%s already exists; use --force to overwrite it", p)
		}
	}
	if first != nil && more > 0 {
		return fmt.Errorf("%w (and %d more)", first, more)
	}
	return first
}
