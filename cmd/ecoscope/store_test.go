package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ecoscope/ecoscope/generate"
	"github.com/ecoscope/ecoscope/internal/mounttest"
)

// TestReportDuringImport runs report while another process holds the store
// in the middle of an import (issue 9: every command that reads waited 10 s
// for the write lock and then failed with "database is locked"). The report
// does not wait and shows the data committed before the import.
func TestReportDuringImport(t *testing.T) {
	env, path := storeEnv(t)
	if r := ecoscope(t, env, "import", example); r.code != exitOK {
		t.Fatalf("import: %s", r.err)
	}
	want := reportJSON(t, env)

	// The other process: an import that has written but not committed.
	// (The driver is the one graph/sqlite registers.)
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Conn(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, q := range []string{"BEGIN IMMEDIATE", "DELETE FROM tie", "UPDATE partner SET name = 'changed'"} {
		if _, err := conn.ExecContext(t.Context(), q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	defer conn.ExecContext(context.Background(), "ROLLBACK")

	start := time.Now()
	got := reportJSON(t, env)
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("report took %v: it waited for the import", took)
	}
	if got["ties"] != want["ties"] || got["partners"] != want["partners"] {
		t.Errorf("report during an import: %v partners, %v ties; want the data before it, %v and %v",
			got["partners"], got["ties"], want["partners"], want["ties"])
	}
}

// TestConcurrentFirstImportProcesses imports from several processes at once
// into a store file that does not exist yet: every import succeeds (issue
// 9: "set WAL mode: database is locked", or a false "not an ecoscope
// database").
func TestConcurrentFirstImportProcesses(t *testing.T) {
	const trials, processes = 6, 6
	for trial := range trials {
		path := filepath.Join(t.TempDir(), "new.db")
		var wg sync.WaitGroup
		for range processes {
			wg.Go(func() {
				c := command(t, "--store", path, "import", example)
				if out, err := c.CombinedOutput(); err != nil {
					t.Errorf("trial %d: %v\n%s", trial, err, out)
				}
			})
		}
		wg.Wait()
		if m := reportJSON(t, map[string]string{"ECOSCOPE_STORE": path}); m["partners"].(float64) != 154 {
			t.Errorf("trial %d: %v partners, want 154", trial, m["partners"])
		}
	}
}

// TestReadOnlyStore reads a store on a read-only file system and in a
// read-only file (issue 9: "unable to open database file", "attempt to
// write a readonly database"); an import says why it cannot write.
func TestReadOnlyStore(t *testing.T) {
	for _, c := range []struct {
		name, why string
		setup     func(t *testing.T) (dir string, readOnly func(path string))
	}{
		{"FileSystem", "read-only file system", func(t *testing.T) (string, func(string)) {
			dir := mounttest.Tmpfs(t, "8m")
			return dir, func(string) { mounttest.ReadOnly(t, dir) }
		}},
		{"File", "not writable", func(t *testing.T) (string, func(string)) {
			return t.TempDir(), func(path string) { mounttest.ReadOnlyFile(t, path) }
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir, readOnly := c.setup(t)
			path := filepath.Join(dir, "ecoscope.db")
			env := map[string]string{"ECOSCOPE_STORE": path}
			if r := ecoscope(t, env, "import", example); r.code != exitOK {
				t.Fatalf("import: %s", r.err)
			}
			readOnly(path)
			before, _ := os.ReadFile(path)
			if m := reportJSON(t, env); m["partners"].(float64) != 154 {
				t.Errorf("report: %v partners, want 154", m["partners"])
			}
			r := ecoscope(t, env, "import", example)
			if r.code != exitError || !strings.Contains(r.err, path) || !strings.Contains(r.err, c.why) || strings.Count(r.err, "\n") != 1 {
				t.Errorf("import into a read-only store: exit %d, stderr %q; want %d and one line naming %s and saying %q",
					r.code, r.err, exitError, path, c.why)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Error("the store changed")
			}
			for _, side := range []string{"-wal", "-shm"} {
				if _, err := os.Stat(path + side); err == nil {
					t.Errorf("%s left beside the store", filepath.Base(path+side))
				}
			}
		})
	}
}

// TestImportDiskFull imports onto a disk with room for the import's WAL but
// not for moving it into the store file (issue 9: exit 0, and the file
// alone "malformed"). The import fails with a message that says the data
// is safe and what to do, and doing it works.
func TestImportDiskFull(t *testing.T) {
	data := filepath.Join(t.TempDir(), "g2k")
	if err := generate.WriteCSV(data, generate.Ecosystem(generate.Options{Partners: 2000, Seed: 1})); err != nil {
		t.Fatal(err)
	}
	roomy := filepath.Join(t.TempDir(), "roomy.db")
	if r := ecoscope(t, map[string]string{"ECOSCOPE_STORE": roomy}, "import", data); r.code != exitOK {
		t.Fatalf("import: %s", r.err)
	}
	fi, err := os.Stat(roomy)
	if err != nil {
		t.Fatal(err)
	}
	want := reportJSON(t, map[string]string{"ECOSCOPE_STORE": roomy})

	// No room for the import itself: it fails and says so, in one line.
	small := filepath.Join(mounttest.Tmpfs(t, fmt.Sprint(fi.Size()/2)), "ecoscope.db")
	r := ecoscope(t, map[string]string{"ECOSCOPE_STORE": small}, "import", data)
	if r.code != exitError || !strings.Contains(r.err, "disk is full") || strings.Contains(r.err, "bad connection") || strings.Count(r.err, "\n") != 1 {
		t.Errorf("import onto a full disk: exit %d, stderr %q; want %d and one line that says the disk is full", r.code, r.err, exitError)
	}
	if _, err := os.Stat(small + "-wal"); err == nil && !strings.Contains(r.err, "do not delete") {
		t.Errorf("stderr %q does not say that the WAL left beside the store must stay", r.err)
	}

	dir := mounttest.Tmpfs(t, fmt.Sprint(fi.Size()*8/5))
	path := filepath.Join(dir, "ecoscope.db")
	env := map[string]string{"ECOSCOPE_STORE": path}
	r = ecoscope(t, env, "import", data)
	if r.code != exitError {
		t.Fatalf("import onto a full disk: exit %d, want %d; stderr:\n%s", r.code, exitError, r.err)
	}
	for _, s := range []string{"disk is full", "safe in ecoscope.db-wal", "do not delete", "free disk space"} {
		if !strings.Contains(r.err, s) {
			t.Errorf("stderr %q lacks %q", r.err, s)
		}
	}
	if strings.Contains(r.err, "bad connection") || strings.Count(r.err, "\n") != 1 {
		t.Errorf("stderr %q: want one line, without \"bad connection\"", r.err)
	}
	// Free space and run a command, as the message says.
	mounttest.Resize(t, dir, fmt.Sprint(4*fi.Size()))
	got := reportJSON(t, env)
	if got["partners"] != want["partners"] || got["ties"] != want["ties"] {
		t.Errorf("after freeing space: %v partners, %v ties; want %v and %v", got["partners"], got["ties"], want["partners"], want["ties"])
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Error("the WAL is still there after a command closed the store")
	}
}

// TestImportNamesStoredRecords imports a data set that names records only
// the store holds (issue 9: refused with `unknown partner or person
// "hs-rivierstad"`, although an import without --replace may name them).
func TestImportNamesStoredRecords(t *testing.T) {
	env, _ := storeEnv(t)
	if r := ecoscope(t, env, "import", example); r.code != exitOK {
		t.Fatalf("import: %s", r.err)
	}
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("partners.csv", "id,name,helix\np1,Nieuw B.V.,industry\n")
	write("people.csv", "id,name,partner\np1.jan,Jan,hs-rivierstad\n")
	write("memberships.csv", "unit,member\nfl-aardgasvrije-wijken,p1\n")
	// Two ties between stored partners with one key: combined, as ever.
	write("ties.csv", "source,target,type,weight\np1,hs-rivierstad,project,1\nuni-rivierstad,hs-rivierstad,extra,1\nhs-rivierstad,uni-rivierstad,extra,2\n")

	if r := ecoscope(t, env, "import", "--dry-run", dir); r.code != exitOK {
		t.Fatalf("dry run: exit %d, stderr:\n%s", r.code, r.err)
	}
	r := ecoscope(t, env, "import", dir)
	if r.code != exitOK {
		t.Fatalf("import: exit %d, stderr:\n%s", r.code, r.err)
	}
	for _, want := range []string{`1 tie record repeated`} {
		if !strings.Contains(r.err, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.err)
		}
	}
	if m := reportJSON(t, env); m["partners"].(float64) != 155 {
		t.Errorf("%v partners after the import, want 155", m["partners"])
	}

	// Without a store (--from) and with --replace the data set must hold
	// what it names.
	if r := ecoscope(t, nil, "report", "--from", dir); r.code != exitInvalid || !strings.Contains(r.err, `unknown partner or person "hs-rivierstad"`) {
		t.Errorf("report --from: exit %d, stderr:\n%s", r.code, r.err)
	}
	if r := ecoscope(t, env, "import", "--replace", dir); r.code != exitInvalid {
		t.Errorf("import --replace: exit %d, want %d; stderr:\n%s", r.code, exitInvalid, r.err)
	}
	// What neither holds is still refused.
	write("ties.csv", "source,target\np1,hs-rivierstat\n")
	r = ecoscope(t, env, "import", dir)
	if r.code != exitInvalid || !strings.Contains(r.err, `unknown partner or person "hs-rivierstat"`) {
		t.Errorf("import naming an unknown partner: exit %d, stderr:\n%s", r.code, r.err)
	}
}
