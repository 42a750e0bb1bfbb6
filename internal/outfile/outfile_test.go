package outfile

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := io.WriteString(w, s)
		return err
	}
}

// names lists the entries of dir.
func names(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var ns []string
	for _, e := range es {
		ns = append(ns, e.Name())
	}
	return ns
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func mode(t *testing.T, path string) fs.FileMode {
	t.Helper()
	fi, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode()
}

// withUmask sets the process umask for the rest of the test.
func withUmask(t *testing.T, mask int) {
	old := syscall.Umask(mask)
	t.Cleanup(func() { syscall.Umask(old) })
}

func TestWriteNewFileModeFromUmask(t *testing.T) {
	for _, tt := range []struct {
		umask int
		want  fs.FileMode
	}{
		{0o022, 0o644},
		{0o002, 0o664},
		{0o077, 0o600},
	} {
		t.Run(strings.TrimLeft(fs.FileMode(tt.umask).String(), "-"), func(t *testing.T) {
			withUmask(t, tt.umask)
			path := filepath.Join(t.TempDir(), "out.json")
			if err := Write(context.Background(), path, writeString("{}\n")); err != nil {
				t.Fatal(err)
			}
			if got := mode(t, path); got != tt.want {
				t.Errorf("umask %03o: mode %v, want %v", tt.umask, got, tt.want)
			}
			if got := readFile(t, path); got != "{}\n" {
				t.Errorf("content %q", got)
			}
		})
	}
}

// A file that is replaced keeps its mode (and its owner, where the process
// may set it), as with a shell's > redirection.
func TestWriteKeepsModeAndOwner(t *testing.T) {
	withUmask(t, 0o022)
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	if err := os.WriteFile(path, []byte("old\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o640); err != nil {
		t.Fatal(err)
	}
	root := os.Geteuid() == 0
	if root {
		if err := os.Chown(path, 4321, 4321); err != nil {
			t.Fatal(err)
		}
	}
	if err := Write(context.Background(), path, writeString("new\n")); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, path); got != "new\n" {
		t.Errorf("content %q, want new", got)
	}
	if got := mode(t, path); got != 0o640 {
		t.Errorf("mode %v, want -rw-r-----", got)
	}
	if root {
		fi, _ := os.Stat(path)
		if st := fi.Sys().(*syscall.Stat_t); st.Uid != 4321 || st.Gid != 4321 {
			t.Errorf("owner %d:%d, want 4321:4321", st.Uid, st.Gid)
		}
	}
	if got := names(t, dir); !slices.Equal(got, []string{"out.csv"}) {
		t.Errorf("folder holds %v", got)
	}
}

func TestWriteThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	other := filepath.Join(dir, "data")
	if err := os.Mkdir(other, 0o755); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(other, "real.csv")
	if err := os.WriteFile(target, []byte("old\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "out.csv")
	if err := os.Symlink("data/real.csv", link); err != nil { // relative to the link's folder
		t.Fatal(err)
	}
	chain := filepath.Join(dir, "chain.csv")
	if err := os.Symlink(link, chain); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{link, chain} {
		if err := Write(context.Background(), path, writeString(path)); err != nil {
			t.Fatal(err)
		}
		if got := readFile(t, target); got != path {
			t.Errorf("%s: the target holds %q", path, got)
		}
		if mode(t, path)&fs.ModeSymlink == 0 {
			t.Errorf("%s is no longer a link", path)
		}
		if got := mode(t, target); got != 0o640 {
			t.Errorf("%s: target mode %v, want -rw-r-----", path, got)
		}
	}
	// The temporary file goes beside the target, so nothing is left beside
	// the link or the target.
	if got := names(t, other); !slices.Equal(got, []string{"real.csv"}) {
		t.Errorf("target folder holds %v", got)
	}

	// A link to nothing creates what it points to.
	dangling := filepath.Join(dir, "new.csv")
	if err := os.Symlink(filepath.Join(other, "made.csv"), dangling); err != nil {
		t.Fatal(err)
	}
	if err := Write(context.Background(), dangling, writeString("made\n")); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(other, "made.csv")); got != "made\n" || mode(t, dangling)&fs.ModeSymlink == 0 {
		t.Errorf("dangling link: target holds %q, link mode %v", got, mode(t, dangling))
	}

	// A loop of links is an error.
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	os.Symlink(b, a)
	os.Symlink(a, b)
	if err := Write(context.Background(), a, writeString("x")); !errors.Is(err, syscall.ELOOP) {
		t.Errorf("loop: got %v, want ELOOP", err)
	}
}

func TestWriteFIFO(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	got := make(chan string, 1)
	go func() {
		b, err := os.ReadFile(path) // waits for the writer
		if err != nil {
			got <- err.Error()
			return
		}
		got <- string(b)
	}()
	if err := Write(context.Background(), path, writeString("through the pipe\n")); err != nil {
		t.Fatal(err)
	}
	select {
	case s := <-got:
		if s != "through the pipe\n" {
			t.Errorf("read %q", s)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("nothing came through the pipe")
	}
	if mode(t, path)&fs.ModeNamedPipe == 0 {
		t.Errorf("the pipe was replaced: mode %v", mode(t, path))
	}
}

func TestWriteDevice(t *testing.T) {
	// /dev/null itself, then a link to it.
	if err := Write(context.Background(), "/dev/null", writeString("gone\n")); err != nil {
		t.Fatal(err)
	}
	if mode(t, "/dev/null")&fs.ModeCharDevice == 0 {
		t.Fatalf("/dev/null is no longer a device: %v", mode(t, "/dev/null"))
	}
	link := filepath.Join(t.TempDir(), "null")
	if err := os.Symlink("/dev/null", link); err != nil {
		t.Fatal(err)
	}
	if err := Write(context.Background(), link, writeString("gone\n")); err != nil {
		t.Fatal(err)
	}
	if mode(t, link)&fs.ModeSymlink == 0 || mode(t, "/dev/null")&fs.ModeCharDevice == 0 {
		t.Errorf("link to /dev/null: link %v, /dev/null %v", mode(t, link), mode(t, "/dev/null"))
	}

	// A device that fails every write (/dev/full) gives the error, naming
	// the path, and stays a device.
	full := filepath.Join(t.TempDir(), "full")
	if err := syscall.Mknod(full, syscall.S_IFCHR|0o666, 1<<8|7); err != nil {
		t.Skipf("mknod (needs root): %v", err)
	}
	err := Write(context.Background(), full, writeString("too much\n"))
	if !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), full) {
		t.Errorf("/dev/full: got %v, want no space left naming %s", err, full)
	}
	if mode(t, full)&fs.ModeCharDevice == 0 {
		t.Errorf("the device was replaced: %v", mode(t, full))
	}
}

