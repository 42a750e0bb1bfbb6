package outfile_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/ecoscope/ecoscope/internal/outfile"
)

func ExampleWrite() {
	dir, err := os.MkdirTemp("", "outfile")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)

	path := filepath.Join(dir, "nodes.csv")
	err = outfile.Write(context.Background(), path, func(w io.Writer) error {
		_, err := fmt.Fprintln(w, "id,degree")
		return err
	})
	fmt.Println(err)
	b, _ := os.ReadFile(path)
	fmt.Print(string(b))

	err = outfile.Write(context.Background(), dir, func(w io.Writer) error { return nil })
	fmt.Println(err != nil)
	// Output:
	// <nil>
	// id,degree
	// true
}
