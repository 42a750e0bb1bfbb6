package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"reflect"
	"slices"
	"strings"
)

// FieldsWriter is a writer for WriteJSON that keeps only the top-level keys
// named in Fields (in the document's order), as `ecoscope serve` answers
// /api/COMMAND?fields=a,b. The values are those of the whole document,
// indented for their place in it, so that every line of the selection is a
// line of the whole; but only the chosen values are encoded, which matters
// for a report of 50,000 partners (about 60 MB of JSON in all, most of it
// the gaps and check of every unit).
type FieldsWriter struct {
	io.Writer
	Fields []string
}

// FieldsError says that a name of FieldsWriter.Fields is not a key of the
// document, and what its keys are.
type FieldsError struct {
	Missing, Keys []string
}

func (e *FieldsError) Error() string {
	return fmt.Sprintf("no key %s in the answer; its keys are %s", strings.Join(e.Missing, ", "), strings.Join(e.Keys, ", "))
}

// writeJSONFields writes the keys of doc named in fields, as WriteJSON
// would write doc and then drop the other keys.
func writeJSONFields(w io.Writer, doc any, fields []string) error {
	top, ok := topLevel(reflect.ValueOf(doc))
	if !ok {
		// Encoded by a method of its own (or a shape topLevel does not
		// follow): the whole document, then the selection.
		var buf bytes.Buffer
		if err := WriteJSON(&buf, doc); err != nil {
			return err
		}
		b, err := SelectJSON(buf.Bytes(), fields)
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	}
	want := map[string]bool{}
	for _, f := range fields {
		want[f] = true
	}
	var out bytes.Buffer
	out.WriteByte('{')
	keys := make([]string, 0, len(top))
	for _, f := range top {
		keys = append(keys, f.name)
		if !want[f.name] {
			continue
		}
		delete(want, f.name)
		// Encoder, as WriteJSON: HTML characters escaped, a trailing newline
		// (trimmed).
		var v bytes.Buffer
		enc := json.NewEncoder(&v)
		enc.SetIndent("  ", "  ")
		if err := enc.Encode(f.value.Interface()); err != nil {
			return err
		}
		writeKey(&out, f.name, bytes.TrimSuffix(v.Bytes(), []byte("\n")))
	}
	if len(want) > 0 {
		return &FieldsError{Missing: slices.Sorted(maps.Keys(want)), Keys: keys}
	}
	out.WriteString("\n}\n")
	_, err := w.Write(out.Bytes())
	return err
}

// writeKey appends `"name": value` to the object being written in out
// (which holds at least its "{"), as the second line of an object indented
// two spaces a level.
func writeKey(out *bytes.Buffer, name string, value []byte) {
	if out.Len() > 1 {
		out.WriteByte(',')
	}
	out.WriteString("\n  ")
	kb, _ := json.Marshal(name)
	out.Write(kb)
	out.WriteString(": ")
	out.Write(value)
}

// SelectJSON returns the JSON object body, as WriteJSON writes it, with only
// the top-level keys named in fields, in body's order; a name that is not a
// key is a *FieldsError.
func SelectJSON(body []byte, fields []string) ([]byte, error) {
	want := map[string]bool{}
	for _, f := range fields {
		want[f] = true
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, errors.New("the answer is not an object")
	}
	var out bytes.Buffer
	out.WriteByte('{')
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		k, _ := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		keys = append(keys, k)
		if !want[k] {
			continue
		}
		delete(want, k)
		writeKey(&out, k, v)
	}
	if len(want) > 0 {
		return nil, &FieldsError{Missing: slices.Sorted(maps.Keys(want)), Keys: keys}
	}
	out.WriteString("\n}\n")
	return out.Bytes(), nil
}

// field is a top-level key of a document and its value.
type field struct {
	name  string
	value reflect.Value
}

var marshalerType = reflect.TypeFor[json.Marshaler]()

// topLevel returns the keys encoding/json writes for the struct v (or a
// pointer to one), in its order, with their values: exported fields by
// their tag's name or their own, the fields of embedded structs in their
// place, "-" and empty omitempty fields left out. ok is false when v is not
// such a struct or encoding/json would not follow these rules for it (a
// MarshalJSON method, the ",string" or ",omitzero" option, two fields of one
// name), and the caller then encodes it whole.
func topLevel(v reflect.Value) (out []field, ok bool) {
	v, ok = plainStruct(v)
	if !ok {
		return nil, false
	}
	seen := map[string]bool{}
	var walk func(v reflect.Value) bool
	walk = func(v reflect.Value) bool {
		t := v.Type()
		for i := range t.NumField() {
			sf := t.Field(i)
			tag := sf.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			if sf.Anonymous && name == "" {
				fv := v.Field(i)
				ft := sf.Type
				if ft.Kind() == reflect.Pointer {
					if !sf.IsExported() {
						return false // encoding/json's own rules for these
					}
					ft = ft.Elem()
					if ft.Kind() == reflect.Struct && fv.IsNil() {
						continue
					}
				}
				if ft.Kind() == reflect.Struct {
					for fv.Kind() == reflect.Pointer {
						fv = fv.Elem()
					}
					if !walk(fv) {
						return false
					}
					continue
				}
			}
			if !sf.IsExported() {
				continue
			}
			for o := range strings.SplitSeq(opts, ",") {
				if o == "string" || o == "omitzero" {
					return false
				}
			}
			if name == "" {
				name = sf.Name
			}
			fv := v.Field(i)
			if slices.Contains(strings.Split(opts, ","), "omitempty") && isEmpty(fv) {
				continue
			}
			if seen[name] {
				return false
			}
			seen[name] = true
			out = append(out, field{name, fv})
		}
		return true
	}
	if !walk(v) {
		return nil, false
	}
	return out, true
}

// plainStruct returns the struct v is or points to, and false when there is
// none or encoding/json would call a MarshalJSON of its (or a pointer's)
// instead of encoding its fields.
func plainStruct(v reflect.Value) (reflect.Value, bool) {
	for v.Kind() == reflect.Pointer {
		if v.IsNil() || v.Type().Implements(marshalerType) {
			return v, false
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct || v.Type().Implements(marshalerType) || reflect.PointerTo(v.Type()).Implements(marshalerType) {
		return v, false
	}
	return v, true
}

// isEmpty is encoding/json's rule for omitempty.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}
