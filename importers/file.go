package importers

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/ecoscope/ecoscope/graph"
)

// MaxFileSize is the size of the largest file ecoscope reads: 256 MB, far
// above the largest data sets known (a million ties take 40 MB), and low
// enough that reading one takes a bounded time and memory.
const MaxFileSize = 256 << 20

// maxFileSize is MaxFileSize, a variable for the tests.
var maxFileSize int64 = MaxFileSize

// MaxRecords is the number of records ecoscope reads from one data set at
// most: 3 million, nearly three times the largest data sets known (a
// million ties and 100,000 partners), and as many as are read in well
// under 1 GB of memory whatever their size on disk (an empty JSON object
// {} is a partner of 3 bytes; 4 million took 0.9 GB). A folder of CSV
// files whose tables have more lines is refused before it is parsed.
const MaxRecords = 3_000_000

// maxRecords is MaxRecords, a variable for the tests.
var maxRecords = MaxRecords

// ErrNotRegular is wrapped by the error for a path that is not a regular
// file (or a link to one): a folder, a device such as /dev/zero, a named
// pipe or a socket, which could block or never end.
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge is wrapped by the error for a file larger than MaxFileSize.
var ErrTooLarge = errors.New("file too large")

// readFile returns the content of the regular file at path, refusing
// anything else before reading from it.
func readFile(path string) (string, error) {
	// Opened without blocking, so that a named pipe put in place after a
	// check cannot hang the open; it is refused below.
	f, err := os.OpenFile(path, os.O_RDONLY|openNonblock, 0)
	if err != nil {
		if fi, serr := os.Stat(path); serr == nil && !fi.Mode().IsRegular() {
			return "", notRegular(path, fi)
		}
		return "", err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return "", err
	}
	if !fi.Mode().IsRegular() {
		return "", notRegular(path, fi)
	}
	if fi.Size() > maxFileSize {
		return "", &tooLargeError{fi.Size()}
	}
	var b strings.Builder
	b.Grow(int(fi.Size()))
	if _, err := io.Copy(&b, io.LimitReader(f, maxFileSize+1)); err != nil {
		return "", err
	}
	if int64(b.Len()) > maxFileSize { // it grew while read
		return "", &tooLargeError{-1}
	}
	return b.String(), nil
}

// notRegular returns the error for path, which fi describes: what it is,
// and what it links to when it is a symbolic link.
func notRegular(path string, fi fs.FileInfo) error {
	what := "a special file"
	switch m := fi.Mode(); {
	case m.IsDir():
		what = "a folder"
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	case m&fs.ModeDevice != 0:
		what = "a device"
	}
	if target, err := os.Readlink(path); err == nil {
		return &notRegularError{fmt.Sprintf("it links to %s, %s", graph.Quote(target), what)}
	}
	return &notRegularError{"it is " + what}
}

type notRegularError struct{ what string }

func (e *notRegularError) Error() string { return e.what + ", not a regular file" }
func (e *notRegularError) Unwrap() error { return ErrNotRegular }

// tooLargeError is the error for a file larger than maxFileSize; size is
// its size, -1 when it grew while read.
type tooLargeError struct{ size int64 }

func (e *tooLargeError) Error() string {
	if e.size < 0 {
		return fmt.Sprintf("it holds more than the %s ecoscope reads from one file", size(maxFileSize))
	}
	return fmt.Sprintf("it holds %s, more than the %s ecoscope reads from one file", size(e.size), size(maxFileSize))
}

func (e *tooLargeError) Unwrap() error { return ErrTooLarge }

// size writes n bytes for a message: in MB (rounded up) from 1 MB on.
func size(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d bytes", n)
	}
	return fmt.Sprintf("%d MB", (n+1<<20-1)>>20)
}