func TestWriteFolder(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "g1")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(sub, link); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{sub, link} {
		err := Write(context.Background(), path, writeString("x"))
		if !errors.Is(err, ErrIsDir) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: got %v, want an error naming it a folder", path, err)
		}
		if strings.Contains(err.Error(), ".tmp") {
			t.Errorf("%s: the error names a temporary file: %v", path, err)
		}
	}
	if got := names(t, dir); !slices.Equal(got, []string{"g1", "link"}) {
		t.Errorf("folder holds %v", got)
	}
	if got := names(t, sub); len(got) != 0 {
		t.Errorf("the folder written to holds %v", got)
	}
}

func TestWriteMissingFolder(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "missing", "out.json")
	err := Write(context.Background(), path, writeString("x"))
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), path) ||
		!strings.Contains(err.Error(), "folder "+filepath.Join(dir, "missing")+" does not exist") {
		t.Errorf("missing folder: got %v", err)
	}
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(file, "out.json")
	err = Write(context.Background(), path, writeString("x"))
	if err == nil || !strings.Contains(err.Error(), "folder "+file+" is not a folder") {
		t.Errorf("folder that is a file: got %v", err)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"file"}) {
		t.Errorf("folder holds %v", got)
	}
}

// A failed write, or a cancelled run, leaves the path as it was and no
// temporary file.
func TestWriteFailedLeavesNothing(t *testing.T) {
	errWrite := errors.New("half way")
	for _, tt := range []struct {
		name  string
		old   bool // a file is there before
		write func(ctx context.Context, cancel func()) func(io.Writer) error
		want  error
	}{
		{"write error, new file", false, func(context.Context, func()) func(io.Writer) error {
			return func(w io.Writer) error { io.WriteString(w, "half"); return errWrite }
		}, errWrite},
		{"write error, old file", true, func(context.Context, func()) func(io.Writer) error {
			return func(w io.Writer) error { io.WriteString(w, "half"); return errWrite }
		}, errWrite},
		{"cancelled while writing", true, func(_ context.Context, cancel func()) func(io.Writer) error {
			return func(w io.Writer) error { io.WriteString(w, "all of it"); cancel(); return nil }
		}, context.Canceled},
		{"cancelled before", false, func(_ context.Context, cancel func()) func(io.Writer) error {
			cancel()
			return writeString("all of it")
		}, context.Canceled},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "out.csv")
			if tt.old {
				if err := os.WriteFile(path, []byte("old\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			err := Write(ctx, path, tt.write(ctx, cancel))
			if !errors.Is(err, tt.want) {
				t.Errorf("got %v, want %v", err, tt.want)
			}
			want := []string(nil)
			if tt.old {
				want = []string{"out.csv"}
				if got := readFile(t, path); got != "old\n" {
					t.Errorf("the old file holds %q", got)
				}
			}
			if got := names(t, dir); !slices.Equal(got, want) {
				t.Errorf("folder holds %v, want %v", got, want)
			}
		})
	}

	// Replace too.
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	if err := Replace(path, func(w io.Writer) error { return errWrite }); !errors.Is(err, errWrite) {
		t.Errorf("Replace: got %v", err)
	}
	if got := names(t, dir); len(got) != 0 {
		t.Errorf("Replace left %v", got)
	}
}

