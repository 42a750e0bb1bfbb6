package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
)

// bigGraphML writes a GraphML file of n partners in a ring, large enough
// that reading it takes a while.
func bigGraphML(t *testing.T, n int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="t" for="node" attr.name="type"/><key id="w" for="edge" attr.name="weight"/><graph edgedefault="undirected">` + "\n")
	for i := range n {
		fmt.Fprintf(&b, "<node id=\"p%d\"><data key=\"t\">%s</data></node>\n", i, []string{"university", "company", "gemeente", "ngo"}[i%4])
	}
	for i := range n {
		fmt.Fprintf(&b, "<edge source=\"p%d\" target=\"p%d\"><data key=\"w\">2</data></edge>\n", i, (i+1)%n)
	}
	b.WriteString("</graph></graphml>\n")
	path := filepath.Join(t.TempDir(), "big.graphml")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// runWithStderr runs ecoscope with stderr the file errw, and returns its
// exit code, stdout and what was read from errr while it ran.
func runWithStderr(t *testing.T, errw *os.File, errr io.Reader, args ...string) (int, string, string) {
	t.Helper()
	read := make(chan string)
	go func() {
		var b bytes.Buffer
		io.Copy(&b, errr) // until EOF, or EIO when the terminal closes
		read <- b.String()
	}()
	var out bytes.Buffer
	env := map[string]string{"ECOSCOPE_STORE": filepath.Join(t.TempDir(), "test.db")}
	code := run(context.Background(), args, IOStreams{
		In: strings.NewReader(""), Out: &out, Err: errw,
		Env: func(k string) (string, bool) { v, ok := env[k]; return v, ok },
	})
	errw.Close()
	return code, out.String(), <-read
}

// TestProgressTerminal: reading a data set and computing metrics show a
// bar on stderr when it is a terminal (a pseudo-terminal here), nothing
// with --quiet, and nothing when stderr is a pipe; stdout is the same.
func TestProgressTerminal(t *testing.T) {
	defer func(d time.Duration) { progressDelay = d }(progressDelay)
	progressDelay = 0 // the bar of work of any length
	t.Setenv("TERM", "xterm")
	path := bigGraphML(t, 20000)
	args := []string{"metrics", "--level", "network", "--from", path}

	open := func() (*os.File, *os.File) {
		ptmx, tty, err := pty.Open()
		if err != nil {
			t.Skipf("no pseudo-terminal: %v", err)
		}
		t.Cleanup(func() { ptmx.Close() })
		return ptmx, tty
	}

	ptmx, tty := open()
	code, stdout, stderr := runWithStderr(t, tty, ptmx, args...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "reading big.graphml") || !strings.Contains(stderr, "%") {
		t.Errorf("no reading bar on the terminal:\n%q", stderr)
	}
	if !strings.Contains(stderr, "computing network metrics") {
		t.Errorf("no metrics spinner on the terminal:\n%q", stderr)
	}
	want := stdout

	// Every analysis command: a spinner between loading and writing.
	ptmx, tty = open()
	code, _, stderr = runWithStderr(t, tty, ptmx, "gaps", "--only-gaps", "--from", path)
	if code != exitOK || !strings.Contains(stderr, "analysing") {
		t.Errorf("gaps: exit %d, no analysis spinner on the terminal:\n%q", code, stderr)
	}

	ptmx, tty = open()
	code, stdout, stderr = runWithStderr(t, tty, ptmx, append([]string{"--quiet"}, args...)...)
	if code != exitOK || hasBar(stderr) || stdout != want {
		t.Errorf("--quiet: exit %d, stderr %q", code, stderr)
	}

	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	code, stdout, stderr = runWithStderr(t, w, r, args...)
	if code != exitOK || hasBar(stderr) || strings.Contains(stderr, "\r") || stdout != want {
		t.Errorf("pipe: exit %d, stderr %q", code, stderr)
	}
}

// hasBar reports whether stderr shows a progress bar or spinner.
func hasBar(stderr string) bool {
	return strings.Contains(stderr, "reading ") || strings.Contains(stderr, "computing ") || strings.Contains(stderr, "analysing") || strings.Contains(stderr, "%|")
}
