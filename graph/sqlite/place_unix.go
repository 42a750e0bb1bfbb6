//go:build unix

package sqlite

import "syscall"

// canWrite reports, as an error, why this process cannot write the file or
// directory at path: a read-only file system, permissions, an immutable
// file (which root cannot write either). It writes nothing.
func canWrite(path string) error {
	const wOK = 2 // W_OK
	return syscall.Access(path, wOK)
}
