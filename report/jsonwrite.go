package report

import (
	"bytes"
	"encoding/json"
	"io"
	"reflect"
	"strings"
)

// indentChunk is how much indented JSON an indentWriter gathers before it
// writes it on: large enough that a 60 MB report takes a few hundred
// writes, small enough not to hold a second copy of it.
const indentChunk = 256 << 10

// indentSpaces is the indentation of the deepest levels appendNewline
// writes in one append; deeper levels take several.
const indentSpaces = "                                                                " +
	"                                                                "

// indentWriter indents compact JSON written to it, as json.Indent(dst, src,
// "", "  ") would, and writes the result on to w in chunks of about
// indentChunk bytes (and the rest at Flush). What is written to it must be
// compact, valid JSON: the output of json.Marshal or a json.Encoder without
// SetIndent (a value and its newline), or of json.Compact. It does not
// check it. It is a state machine over bytes, so the JSON may be split
// over writes anywhere, even inside a string or an escape.
//
// It is the scanner of json.Indent without the validation: outside
// strings, '{' and '[' start a level whose newline waits for the next byte
// (so that an empty object or array stays {} or []), ',' ends a line, ':'
// takes a space, '}' and ']' end a level on a line of their own unless it
// is empty; other bytes (numbers, literals, the trailing newline) are
// copied. Strings are copied through, their escapes skipped, so that quotes
// and punctuation inside them are not taken for structure.
type indentWriter struct {
	w   io.Writer
	buf []byte
	err error

	depth      int
	needIndent bool // after '{' or '[': the newline waits for the next byte
	inString   bool // inside a string
	escape     bool // inside a string, after a backslash
}

// newline appends a newline and the indentation of depth levels to dst.
func newline(dst []byte, depth int) []byte {
	dst = append(dst, '\n')
	for n := 2 * depth; n > 0; {
		k := min(n, len(indentSpaces))
		dst = append(dst, indentSpaces[:k]...)
		n -= k
	}
	return dst
}

// Write indents p; it returns an error only when writing on to w failed.
func (iw *indentWriter) Write(p []byte) (int, error) {
	if iw.err != nil {
		return 0, iw.err
	}
	if iw.buf == nil {
		// Indentation adds about half again to compact JSON.
		iw.buf = make([]byte, 0, min(len(p)+len(p)/2+64, indentChunk+indentChunk/4))
	}
	dst := iw.buf
	depth, needIndent := iw.depth, iw.needIndent
	i := 0
	if iw.inString {
		// Go on with the string a former write began.
		if iw.escape {
			if len(p) == 0 {
				return 0, nil
			}
			dst = append(dst, p[0])
			i = 1
			iw.escape = false
		}
		j, done, escape := stringEnd(p, i)
		dst = append(dst, p[i:j]...)
		i = j
		iw.inString, iw.escape = !done, escape
	}
	for i < len(p) {
		if len(dst) >= indentChunk {
			if _, err := iw.w.Write(dst); err != nil {
				iw.err = err
				return i, err
			}
			dst = dst[:0]
		}
		c := p[i]
		if needIndent && c != '}' && c != ']' {
			needIndent = false
			depth++
			dst = newline(dst, depth)
		}
		switch c {
		case '"':
			j, done, escape := stringEnd(p, i+1)
			dst = append(dst, p[i:j]...)
			i = j
			if !done {
				iw.inString, iw.escape = true, escape
			}
			continue
		case '{', '[':
			needIndent = true
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			dst = newline(dst, depth)
		case ':':
			dst = append(dst, c, ' ')
		case '}', ']':
			if needIndent {
				needIndent = false
			} else {
				depth--
				dst = newline(dst, depth)
			}
			dst = append(dst, c)
		default:
			// A number, a literal or the trailing newline: up to the
			// next punctuation.
			j := i + 1
			for j < len(p) && !jsonPunct[p[j]] {
				j++
			}
			dst = append(dst, p[i:j]...)
			i = j
			continue
		}
		i++
	}
	iw.buf, iw.depth, iw.needIndent = dst, depth, needIndent
	return len(p), nil
}

