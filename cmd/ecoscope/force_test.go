package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// generate refuses to write over a file or through a symbolic link unless
// --force, and then replaces the link, not its target (issue 9: generate
// --out g1, where g1/ties.csv linked to another file, overwrote that file).
func TestGenerateRefusesLinksAndFiles(t *testing.T) {
	dir := t.TempDir()
	precious := filepath.Join(dir, "precious.csv")
	if err := os.WriteFile(precious, []byte("keep me\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	g1 := filepath.Join(dir, "g1")
	if err := os.Mkdir(g1, 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(g1, "ties.csv")
	if err := os.Symlink(precious, link); err != nil {
		t.Fatal(err)
	}
	r := ecoscope(t, nil, "generate", "--partners", "10", "--out", g1)
	if r.code != exitError || !strings.Contains(r.err, link) || !strings.Contains(r.err, "--force") {
		t.Errorf("a link in --out: exit %d, stderr %q; want an error naming %s and --force", r.code, r.err, link)
	}
	if b, _ := os.ReadFile(precious); string(b) != "keep me\n" {
		t.Errorf("the link's target was written: %.100q", b)
	}
	if _, err := os.Lstat(filepath.Join(g1, "partners.csv")); err == nil {
		t.Errorf("a refused generate wrote partners.csv")
	}

	// Any one of the files, not only partners.csv.
	g2 := filepath.Join(dir, "g2")
	if err := os.Mkdir(g2, 0o755); err != nil {
		t.Fatal(err)
	}
	units := filepath.Join(g2, "units.csv")
	if err := os.WriteFile(units, []byte("mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = ecoscope(t, nil, "generate", "--partners", "10", "--out", g2)
	if r.code != exitError || !strings.Contains(r.err, units) || !strings.Contains(r.err, "--force") {
		t.Errorf("a file in --out: exit %d, stderr %q; want an error naming %s and --force", r.code, r.err, units)
	}
	if b, _ := os.ReadFile(units); string(b) != "mine\n" {
		t.Errorf("units.csv was written: %.100q", b)
	}

	// --force replaces the link by a file and leaves its target alone.
	r = ecoscope(t, nil, "generate", "--partners", "10", "--out", g1, "--force")
	if r.code != exitOK {
		t.Fatalf("--force: exit %d: %s", r.code, r.err)
	}
	if m := lmode(t, link); !m.IsRegular() {
		t.Errorf("--force: ties.csv is %v, want a regular file", m)
	}
	if b, _ := os.ReadFile(link); !strings.HasPrefix(string(b), "source,target,") {
		t.Errorf("--force: ties.csv holds %.100q", b)
	}
	if b, _ := os.ReadFile(precious); string(b) != "keep me\n" {
		t.Errorf("--force wrote the link's target: %.100q", b)
	}
}

// init refuses a symbolic link where it writes a file, even one to nothing,
// unless --force, and then replaces the link (issue 9: init created files
// where a symlink pointed).
func TestInitRefusesLinks(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "nieuw")
	elsewhere := filepath.Join(base, "elsewhere")
	for _, d := range []string{dir, elsewhere} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	dangling := filepath.Join(dir, "partners.csv")
	if err := os.Symlink(filepath.Join(elsewhere, "partners.csv"), dangling); err != nil {
		t.Fatal(err)
	}
	r := ecoscope(t, nil, "init", dir)
	if r.code != exitError || !strings.Contains(r.err, dangling) || !strings.Contains(r.err, "--force") {
		t.Errorf("init over a link to nothing: exit %d, stderr %q; want an error naming %s and --force", r.code, r.err, dangling)
	}
	if _, err := os.Lstat(filepath.Join(elsewhere, "partners.csv")); err == nil {
		t.Errorf("init created the file a link points to")
	}
	if _, err := os.Lstat(filepath.Join(dir, "ties.csv")); err == nil {
		t.Errorf("a refused init wrote ties.csv")
	}

	precious := filepath.Join(elsewhere, "config.yaml")
	if err := os.WriteFile(precious, []byte("keep: me\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	yaml := filepath.Join(dir, "ecoscope.yaml")
	if err := os.Symlink(precious, yaml); err != nil {
		t.Fatal(err)
	}
	r = ecoscope(t, nil, "init", "--force", dir)
	if r.code != exitOK {
		t.Fatalf("init --force: exit %d: %s", r.code, r.err)
	}
	for _, p := range []string{dangling, yaml} {
		if m := lmode(t, p); m&fs.ModeType != 0 {
			t.Errorf("init --force: %s is %v, want a regular file", p, m)
		}
	}
	if b, _ := os.ReadFile(precious); string(b) != "keep: me\n" {
		t.Errorf("init --force wrote the link's target: %q", b)
	}
	if _, err := os.Lstat(filepath.Join(elsewhere, "partners.csv")); err == nil {
		t.Errorf("init --force created the file a link points to")
	}
}

// A folder where generate or init writes a file is an error, --force or
// not, and then nothing is written.
func TestInitFolderInTheWay(t *testing.T) {
	dir := t.TempDir()
	units := filepath.Join(dir, "units.csv")
	if err := os.Mkdir(units, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"init", dir}, {"init", "--force", dir}, {"generate", "--partners", "5", "--out", dir, "--force"}} {
		r := ecoscope(t, nil, args...)
		if r.code != exitError || !strings.Contains(r.err, units+": is a folder") {
			t.Errorf("%v: exit %d, stderr %q; want an error naming %s a folder", args, r.code, r.err, units)
		}
	}
	if left, _ := os.ReadDir(dir); len(left) != 1 {
		t.Errorf("wrote %v", left)
	}
	// Without --force, every file in the way is counted.
	if r := ecoscope(t, nil, "init", "--force", filepath.Join(dir, "ok")); r.code != exitOK {
		t.Fatalf("init: exit %d: %s", r.code, r.err)
	}
	r := ecoscope(t, nil, "init", filepath.Join(dir, "ok"))
	if want := filepath.Join(dir, "ok", "ecoscope.yaml") + " already exists; use --force to overwrite it (and 6 more)"; r.code != exitError || !strings.Contains(r.err, want) {
		t.Errorf("init over a data set: exit %d, stderr %q, want %q", r.code, r.err, want)
	}
}
