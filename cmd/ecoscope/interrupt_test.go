package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ecoscope/ecoscope/generate"
)

// TestMain lets a test run the test binary as the ecoscope command (see
// runAsCommand).
func TestMain(m *testing.M) {
	if os.Getenv("ECOSCOPE_TEST_AS_COMMAND") == "1" {
		main() // exits
	}
	os.Exit(m.Run())
}

// command returns the ecoscope command with args, as a process of its own.
func command(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	c := exec.Command(exe, args...)
	c.Env = append(os.Environ(), "ECOSCOPE_TEST_AS_COMMAND=1")
	return c
}

// TestInterrupt sends Ctrl-C (SIGINT) to a long analysis: it must stop,
// write nothing and exit with 130 (issue 8: SIGINT 6 s into metrics --level
// nodes on 30k partners let it run 95 s more and write its output). The 30 s
// bound is only a guard against a hang; the time to stop is measured in
// docs/benchmarks.md.
func TestInterrupt(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "big")
	e := generate.Ecosystem(generate.Options{Partners: 30000, Seed: 1, NetworkOnly: true})
	if err := generate.WriteCSV(dir, e); err != nil {
		t.Fatal(err)
	}
	outDir := t.TempDir()
	out := filepath.Join(outDir, "nodes.csv")
	c := command(t, "metrics", "--level", "nodes", "--format", "csv", "--out", out, "--from", dir)
	var stderr bytes.Buffer
	c.Stderr = &stderr
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Second) // reading takes well under a second; then the analysis runs
	if err := c.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- c.Wait() }()
	var err error
	select {
	case err = <-done:
	case <-time.After(30 * time.Second):
		c.Process.Kill()
		t.Fatalf("still running 30 s after SIGINT\n%s", stderr.String())
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitInterrupted {
		t.Fatalf("exit: %v, want code %d\n%s", err, exitInterrupted, stderr.String())
	}
	if !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("stderr does not say it was interrupted:\n%s", stderr.String())
	}
	left, _ := os.ReadDir(outDir)
	if len(left) != 0 {
		t.Errorf("an interrupted run left %v in the output folder", left)
	}
}
