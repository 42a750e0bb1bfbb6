package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/generate"
)

// nodeMetricsDoc is the document of `ecoscope metrics --level nodes` on a
// generated network of n partners. Betweenness and closeness, which would
// take minutes to compute on 50,000 partners, are drawn at random: what
// matters here is the shape and size of the JSON (about 40 MB for 50,000).
func nodeMetricsDoc(b testing.TB, n int) NodeMetricsJSON {
	b.Helper()
	e := generate.Ecosystem(generate.Options{Partners: n, Seed: 1})
	net := analysis.New(e, analysis.Options{})
	r := rand.New(rand.NewPCG(1, 2))
	bc := make([]float64, net.N())
	for i := range bc {
		bc[i] = r.Float64() / 100
	}
	nodes, _, err := analysis.NodeMetricsOf(b.Context(), net, analysis.MetricsOptions{
		Seed: 1, Permutations: 1, Betweenness: bc, SkipCloseness: true})
	if err != nil {
		b.Fatal(err)
	}
	for i := range nodes {
		nodes[i].Closeness = analysis.Float(r.Float64())
	}
	return NodeMetricsJSON{
		MetricsMeta: MetricsMeta{Source: "generated", At: "2024-01-01", TieSource: "all", Seed: 1},
		Nodes:       nodes,
	}
}

// BenchmarkWriteJSON: WriteJSON of the node metrics of 50,000 partners.
func BenchmarkWriteJSON(b *testing.B) {
	doc := nodeMetricsDoc(b, 50000)
	var buf bytes.Buffer
	if err := WriteJSON(&buf, doc); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := WriteJSON(io.Discard, doc); err != nil {
			b.Fatal(err)
		}
	}
}

// indentCases are JSON texts whose indentation is easy to get wrong.
var indentCases = []string{
	`{}`, `[]`, `""`, `0`, `-1.5e-7`, `true`, `false`, `null`,
	`{"a":{}}`, `{"a":[]}`, `[{}]`, `[[]]`, `[[],[]]`, `[{},{}]`, `{"a":{},"b":[]}`,
	`[[[[[]]]]]`, `{"a":{"b":{"c":{"d":{}}}}}`, `[{"a":[{"b":[]}]}]`,
	`{"a":1,"b":[1,2,3],"c":{"d":null,"e":true,"f":false}}`,
	`["x","",""]`, `{"":""}`, `{"":{}}`,
	`"a\"b"`, `"\\"`, `"\\\""`, `["\\","\"",""]`, `{"\\":"\""}`,
	`"{[,:]}"`, `{"{":"}","[":"]",",":":"}`, `["a,b","c:d","{}","[]"]`,
	`"\u0041\u00e9\ud83d\ude00\u003c\u0026"`, `"\n\t\r\b\f\/"`,
	`"héllo wörld ☃ 😀"`, `{"日本":"語"}`,
	`[0,-0,1e10,1E+10,1.25e-300,-123456789.123456789]`,
	`[true,false,null,{"x":[true,{"y":null}]}]`,
	strings.Repeat("[", 100) + strings.Repeat("]", 100),
	strings.Repeat(`{"a":`, 80) + "1" + strings.Repeat("}", 80),
	strings.Repeat(`[1,`, 90) + "[]" + strings.Repeat("]", 90),
	"{\"a\":1}\n", // as an Encoder writes it
}

// wantIndent is what json.Indent makes of src.
func wantIndent(t testing.TB, src []byte) []byte {
	t.Helper()
	var want bytes.Buffer
	if err := json.Indent(&want, src, "", "  "); err != nil {
		t.Fatalf("json.Indent(%q): %v", src, err)
	}
	return want.Bytes()
}

