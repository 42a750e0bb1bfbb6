//go:build !linux

package mounttest

import "testing"

func Tmpfs(t testing.TB, size string) string {
	t.Skip("tmpfs mounts are made on Linux only")
	return ""
}

func ReadOnly(t testing.TB, dir string) { t.Skip("read-only remounts are made on Linux only") }

func ReadOnlyFile(t testing.TB, path string) { t.Skip("read-only files are made on Linux only") }

func Resize(t testing.TB, dir, size string) { t.Skip("tmpfs mounts are made on Linux only") }
