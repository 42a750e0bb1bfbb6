package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/ecoscope/ecoscope/analysis"
)

// fieldsOf returns what WriteJSON writes for doc to a FieldsWriter with
// fields.
func fieldsOf(t *testing.T, doc any, fields ...string) ([]byte, error) {
	t.Helper()
	var buf bytes.Buffer
	err := WriteJSON(&FieldsWriter{Writer: &buf, Fields: fields}, doc)
	return buf.Bytes(), err
}

// checkSelection checks that writing only fields of doc gives the bytes of
// the whole document with the other keys dropped (SelectJSON), key by key
// and for every key at once.
func checkSelection(t *testing.T, name string, doc any) {
	t.Helper()
	var whole bytes.Buffer
	if err := WriteJSON(&whole, doc); err != nil {
		t.Fatal(err)
	}
	var keys []string
	dec := json.NewDecoder(bytes.NewReader(whole.Bytes()))
	dec.Token()
	for dec.More() {
		tok, _ := dec.Token()
		keys = append(keys, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	if len(keys) < 2 {
		t.Fatalf("%s: %d keys", name, len(keys))
	}
	sets := [][]string{keys, {keys[len(keys)-1], keys[0]}}
	for _, k := range keys {
		sets = append(sets, []string{k})
	}
	for _, fields := range sets {
		want, err := SelectJSON(whole.Bytes(), fields)
		if err != nil {
			t.Fatal(err)
		}
		got, err := fieldsOf(t, doc, fields...)
		if err != nil {
			t.Fatalf("%s %v: %v", name, fields, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s %v:\n got %.300s\nwant %.300s", name, fields, got, want)
		}
	}
	// All the keys: the whole document, byte for byte.
	got, _ := fieldsOf(t, doc, keys...)
	if !bytes.Equal(got, whole.Bytes()) {
		t.Errorf("%s: every key is not the whole document", name)
	}
}

// TestFieldsWriter: the keys of a document written alone equal those keys
// of the whole document (the report of the example, which embeds Report and
// has omitempty fields, metrics and a Marshaler), and an unknown key is an
// error naming the keys.
func TestFieldsWriter(t *testing.T) {
	e, doc := exampleDoc(t)
	checkSelection(t, "report", doc)
	checkSelection(t, "empty report", &Document{Report: Report{Name: "x", Source: "y"}})
	net := analysis.New(e, analysis.Options{})
	nm, err := analysis.NetworkMetricsOf(t.Context(), e, net, analysis.MetricsOptions{Permutations: 10, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	checkSelection(t, "network metrics", NetworkMetricsJSON{MetricsMeta: MetricsMeta{Source: "s"}, NetworkMetrics: nm})

	// A Marshaler is encoded whole, then selected.
	checkSelection(t, "marshaler", marshalsItself{})

	// omitempty: an empty field is not a key.
	type withEmpty struct {
		A int    `json:"a"`
		B string `json:"b,omitempty"`
		C []int  `json:"c"`
	}
	checkSelection(t, "omitempty", withEmpty{A: 1, C: []int{1, 2}})
	_, err = fieldsOf(t, withEmpty{}, "b", "a")
	var fe *FieldsError
	if !errors.As(err, &fe) || strings.Join(fe.Missing, ",") != "b" || strings.Join(fe.Keys, ",") != "a,c" {
		t.Errorf("an omitted key: %v", err)
	}

	_, err = fieldsOf(t, doc, "partners", "bogus", "also_bogus")
	if !errors.As(err, &fe) || !strings.Contains(err.Error(), "no key also_bogus, bogus") || !strings.Contains(err.Error(), "summary") {
		t.Errorf("unknown keys: %v", err)
	}
	if _, err := SelectJSON([]byte(`[1]`), []string{"a"}); err == nil {
		t.Error("SelectJSON of an array: no error")
	}
}

type marshalsItself struct{}

func (marshalsItself) MarshalJSON() ([]byte, error) { return []byte(`{"z":1,"a":[1,2]}`), nil }