// checkIndent: indentWriter indents src as json.Indent does, written in
// one piece, split in two at every place (all places for a short src, some
// for a long one) and a few bytes at a time.
func checkIndent(t testing.TB, name string, src []byte) {
	t.Helper()
	want := wantIndent(t, src)
	if got := appendIndentJSON(nil, src); !bytes.Equal(got, want) {
		t.Fatalf("%s: indented %q\ngot:\n%s\nwant:\n%s", name, src, got, want)
	}
	if got := appendIndentJSON([]byte("prefix"), src); !bytes.Equal(got, append([]byte("prefix"), want...)) {
		t.Fatalf("%s: appending to a prefix: %q", name, got)
	}
	step := max(1, len(src)/200)
	for k := 0; k <= len(src); k += step {
		var out bytes.Buffer
		iw := &indentWriter{w: &out}
		iw.Write(src[:k])
		iw.Write(nil)
		iw.Write(src[k:])
		if err := iw.Flush(); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out.Bytes(), want) {
			t.Fatalf("%s: split at %d of %q\ngot:\n%s\nwant:\n%s", name, k, src, out.Bytes(), want)
		}
	}
	for _, size := range []int{1, 2, 3, 7, 100} {
		var out bytes.Buffer
		iw := &indentWriter{w: &out}
		for k := 0; k < len(src); k += size {
			iw.Write(src[k:min(k+size, len(src))])
		}
		if err := iw.Flush(); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out.Bytes(), want) {
			t.Fatalf("%s: written %d bytes at a time: %q\ngot:\n%s\nwant:\n%s", name, size, src, out.Bytes(), want)
		}
	}
}

// compactJSON is src compacted by json.Compact.
func compactJSON(t testing.TB, src []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, src); err != nil {
		t.Fatalf("json.Compact: %v", err)
	}
	return b.Bytes()
}

// TestIndentWriter: the indenter of WriteJSON against json.Indent, on the
// edge cases, on the JSON of testdata and on documents of the package.
func TestIndentWriter(t *testing.T) {
	for _, c := range indentCases {
		if !json.Valid([]byte(c)) {
			t.Fatalf("not JSON: %q", c)
		}
		checkIndent(t, c, []byte(c))
	}
	files, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no JSON in testdata: %v", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checkIndent(t, f, compactJSON(t, b))
	}
	_, d := exampleDoc(t)
	for name, doc := range map[string]any{
		"example report": d,
		"node metrics":   nodeMetricsDoc(t, 300),
		"html":           map[string]any{"<b>": "a & b <c>", "x": []any{}, "y": map[string]int{}},
	} {
		b, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		checkIndent(t, name, b)
	}
}

// TestWriteJSONLikeEncoder: WriteJSON writes the bytes of an Encoder with
// SetIndent("", "  "), the way it was written before, through a writer
// that takes a few bytes at a time and with chunks of several writes.
func TestWriteJSONLikeEncoder(t *testing.T) {
	_, d := exampleDoc(t)
	big := nodeMetricsDoc(t, 3000)
	for name, doc := range map[string]any{
		"example report": d,
		"node metrics":   big,
		"empty report":   &Document{Report: Report{Name: "x", Source: "y"}},
		"html":           map[string]string{"<script>": "&'\"\\\u2028"},
		"number":         1.5,
		"null":           nil,
		"empty":          []int{},
	} {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		if err := enc.Encode(doc); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := WriteJSON(&got, doc); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%s: WriteJSON differs from the Encoder", name)
		}
		var writes countingWriter
		if err := WriteJSON(&writes, doc); err != nil {
			t.Fatal(err)
		}
		if writes.n < 1 || writes.n > 1+writes.bytes/indentChunk {
			t.Errorf("%s: %d bytes in %d writes", name, writes.bytes, writes.n)
		}
	}
	if want := 3000; len(big.Nodes) != want {
		t.Fatalf("%d nodes, want %d", len(big.Nodes), want)
	}

	// A document that does not encode writes nothing.
	var buf bytes.Buffer
	if err := WriteJSON(&buf, math.NaN()); err == nil || buf.Len() > 0 {
		t.Errorf("NaN: %v, wrote %q", err, buf.Bytes())
	}
	// A writer's error is WriteJSON's, at the first chunk.
	fail := errors.New("disk full")
	fw := &failingWriter{err: fail}
	if err := WriteJSON(fw, big); !errors.Is(err, fail) || fw.n != 1 {
		t.Errorf("failing writer: %v after %d writes", err, fw.n)
	}
}

type countingWriter struct{ n, bytes int }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.n++
	w.bytes += len(p)
	return len(p), nil
}

type failingWriter struct {
	n   int
	err error
}

func (w *failingWriter) Write(p []byte) (int, error) {
	w.n++
	return 0, w.err
}