// Flush writes on what Write has gathered.
func (iw *indentWriter) Flush() error {
	if iw.err != nil {
		return iw.err
	}
	if len(iw.buf) > 0 {
		if _, err := iw.w.Write(iw.buf); err != nil {
			iw.err = err
			return err
		}
		iw.buf = iw.buf[:0]
	}
	return nil
}

// jsonPunct marks the bytes that end a number or literal in compact JSON.
var jsonPunct = [256]bool{'"': true, '{': true, '}': true, '[': true, ']': true, ',': true, ':': true}

// stringEnd returns the end of the string whose contents start at p[i]:
// the index just past its closing quote, and done; or, when p ends first,
// len(p), done false and whether p ends in the middle of an escape (after
// its backslash).
func stringEnd(p []byte, i int) (end int, done, escape bool) {
	for i < len(p) {
		switch p[i] {
		case '"':
			return i + 1, true, false
		case '\\':
			if i+1 == len(p) {
				return len(p), false, true
			}
			i += 2
		default:
			i++
		}
	}
	return len(p), false, false
}

// rowsMin is the length from which writeRows encodes a document's last
// field a row at a time.
const rowsMin = 1024

// writeRows writes to iw the compact JSON of doc, as a json.Encoder would,
// when doc is a struct (or a pointer to one) without a MarshalJSON of its
// own whose last field is a slice of at least rowsMin elements, encoded
// under a plain name (no tag options): the document with that slice empty
// first, then each element by itself. The Encoder would build the whole
// JSON in one buffer that doubles as it grows: 128 MB of memory touched
// for the 45 MB of node metrics of 50,000 partners, which cost more (in
// zeroing and page faults) than encoding it. It returns false, having
// written nothing, for any other doc.
func writeRows(iw *indentWriter, doc any) (bool, error) {
	v, ok := plainStruct(reflect.ValueOf(doc))
	if !ok || v.NumField() == 0 {
		return false, nil
	}
	t := v.Type()
	last := t.NumField() - 1
	f := t.Field(last)
	rows := v.Field(last)
	tag := f.Tag.Get("json")
	if !f.IsExported() || f.Anonymous || strings.Contains(tag, ",") || tag == "-" ||
		f.Type.Kind() != reflect.Slice || f.Type.Elem().Kind() == reflect.Uint8 || rows.Len() < rowsMin {
		return false, nil
	}
	name := tag
	if name == "" {
		name = f.Name
	}
	// The document with the rows left out; it must end with the field's
	// name and an empty array (the Encoder escapes the name as it does
	// any key).
	head := reflect.New(t).Elem()
	head.Set(v)
	head.Field(last).Set(reflect.MakeSlice(f.Type, 0, 0))
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	if err := enc.Encode(head.Interface()); err != nil {
		return true, err
	}
	key, err := json.Marshal(name)
	if err != nil {
		return true, err
	}
	tail := append(append(key, ':', '[', ']', '}'), '\n')
	if !bytes.HasSuffix(buf.Bytes(), tail) {
		return false, nil
	}
	if _, err := iw.Write(buf.Bytes()[:buf.Len()-len("]}\n")]); err != nil {
		return true, err
	}
	for i := range rows.Len() {
		buf.Reset()
		if i > 0 {
			buf.WriteByte(',')
		}
		// by its address, as an element of the whole slice is: a
		// MarshalJSON with a pointer receiver is called either way
		if err := enc.Encode(rows.Index(i).Addr().Interface()); err != nil {
			return true, err
		}
		if _, err := iw.Write(buf.Bytes()[:buf.Len()-1]); err != nil { // less the Encoder's newline
			return true, err
		}
	}
	_, err = iw.Write([]byte("]}\n"))
	return true, err
}
