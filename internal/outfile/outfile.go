package outfile

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
)

// ErrIsDir is the error (through errors.Is) for a path that is a folder.
var ErrIsDir = errors.New("is a folder, not a file")

// maxLinks is how many symbolic links Write follows before it gives up, as
// Linux does (ELOOP).
const maxLinks = 40

// Write runs write on the file at path, as a shell redirection (> path)
// would, but without ever leaving half a file:
//
//   - a regular file, or no file, is written atomically: write fills a
//     temporary file in the same folder, which is then renamed to path. A
//     new file gets mode 0666 less the umask (0644 under umask 022); a file
//     it replaces keeps its mode, and its owner where the process may set
//     it (as root).
//   - anything else that is not a folder, such as a device (/dev/null) or
//     a named pipe, is opened and written to directly.
//   - a symbolic link is followed, and the rules above apply to what it
//     points to; a link to nothing creates its target.
//   - a folder, or a path whose folder does not exist, is an error that
//     names it.
//
// An error from write, or a ctx cancelled before the file is in place,
// leaves path as it was and no temporary file behind. The path is only a
// path: "-" is a file named "-" (standard output is for the caller).
func Write(ctx context.Context, path string, write func(io.Writer) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	// Stat follows links as open does, including the magic links of
	// /proc (/dev/stdout) that have no path to resolve by hand.
	fi, err := os.Stat(path)
	switch {
	case err == nil && fi.IsDir():
		return &fs.PathError{Op: "write", Path: path, Err: ErrIsDir}
	case err == nil && !fi.Mode().IsRegular():
		return writeStraight(path, write)
	case err != nil && !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR):
		return &fs.PathError{Op: "write", Path: path, Err: underlying(err)}
	}
	// A regular file, or nothing (perhaps a dangling link): replace the
	// file the links lead to, not the links.
	target, err := resolve(path)
	if err != nil {
		return err
	}
	return replace(ctx, target, path, write)
}

// Replace writes a new regular file at path atomically, as Write does a
// regular file, whatever was there: a file, a symbolic link (the link is
// replaced, never written through; what it points to is left alone), a
// named pipe. A replaced regular file keeps its mode (and owner, as root);
// anything else gives mode 0666 less the umask. A folder is an error, and
// so is a path whose folder does not exist. On error path is as it was.
func Replace(path string, write func(io.Writer) error) error {
	return replace(context.Background(), path, path, write)
}

// writeStraight writes to an existing file that is not a regular file: a
// device or a named pipe (opening a pipe waits for a reader).
func writeStraight(path string, write func(io.Writer) error) (err error) {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return &fs.PathError{Op: "write", Path: path, Err: underlying(err)}
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = &fs.PathError{Op: "write", Path: path, Err: underlying(cerr)}
		}
	}()
	return write(&namedWriter{f, path})
}

// replace writes a temporary file beside target and renames it to target.
// name is the path as the caller gave it, for errors.
func replace(ctx context.Context, target, name string, write func(io.Writer) error) (err error) {
	old, err := os.Lstat(target)
	switch {
	case err == nil && old.IsDir():
		return &fs.PathError{Op: "write", Path: name, Err: ErrIsDir}
	case err == nil && !old.Mode().IsRegular():
		old = nil // a link or a pipe: its mode says nothing of a file's
	case errors.Is(err, fs.ErrNotExist):
		old = nil
	case errors.Is(err, syscall.ENOTDIR):
		return &fs.PathError{Op: "write", Path: name, Err: folderError(filepath.Dir(target))}
	case err != nil:
		return &fs.PathError{Op: "write", Path: name, Err: underlying(err)}
	}
	dir := filepath.Dir(target)
	tmp, err := createTemp(dir, filepath.Base(target))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
			err = folderError(dir)
		}
		return &fs.PathError{Op: "write", Path: name, Err: underlying(err)}
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if old != nil {
		keepOwnerAndMode(tmp, old)
	}
	if err := write(&namedWriter{tmp, name}); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return &fs.PathError{Op: "write", Path: name, Err: underlying(err)}
	}
	if err := tmp.Close(); err != nil {
		return &fs.PathError{Op: "write", Path: name, Err: underlying(err)}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		return &fs.PathError{Op: "write", Path: name, Err: underlying(err)}
	}
	return nil
}

// createTemp creates a new file in dir for writing, named after the file it
// will replace, with mode 0666 less the umask (os.CreateTemp gives 0600).
func createTemp(dir, base string) (*os.File, error) {
	for range 10000 {
		name := filepath.Join(dir, "."+base+".ecoscope-"+strconv.FormatUint(rand.Uint64N(1<<40), 36)+".tmp")
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, err
	}
	return nil, &fs.PathError{Op: "createtemp", Path: dir, Err: fs.ErrExist}
}

// keepOwnerAndMode gives f the mode of the file old it replaces and, where
// the process may (as root), its owner. Neither is an error: the content is
// what was asked for.
func keepOwnerAndMode(f *os.File, old fs.FileInfo) {
	if st, ok := old.Sys().(*syscall.Stat_t); ok && (int(st.Uid) != os.Geteuid() || int(st.Gid) != os.Getegid()) {
		f.Chown(int(st.Uid), int(st.Gid)) // before Chmod: chown may clear mode bits
	}
	f.Chmod(old.Mode().Perm())
}

// resolve follows the symbolic links at path to the path of what they
// point to, which need not exist.
func resolve(path string) (string, error) {
	for range maxLinks {
		fi, err := os.Lstat(path)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			return path, nil // not a link (or nothing): the target
		}
		link, err := os.Readlink(path)
		if err != nil {
			return "", &fs.PathError{Op: "write", Path: path, Err: underlying(err)}
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(path), link)
		}
		path = link
	}
	return "", &fs.PathError{Op: "write", Path: path, Err: syscall.ELOOP}
}

// folderError says what is wrong with dir, the folder of a path that could
// not be created: it does not exist, or it is not a folder.
func folderError(dir string) error {
	fi, err := os.Stat(dir)
	if err == nil && !fi.IsDir() {
		return &folderErr{dir, "is not a folder", syscall.ENOTDIR}
	}
	return &folderErr{dir, "does not exist", fs.ErrNotExist}
}

// folderErr is a folder of a path that does not exist or is no folder.
type folderErr struct {
	dir, what string
	err       error
}

func (e *folderErr) Error() string { return "folder " + e.dir + " " + e.what }
func (e *folderErr) Unwrap() error { return e.err }

// namedWriter writes to a file and names path, as the caller gave it, in
// its errors (not a temporary file's name).
type namedWriter struct {
	f    *os.File
	path string
}

func (w *namedWriter) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	if err != nil {
		err = &fs.PathError{Op: "write", Path: w.path, Err: underlying(err)}
	}
	return n, err
}

// underlying is the system error inside an *fs.PathError, so that the path
// in the message is the one the user gave, not a temporary file's.
func underlying(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
