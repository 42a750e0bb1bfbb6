//go:build unix

package importers

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ecoscope/ecoscope/graph"
)

// TestNotRegularFiles: a table that is not a regular file is refused with
// a problem that names it, at once (issue 9: a partners.csv linked to
// /dev/zero ended in "fatal error: out of memory", a FIFO hung, a folder
// named ties.csv was skipped silently).
func TestNotRegularFiles(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string)
		want  []string
	}{
		{
			name: "partners.csv links to /dev/zero",
			setup: func(t *testing.T, dir string) {
				symlink(t, "/dev/zero", filepath.Join(dir, "partners.csv"))
			},
			want: []string{`data/partners.csv: cannot read the file: it links to "/dev/zero", a device, not a regular file`},
		},
		{
			name: "partners.csv is a named pipe",
			setup: func(t *testing.T, dir string) {
				if err := syscall.Mkfifo(filepath.Join(dir, "partners.csv"), 0o644); err != nil {
					t.Skip(err)
				}
			},
			want: []string{`data/partners.csv: cannot read the file: it is a named pipe (FIFO), not a regular file`},
		},
		{
			name: "ties.csv is a folder",
			setup: func(t *testing.T, dir string) {
				write(t, filepath.Join(dir, "partners.csv"), "id\np1\n")
				if err := os.Mkdir(filepath.Join(dir, "ties.csv"), 0o755); err != nil {
					t.Fatal(err)
				}
			},
			want: []string{`data/ties.csv: a folder, not a CSV file; the table ties must be a file`},
		},
		{
			name: "ties.csv links to a folder",
			setup: func(t *testing.T, dir string) {
				write(t, filepath.Join(dir, "partners.csv"), "id\np1\n")
				symlink(t, ".", filepath.Join(dir, "Relaties.CSV"))
			},
			want: []string{`data/Relaties.CSV: cannot read the file: it links to ".", a folder, not a regular file`},
		},
		{
			name: "a link to a regular file is read",
			setup: func(t *testing.T, dir string) {
				write(t, filepath.Join(dir, "real"), "id\np1\n")
				symlink(t, "real", filepath.Join(dir, "partners.csv"))
			},
		},
		{
			name: "other folders are ignored",
			setup: func(t *testing.T, dir string) {
				write(t, filepath.Join(dir, "partners.csv"), "id\np1\n")
				if err := os.Mkdir(filepath.Join(dir, "old.csv"), 0o755); err != nil {
					t.Fatal(err)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeData(t, nil)
			tt.setup(t, dir)
			done := make(chan graph.Problems)
			go func() {
				_, ps, _ := ReadCSVDir(dir)
				done <- ps
			}()
			select {
			case ps := <-done:
				checkProblems(t, ps, tt.want)
			case <-time.After(time.Minute):
				t.Fatal("ReadCSVDir hangs")
			}
		})
	}
}

func TestReadJSONNotRegular(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "eco.json")
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skip(err)
	}
	done := make(chan error)
	go func() {
		_, _, err := Read(path)
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "named pipe") {
			t.Errorf("got %v, want ErrNotRegular naming a named pipe", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("Read hangs")
	}
}

// TestTooLarge: a file larger than the limit is refused before it is read,
// a JSON document as soon as the limit is passed.
func TestTooLarge(t *testing.T) {
	defer func(n int64) { maxFileSize = n }(maxFileSize)
	maxFileSize = 1000
	dir := writeData(t, map[string]string{
		"partners.csv": "id\np1\n",
		"ties.csv":     "source,target\n" + strings.Repeat("p1,p1\n", 200),
	})
	_, ps, _ := ReadCSVDir(dir)
	checkProblems(t, ps, []string{`data/ties.csv: cannot read the file: it holds 1214 bytes, more than the 1000 bytes ecoscope reads from one file`})

	_, ps, _ = ReadJSON(strings.NewReader(`{"partners": [`+strings.Repeat(" ", 1000)+`]}`), "eco.json")
	checkProblems(t, ps, []string{`eco.json: the document holds more than the 1000 bytes ecoscope reads from one file`})
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
