package importers

import (
	"archive/zip"
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ecoscope/ecoscope/graph"
)

// Compressed input: a .gz file is read as the file without .gz, streamed
// through a gzip reader (x.csv.gz: CORDIS's one-file layout; x.json.gz:
// ecoscope's JSON; .graphml.gz, .gexf.gz); a .zip holding a data set (a
// CSV folder's tables, CORDIS's organization.csv + project.csv, or one
// file of another format) is read from the archive, nothing is unpacked
// to disk. What is decompressed is counted and refused beyond the size
// limits of the importers (MaxFileSize a file), so that a compression
// bomb stops with a clear message rather than filling memory.

func init() {
	register(format{name: "gzip", about: "a gzip-compressed file (.csv.gz of CORDIS, .json.gz, .graphml.gz, .gexf.gz)", priority: 5,
		match: func(p string, dir bool, _ []byte) bool { return !dir && hasExt(p, ".gz") },
		read:  readGzip})
	register(format{name: "zip", about: "a .zip holding a data set (CSV tables, CORDIS's organization.csv + project.csv, or one file)", priority: 5,
		match: func(p string, dir bool, _ []byte) bool { return !dir && hasExt(p, ".zip") },
		read:  readZip})
}

func hasExt(p, ext string) bool { return strings.EqualFold(filepath.Ext(p), ext) }

// limitReader reads from r until n bytes were read; a byte more is an
// error wrapping ErrTooLarge: a bound on decompressed input.
type limitReader struct {
	r io.Reader
	n int64
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		var one [1]byte
		k, err := io.ReadFull(l.r, one[:])
		switch {
		case k > 0:
			return 0, &tooLargeError{-1}
		case err == io.EOF || err == io.ErrUnexpectedEOF:
			return 0, io.EOF
		}
		return 0, err
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	k, err := l.r.Read(p)
	l.n -= int64(k)
	return k, err
}

// readGzip reads the .gz file at p as the file it compresses.
func readGzip(p string, opts Options) (*graph.Ecosystem, graph.Problems, error) {
	f, err := openRegular(p)
	if err != nil {
		return nil, nil, fmt.Errorf("read data set %s: %w", p, err)
	}
	defer f.Close()
	z, err := gzip.NewReader(bufio.NewReaderSize(f, 64<<10))
	if err != nil {
		return nil, nil, fmt.Errorf("read data set %s: not a gzip file: %w", p, err)
	}
	defer z.Close()
	br := bufio.NewReaderSize(&limitReader{r: z, n: maxFileSize}, 64<<10)
	head, _ := br.Peek(headSize)
	inner := p[:len(p)-len(".gz")]
	ext := strings.ToLower(filepath.Ext(inner))
	if opts.Format == "cordis" || cordisHeader(head) != cordisNone {
		return readCORDISFile(br, p, filepath.Dir(p), opts)
	}
	return readText(br, p, ext, opts)
}

// readText reads a whole file of extension ext from r (decompressed) with
// the reader of that extension.
func readText(r io.Reader, name, ext string, opts Options) (*graph.Ecosystem, graph.Problems, error) {
	read := textReader(ext)
	if read == nil {
		what := "a " + ext + " file"
		switch ext {
		case ".csv":
			what = "a single CSV table without CORDIS's header"
		case ".tar":
			what = "a tar archive"
		case "":
			what = "a file without an extension"
		}
		return nil, nil, fmt.Errorf("read data set %s: %s is not read compressed; ecoscope reads a .gz of CORDIS's one-file CSV, .json, .graphml or .gexf, and a .zip of a data set folder", name, what)
	}
	var b strings.Builder
	if _, err := io.Copy(&b, r); err != nil {
		d := newDecoder(name)
		if errors.Is(err, ErrTooLarge) {
			d.fatalf(0, "", "it holds more than the %s ecoscope reads from one file once decompressed", size(maxFileSize))
		} else {
			d.fatalf(0, "", "cannot read the file: %v", err)
		}
		return finish(&graph.Ecosystem{}, name, &d.problems, true, opts.Known)
	}
	return read(b.String(), name, opts)
}