// FuzzIndent: on any JSON, compacted, the indenter of WriteJSON writes
// what json.Indent writes.
func FuzzIndent(f *testing.F) {
	for _, c := range indentCases {
		f.Add([]byte(c))
	}
	f.Add([]byte(`{ "a" : [ 1 , { } , [ ] , "x\"y" ] }`))
	f.Fuzz(func(t *testing.T, b []byte) {
		if !json.Valid(b) {
			return
		}
		src := compactJSON(t, b)
		if !json.Valid(src) {
			return
		}
		want := wantIndent(t, src)
		if got := appendIndentJSON(nil, src); !bytes.Equal(got, want) {
			t.Fatalf("indented %q\ngot:\n%s\nwant:\n%s", src, got, want)
		}
		// Written in pieces as long as the input's last byte says.
		size := 1 + int(b[len(b)-1])%8
		var out bytes.Buffer
		iw := &indentWriter{w: &out}
		for k := 0; k < len(src); k += size {
			iw.Write(src[k:min(k+size, len(src))])
		}
		iw.Flush()
		if !bytes.Equal(out.Bytes(), want) {
			t.Fatalf("written %d bytes at a time: %q\ngot:\n%s\nwant:\n%s", size, src, out.Bytes(), want)
		}
	})
}

// appendIndentJSON appends the compact JSON src to dst, indented as
// json.Indent(dst, src, "", "  ") would indent it.
func appendIndentJSON(dst, src []byte) []byte {
	w := &appendWriter{b: dst}
	iw := &indentWriter{w: w}
	iw.Write(src)
	iw.Flush()
	return w.b
}

// appendWriter is an io.Writer that appends to b.
type appendWriter struct{ b []byte }

func (w *appendWriter) Write(p []byte) (int, error) {
	w.b = append(w.b, p...)
	return len(p), nil
}

// ptrRow has a MarshalJSON with a pointer receiver, which encoding/json
// calls for the elements of a slice (addressable) but not for a copy.
type ptrRow struct{ N int }

func (r *ptrRow) MarshalJSON() ([]byte, error) { return json.Marshal(map[string]int{"n<": r.N}) }

// TestWriteRows: documents whose last field is a long list are written a
// row at a time, byte for byte as the Encoder writes them whole, and the
// others as before.
func TestWriteRows(t *testing.T) {
	type inner struct {
		A string `json:"a,omitempty"`
	}
	rows := make([]ptrRow, 1500)
	maps := make([]map[string]any, 1200)
	for i := range rows {
		rows[i].N = i
	}
	for i := range maps {
		maps[i] = map[string]any{"<b>": i, "x": []float64{float64(i) / 7}, "s": "a\u2028&"}
	}
	type withRows struct {
		inner
		Title string   `json:"title"`
		Rows  []ptrRow `json:"<rows>"`
	}
	type withMaps struct {
		Maps []map[string]any
	}
	type omitted struct {
		Title string   `json:"title"`
		Rows  []ptrRow `json:"rows,omitempty"`
	}
	type bytesLast struct {
		Blob []byte `json:"blob"`
	}
	type short struct {
		Rows []ptrRow `json:"rows"`
	}
	big := nodeMetricsDoc(t, 1500)
	for name, tc := range map[string]struct {
		doc     any
		streams bool
	}{
		"node metrics":          {big, true},
		"node metrics, pointer": {&big, true},
		"pointer-receiver rows": {withRows{inner{"x"}, "t", rows}, true},
		"maps, untagged":        {&withMaps{maps}, true},
		"omitempty":             {omitted{"t", rows}, false},
		"bytes":                 {bytesLast{make([]byte, 3000)}, false},
		"short":                 {short{rows[:rowsMin-1]}, false},
		"nil pointer":           {(*withMaps)(nil), false},
	} {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		if err := enc.Encode(tc.doc); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := WriteJSON(&got, tc.doc); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%s: WriteJSON differs from the Encoder", name)
		}
		iw := &indentWriter{w: io.Discard}
		if ok, err := writeRows(iw, tc.doc); ok != tc.streams || err != nil {
			t.Errorf("%s: writeRows took it: %v (want %v), %v", name, ok, tc.streams, err)
		}
	}
}
