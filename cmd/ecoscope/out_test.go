package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// outCommands are the commands that write output, with arguments that make
// them write some.
var outCommands = [][]string{
	{"report"},
	{"check"},
	{"values"},
	{"gaps"},
	{"growth"},
	{"diff", "--at", "2019", "--at", "2025"},
	{"metrics", "--level", "nodes", "--format", "csv"},
}

// exampleAbs is the example data set as an absolute path, for tests that
// change the working folder.
func exampleAbs(t *testing.T) string {
	t.Helper()
	p, err := filepath.Abs(example)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func lmode(t *testing.T, path string) fs.FileMode {
	t.Helper()
	fi, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode()
}

// Every command that writes output takes --out (-o): a file gets what
// standard output would, and - is standard output (issue 9: -o - wrote a
// file named -; report, check and values had no --out).
func TestOutEveryCommand(t *testing.T) {
	ex := exampleAbs(t)
	for _, c := range outCommands {
		t.Run(c[0], func(t *testing.T) {
			dir := t.TempDir()
			t.Chdir(dir)
			args := append(append([]string{}, c...), "--from", ex)
			want := ecoscope(t, nil, args...)
			if want.code != exitOK || want.stdout == "" {
				t.Fatalf("exit %d, stderr:\n%s", want.code, want.err)
			}
			path := filepath.Join(dir, "out.txt")
			r := ecoscope(t, nil, append(args, "--out", path)...)
			if r.code != exitOK {
				t.Fatalf("--out: exit %d, stderr:\n%s", r.code, r.err)
			}
			if b, err := os.ReadFile(path); err != nil || string(b) != want.stdout {
				t.Errorf("--out: the file holds %.200q (%v), want what standard output got", b, err)
			}
			if r.stdout != "" {
				t.Errorf("--out: standard output got %.200q", r.stdout)
			}
			r = ecoscope(t, nil, append(args, "-o", "-")...)
			if r.code != exitOK || r.stdout != want.stdout {
				t.Errorf("-o -: exit %d, standard output %.200q", r.code, r.stdout)
			}
			if _, err := os.Lstat("-"); err == nil {
				t.Errorf("-o - wrote a file named -")
			}
			h := ecoscope(t, nil, c[0], "--help")
			if !strings.Contains(h.stdout, "-o, --out") {
				t.Errorf("help does not show -o, --out:\n%s", h.stdout)
			}
		})
	}
}

// --out writes a new file with the mode the umask gives, and a file it
// replaces keeps its mode (issue 9: every file got 0600).
func TestOutMode(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	dir := t.TempDir()
	path := filepath.Join(dir, "network.json")
	if r := ecoscope(t, nil, "metrics", "--from", example, "--out", path); r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	if got := lmode(t, path); got != 0o644 {
		t.Errorf("new file under umask 022: mode %v, want -rw-r--r--", got)
	}
	if err := os.Chmod(path, 0o640); err != nil {
		t.Fatal(err)
	}
	if r := ecoscope(t, nil, "metrics", "--from", example, "--out", path); r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	if got := lmode(t, path); got != 0o640 {
		t.Errorf("replaced file: mode %v, want its old -rw-r-----", got)
	}
}

// --out through a symlink writes the file the link points to and keeps the
// link (issue 9: the link was replaced by a file).
func TestOutSymlink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "kept", "metrics.csv")
	if err := os.Mkdir(filepath.Dir(target), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(target, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "latest.csv")
	if err := os.Symlink("kept/metrics.csv", link); err != nil {
		t.Fatal(err)
	}
	r := ecoscope(t, nil, "metrics", "--from", example, "--format", "csv", "--out", link)
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	if lmode(t, link)&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v", lmode(t, link))
	}
	if b, _ := os.ReadFile(target); !strings.HasPrefix(string(b), "partners,") {
		t.Errorf("the target holds %.100q", b)
	}
}

// --out to a named pipe writes into the pipe (issue 9: it was replaced by a
// file).
func TestOutFIFO(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	got := make(chan string, 1)
	go func() {
		b, _ := os.ReadFile(path)
		got <- string(b)
	}()
	r := ecoscope(t, nil, "metrics", "--from", example, "--out", path)
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	if lmode(t, path)&fs.ModeNamedPipe == 0 {
		t.Fatalf("the pipe was replaced: %v", lmode(t, path))
	}
	select {
	case s := <-got:
		if !strings.Contains(s, `"density"`) {
			t.Errorf("the pipe carried %.200q", s)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("nothing came through the pipe")
	}
}

// --out to a device writes to it and leaves it a device (issue 9: as root,
// -o /dev/null made /dev/null a regular file). The devices are made in a
// temporary folder (same numbers as /dev/null and /dev/full), so that the
// test cannot break the machine's own even against a --out that replaces.
func TestOutDevice(t *testing.T) {
	dir := t.TempDir()
	null, full := filepath.Join(dir, "null"), filepath.Join(dir, "full")
	if err := syscall.Mknod(null, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
		t.Skipf("mknod (needs root): %v", err)
	}
	if err := syscall.Mknod(full, syscall.S_IFCHR|0o666, 1<<8|7); err != nil {
		t.Skipf("mknod (needs root): %v", err)
	}
	r := ecoscope(t, nil, "gaps", "--from", example, "-o", null)
	if r.code != exitOK || lmode(t, null)&fs.ModeCharDevice == 0 {
		t.Errorf("null device: exit %d, mode %v: %s", r.code, lmode(t, null), r.err)
	}
	r = ecoscope(t, nil, "gaps", "--from", example, "-o", full)
	if r.code != exitError || !strings.Contains(r.err, "no space left") || !strings.Contains(r.err, full) {
		t.Errorf("full device: exit %d, stderr %q; want exit 1 and no space left naming %s", r.code, r.err, full)
	}
	if lmode(t, full)&fs.ModeCharDevice == 0 {
		t.Errorf("full device: replaced, mode %v", lmode(t, full))
	}
}

// --out a folder, or a file in a folder that does not exist, is an error
// that names it and no temporary file (issue 9: a rename error about a
// temporary file).
func TestOutFolderErrors(t *testing.T) {
	dir := t.TempDir()
	r := ecoscope(t, nil, "gaps", "--from", example, "--out", dir)
	if r.code != exitError || !strings.Contains(r.err, dir+": is a folder") || strings.Contains(r.err, ".ecoscope-") {
		t.Errorf("--out DIR: exit %d, stderr %q", r.code, r.err)
	}
	missing := filepath.Join(dir, "missing")
	r = ecoscope(t, nil, "gaps", "--from", example, "--out", filepath.Join(missing, "gaps.txt"))
	if r.code != exitError || !strings.Contains(r.err, "folder "+missing+" does not exist") || strings.Contains(r.err, ".ecoscope-") {
		t.Errorf("--out in a missing folder: exit %d, stderr %q", r.code, r.err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("left %v", left)
	}
}
