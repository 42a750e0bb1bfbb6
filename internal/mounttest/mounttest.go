//go:build linux

// Package mounttest gives tests file systems that fail as real ones do: a
// small tmpfs that fills up, a directory on a read-only file system, an
// immutable file. Each needs root (CI runs as root); where it cannot be
// made, the test is skipped with a message that says why.
package mounttest

import (
	"os"
	"os/exec"
	"syscall"
	"testing"
)

// Tmpfs mounts a tmpfs of the given size ("4m") on a new directory and
// returns it; it is unmounted when the test ends.
func Tmpfs(t testing.TB, size string) string {
	t.Helper()
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+size); err != nil {
		t.Skipf("cannot mount a tmpfs (%v): this test needs root, as in CI", err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, 0); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
	return dir
}

// Resize gives the tmpfs at dir (from Tmpfs) a new size.
func Resize(t testing.TB, dir, size string) {
	t.Helper()
	if err := syscall.Mount("", dir, "", syscall.MS_REMOUNT, "size="+size); err != nil {
		t.Fatalf("resize the tmpfs %s to %s: %v", dir, size, err)
	}
}

// ReadOnly remounts the tmpfs at dir (from Tmpfs) read-only.
func ReadOnly(t testing.TB, dir string) {
	t.Helper()
	if err := syscall.Mount("", dir, "", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		t.Skipf("cannot remount %s read-only (%v): this test needs root, as in CI", dir, err)
	}
}

// ReadOnlyFile makes the file at path read-only for this process: mode
// 0444, and for root (whom modes do not stop) the immutable attribute,
// which is taken off again when the test ends.
func ReadOnlyFile(t testing.TB, path string) {
	t.Helper()
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() != 0 {
		return
	}
	if out, err := exec.Command("chattr", "+i", path).CombinedOutput(); err != nil {
		t.Skipf("cannot make %s immutable for root (chattr +i: %v %s)", path, err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("chattr", "-i", path).CombinedOutput(); err != nil {
			t.Errorf("chattr -i %s: %v %s", path, err, out)
		}
	})
}