// Write takes a path for a path: "-" is a file named "-".
func TestWriteDash(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := Write(context.Background(), "-", writeString("x")); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, "-"); got != "x" {
		t.Errorf("- holds %q", got)
	}
}

// Replace replaces the entry at the path, whatever it is but a folder, and
// never writes through a link.
func TestReplace(t *testing.T) {
	withUmask(t, 0o022)
	dir := t.TempDir()
	target := filepath.Join(dir, "elsewhere.csv")
	if err := os.WriteFile(target, []byte("keep\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.csv")
	dangling := filepath.Join(dir, "dangling.csv")
	fifo := filepath.Join(dir, "pipe.csv")
	file := filepath.Join(dir, "file.csv")
	for _, err := range []error{
		os.Symlink(target, link),
		os.Symlink(filepath.Join(dir, "nowhere.csv"), dangling),
		syscall.Mkfifo(fifo, 0o600),
		os.WriteFile(file, []byte("old\n"), 0o600),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		path string
		mode fs.FileMode
	}{
		{link, 0o644},
		{dangling, 0o644},
		{fifo, 0o644},
		{file, 0o600}, // keeps its mode
		{filepath.Join(dir, "new.csv"), 0o644},
	} {
		if err := Replace(tt.path, writeString("new\n")); err != nil {
			t.Fatalf("%s: %v", tt.path, err)
		}
		if got := mode(t, tt.path); got != tt.mode {
			t.Errorf("%s: mode %v, want %v", filepath.Base(tt.path), got, tt.mode)
		}
		if got := readFile(t, tt.path); got != "new\n" {
			t.Errorf("%s holds %q", filepath.Base(tt.path), got)
		}
	}
	if got := readFile(t, target); got != "keep\n" {
		t.Errorf("the link's target was written: %q", got)
	}
	if got, want := names(t, dir), []string{"dangling.csv", "elsewhere.csv", "file.csv", "link.csv", "new.csv", "pipe.csv"}; !slices.Equal(got, want) {
		t.Errorf("folder holds %v, want %v (nowhere.csv must not be created)", got, want)
	}
	if err := Replace(dir, writeString("x")); !errors.Is(err, ErrIsDir) {
		t.Errorf("Replace on a folder: got %v", err)
	}
}
