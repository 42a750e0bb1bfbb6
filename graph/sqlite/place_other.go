//go:build !unix

package sqlite

import "os"

// canWrite reports a missing file; whether the place can be written is not
// checked here, and SQLite's own error says so on opening.
func canWrite(path string) error {
	_, err := os.Stat(path)
	return err
}