// readZip reads the data set held in the .zip file at p.
func readZip(p string, opts Options) (*graph.Ecosystem, graph.Problems, error) {
	f, err := openRegular(p)
	if err != nil {
		return nil, nil, fmt.Errorf("read data set %s: %w", p, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, nil, fmt.Errorf("read data set %s: %w", p, err)
	}
	zr, err := zip.NewReader(f, fi.Size())
	if err != nil {
		return nil, nil, fmt.Errorf("read data set %s: not a zip file: %w", p, err)
	}
	var names []string
	for _, zf := range zr.File {
		n := zf.Name
		if strings.HasSuffix(n, "/") || strings.HasPrefix(n, "__MACOSX/") || strings.HasPrefix(path.Base(n), "._") || !fs.ValidPath(n) {
			continue
		}
		if zf.UncompressedSize64 > uint64(maxFileSize) {
			d := newDecoder(filepath.Join(p, filepath.FromSlash(n)))
			d.fatalf(0, "", "it holds %s once decompressed, more than the %s ecoscope reads from one file", size(int64(min(zf.UncompressedSize64, 1<<62))), size(maxFileSize))
			return finish(&graph.Ecosystem{}, p, &d.problems, true, opts.Known)
		}
		names = append(names, n)
	}
	if org, proj, ok := cordisPair(names); ok && (opts.Format == "" || opts.Format == "zip" || opts.Format == "cordis") {
		return readCORDISPair(zr, org, proj, p, opts)
	}
	// A folder of CSV tables: the folder holding partners.csv.
	for _, n := range names {
		base := strings.ToLower(path.Base(n))
		if id, ok := tableByName[strings.TrimSuffix(base, ".csv")]; ok && id == tabPartners && strings.HasSuffix(base, ".csv") {
			return readZipTables(zr, p, path.Dir(n), opts)
		}
	}
	// One file of another format.
	var data []string
	for _, n := range names {
		switch strings.ToLower(path.Ext(n)) {
		case ".json", ".graphml", ".gexf", ".csv":
			data = append(data, n)
		}
	}
	if len(data) == 1 {
		zf, err := zr.Open(data[0])
		if err != nil {
			return nil, nil, fmt.Errorf("read data set %s: %w", p, err)
		}
		defer zf.Close()
		name := filepath.Join(p, filepath.FromSlash(data[0]))
		br := bufio.NewReaderSize(&limitReader{r: zf, n: maxFileSize}, 64<<10)
		head, _ := br.Peek(headSize)
		if opts.Format == "cordis" || cordisHeader(head) != cordisNone {
			return readCORDISFile(br, name, "", opts)
		}
		return readText(br, name, strings.ToLower(path.Ext(data[0])), opts)
	}
	listed := names
	if len(listed) > 8 {
		listed = append(slices.Clone(listed[:8]), "...")
	}
	return nil, nil, fmt.Errorf("read data set %s: no data set in the zip (want partners.csv and the other tables, CORDIS's organization.csv and project.csv, or one .json, .graphml or .gexf file); it holds %s",
		p, strings.Join(listed, ", "))
}

// readZipTables reads the CSV tables in folder dir of the zip zr (at p).
func readZipTables(zr *zip.Reader, p, dir string, opts Options) (*graph.Ecosystem, graph.Problems, error) {
	entries, err := fs.ReadDir(zr, dir)
	if err != nil {
		return nil, nil, fmt.Errorf("read data set %s: %w", p, err)
	}
	base := filepath.Join(p, filepath.FromSlash(dir))
	read := zipTableReader(zr, base, dir)
	e, ps, err := readCSVTables(base, entries, read, opts.Known)
	if e != nil && dir == "." {
		e.Name = strings.TrimSuffix(filepath.Base(p), filepath.Ext(p))
	}
	return e, ps, err
}

// zipTableReader returns the function that reads a table of folder dir of
// zr (base in messages), each bounded by MaxFileSize decompressed.
func zipTableReader(zr *zip.Reader, base, dir string) func(string) (string, error) {
	return func(name string) (string, error) {
		rel, err := filepath.Rel(base, name)
		if err != nil {
			return "", err
		}
		f, err := zr.Open(path.Join(dir, filepath.ToSlash(rel)))
		if err != nil {
			return "", err
		}
		defer f.Close()
		var b strings.Builder
		if _, err := io.Copy(&b, &limitReader{r: f, n: maxFileSize}); err != nil {
			if errors.Is(err, ErrTooLarge) {
				return "", fmt.Errorf("it holds more than the %s ecoscope reads from one file once decompressed: %w", size(maxFileSize), ErrTooLarge)
			}
			return "", err
		}
		return b.String(), nil
	}
}
