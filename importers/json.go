package importers

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/ecoscope/ecoscope/graph"
)

// ReadJSON reads a data set from one JSON document:
//
//	{"name": "...", "partners": [{"id": "p1", "helix": "academia", ...}, ...],
//	 "people": [...], "units": [...], "memberships": [...], "ties": [...], "values": [...]}
//
// The records have the fields of the CSV columns (the json names of the
// graph types), with the same Dutch aliases, and their values go through the
// same parsing: vocabulary values accept synonyms, dates are strings
// "YYYY", "YYYY-MM" or "YYYY-MM-DD" (or a number for a year). name is the
// file name used in problem positions; each record is placed on the line of
// its opening brace. The ecosystem is named after the "name" key, or else
// after name without its extension. A document larger than MaxFileSize is
// refused. See Read for what it returns.
func ReadJSON(r io.Reader, name string) (*graph.Ecosystem, graph.Problems, error) {
	return readJSON(r, name, nil)
}

func readJSON(r io.Reader, name string, known *graph.Known) (*graph.Ecosystem, graph.Problems, error) {
	var b strings.Builder
	if _, err := io.Copy(&b, io.LimitReader(r, maxFileSize+1)); err != nil {
		return nil, nil, fmt.Errorf("read data set %s: %w", name, err)
	}
	if int64(b.Len()) > maxFileSize {
		d := newDecoder(name)
		d.fatalf(0, "", "the document holds more than the %s ecoscope reads from one file", size(maxFileSize))
		return finish(&graph.Ecosystem{}, name, &d.problems, true, known)
	}
	return readJSONText(b.String(), name, known)
}

// readJSONText is readJSON of the document text.
func readJSONText(text, name string, known *graph.Known) (*graph.Ecosystem, graph.Problems, error) {
	e := &graph.Ecosystem{}
	d := newDecoder(name)
	d.readJSON(text, e)
	if e.Name == "" {
		e.Name = strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	}
	return finish(e, name, &d.problems, d.fatal, known)
}

// jsonReader reads a JSON document. Once json.Valid has checked its syntax,
// it reads the document directly from its text, which the strings of the
// records share.
type jsonReader struct {
	*decoder
	text string
	off  int // offset up to which lines are counted
	line int // line at off
	// warned holds the unknown keys already reported, per table.
	warned map[[2]string]bool
	// names holds the names of the records (partners[3]), which their
	// positions share.
	names strings.Builder
}

// recordName returns "table[k]", kept with the names of other records.
func (j *jsonReader) recordName(table string, k int) string {
	if j.names.Cap()-j.names.Len() < len(table)+22 {
		j.names = strings.Builder{} // the strings given out keep the old one
		j.names.Grow(64 << 10)
	}
	start := j.names.Len()
	j.names.WriteString(table)
	j.names.WriteByte('[')
	j.names.WriteString(strconv.Itoa(k))
	j.names.WriteByte(']')
	return j.names.String()[start:]
}

// readJSON reads the JSON document text into e.
func (d *decoder) readJSON(text string, e *graph.Ecosystem) {
	text = strings.TrimPrefix(text, "\uFEFF")
	if !utf8.ValidString(text) {
		line, why := invalidUTF8(text)
		d.fatalf(line, "", "file is not valid UTF-8 (%s); re-save it as UTF-8", why)
		return
	}
	j := &jsonReader{decoder: d, text: text, line: 1, warned: map[[2]string]bool{}}
	if strings.TrimSpace(text) == "" {
		d.fatalf(0, "", `empty file; want a JSON object {"partners": [...], ...}`)
		return
	}
	if b := []byte(text); !json.Valid(b) {
		j.syntaxError(b)
		return
	}
	if i := loneSurrogate(text); i >= 0 {
		line, col := j.position(i)
		j.fatalf(line, "", "invalid JSON at character %d: %s is half of a UTF-16 surrogate pair, without the other half", col, text[i:i+6])
		return
	}
	i := skipSpace(text, 0)
	if text[i] != '{' {
		d.fatalf(j.lineAt(i), "", `want a JSON object {"partners": [...], "ties": [...], ...}, not %s`, describeValue(text[i:skipValue(text, i)]))
		return
	}
	var (
		tableLine [numTables]int // the line of each table, 0 before it
		nameKey   string         // the key that gave the name
	)
	j.members(i, func(key string, at, v int) {
		if d.fatal {
			return // a table given twice, too many records
		}
		d.pos.Line = j.lineAt(at)
		nk := normalizeHeader(key)
		if id, ok := tableByName[nk]; ok {
			if tableLine[id] > 0 {
				// Reading both would report every reference into the one
				// left out, as CSV tables given twice.
				j.fatalf(d.pos.Line, "", "table %s is given twice, also on line %d; keep one of them", tables[id].name, tableLine[id])
				return
			}
			tableLine[id] = d.pos.Line
			j.array(id, nk, v, e)
			d.pos.Record = ""
			return
		}
		if nk == "name" || nk == "naam" {
			if nameKey != "" {
				d.errorf("name", "key given twice, as %s and %s; the second is ignored", graph.Quote(nameKey), graph.Quote(key))
				return
			}
			nameKey = key
			e.Name = j.scalarText("name", text[v:skipValue(text, v)])
			return
		}
		msg := fmt.Sprintf("unknown key %s is ignored", graph.Quote(key))
		if _, ok := tables[tabPartners].aliases[nk]; ok {
			msg += " (the fields of a partner go in the objects of the \"partners\" array)"
		} else {
			msg += " (keys: name, partners, people, units, memberships, ties, values)"
		}
		d.warnf("", "%s", msg)
	})
}

// members calls f for each member of the object at offset i of the text,
// with its key, the offset of the key and the offset of the value.
func (j *jsonReader) members(i int, f func(key string, at, v int)) {
	s := j.text
	for i++; ; {
		i = skipSpace(s, i)
		if s[i] == '}' {
			return
		}
		at := i
		key, n := jsonString(s, i)
		v := skipSpace(s, skipSpace(s, n)+1) // past the colon
		f(key, at, v)
		i = skipValue(s, v)
	}
}

// array reads the array of records of table id, at offset i of the text.
func (j *jsonReader) array(id tableID, key string, i int, e *graph.Ecosystem) {
	s := j.text
	switch s[i] {
	case 'n':
		return
	case '[':
	default:
		j.errorf(key, "want an array of objects, not %s", describeValue(s[i:skipValue(s, i)]))
		return
	}
	t := tables[id]
	// Make room for as many records as the array holds objects, up to
	// maxRecords in all.
	objects := 0
	for k := skipSpace(s, i+1); s[k] != ']'; k = skipSpace(s, skipValue(s, k)) {
		if s[k] == '{' {
			objects++
		}
	}
	grow(e, id, min(objects, maxRecords-j.records))
	cells := make([]string, len(t.columns))
	given := make([]string, len(t.columns)) // the key that gave each cell of a record
	// The records usually name the same fields in the same order: remember
	// the column of the nth field of the last record.
	type field struct {
		name string
		col  int
	}
	var order []field
	const maxOrder = 64 // fields remembered; a record that has more looks the rest up
	for k, i := 0, i+1; ; k++ {
		i = skipSpace(s, i)
		if s[i] == ']' {
			return
		}
		j.pos.Line = j.lineAt(i)
		j.pos.Record = j.recordName(key, k)
		if s[i] != '{' {
			n := skipValue(s, i)
			j.errorf("", "want an object, not %s", describeValue(s[i:n]))
			i = n
			continue
		}
		if j.records >= maxRecords {
			j.fatalf(j.pos.Line, "", "the document holds more than the %d records ecoscope reads from one data set", maxRecords)
			return
		}
		clear(cells)
		clear(given)
		nth := 0
		j.members(i, func(name string, _, v int) {
			f := &field{name, -2}
			if nth < maxOrder {
				if nth == len(order) {
					order = append(order, field{})
				}
				f = &order[nth]
			}
			nth++
			if f.name != name || f.name == "" || f.col == -2 {
				*f = field{name, t.column(name)}
			}
			if f.col < 0 {
				j.unknownField(t, name)
				return
			}
			if given[f.col] != "" {
				j.errorf(t.columns[f.col], "field given twice, as %s and %s; the second is ignored", graph.Quote(given[f.col]), graph.Quote(name))
				return
			}
			given[f.col] = name
			cells[f.col] = j.scalarText(t.columns[f.col], s[v:skipValue(s, v)])
		})
		j.add(e, id, cells)
		i = skipValue(s, i)
	}
}

// scalarText returns the text of v, a valid JSON value that should be a
// string, number, boolean or null (trimmed; "" for null). An object or an
// array is reported in field and read as "".
func (j *jsonReader) scalarText(field, v string) string {
	switch v[0] {
	case '"':
		s, _ := jsonString(v, 0)
		return trim(s)
	case 'n':
		return ""
	case '{', '[':
		j.errorf(field, "want a string, number or true/false, not %s", describeValue(v))
		return ""
	}
	return v // a number, true or false
}

// skipSpace returns the offset of the first byte of s from i on that is
// neither JSON white space nor a comma.
func skipSpace(s string, i int) int {
	for i < len(s) {
		switch s[i] {
		case ' ', '\t', '\r', '\n', ',':
			i++
		default:
			return i
		}
	}
	return i
}

// jsonString returns the string that starts at s[i] (a double quote) in
// valid JSON, and the offset after it.
func jsonString(s string, i int) (string, int) {
	escaped := false
	k := i + 1
	for ; k < len(s); k++ {
		c := s[k]
		if c == '\\' {
			escaped = true
			k++
			continue
		}
		if c == '"' {
			break
		}
	}
	if k >= len(s) {
		return s[i+1:], len(s)
	}
	if !escaped {
		return s[i+1 : k], k + 1
	}
	return unescape(s[i+1 : k]), k + 1
}

// unescape returns the string that s, the inside of a JSON string with
// valid escapes, stands for. A lone surrogate (see loneSurrogate) becomes
// U+FFFD.
func unescape(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.IndexByte(s, '\\')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		c := s[i+1]
		s = s[i+2:]
		switch c {
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			r := hex4(s)
			s = s[4:]
			if utf16.IsSurrogate(r) {
				r2 := rune(-1)
				if strings.HasPrefix(s, `\u`) {
					r2 = hex4(s[2:])
				}
				if p := utf16.DecodeRune(r, r2); p != utf8.RuneError {
					r = p
					s = s[6:]
				} else {
					r = utf8.RuneError
				}
			}
			b.WriteRune(r)
		default: // " \ /
			b.WriteByte(c)
		}
	}
}

// hex4 returns the value of the 4 hexadecimal digits s starts with, -1
// when it does not.
func hex4(s string) rune {
	if len(s) < 4 {
		return -1
	}
	var r rune
	for _, c := range []byte(s[:4]) {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return -1
		}
		r = r<<4 | rune(c)
	}
	return r
}

// loneSurrogate returns the offset in text, a valid JSON document, of the
// first escape \uXXXX that is half of a UTF-16 surrogate pair without the
// other half, or -1. encoding/json would read it as U+FFFD.
func loneSurrogate(text string) int {
	for off := 0; ; {
		k := strings.Index(text[off:], `\u`)
		if k < 0 {
			return -1
		}
		i := off + k
		off = i + 2
		// An escape only if an odd number of backslashes ends here:
		// "\\u" is a backslash and a u.
		n := 0
		for j := i; j >= 0 && text[j] == '\\'; j-- {
			n++
		}
		if n%2 == 0 {
			continue
		}
		r := hex4(text[i+2:])
		if !utf16.IsSurrogate(r) {
			continue
		}
		if r >= 0xDC00 || !strings.HasPrefix(text[i+6:], `\u`) {
			return i // a low half first, or a high half alone
		}
		if r2 := hex4(text[i+8:]); r2 < 0xDC00 || r2 > 0xDFFF {
			return i
		}
		off = i + 12 // the pair
	}
}

// skipValue returns the offset after the value that starts at s[i] in
// valid JSON.
func skipValue(s string, i int) int {
	switch s[i] {
	case '"':
		_, n := jsonString(s, i)
		return n
	case '{', '[':
		depth := 0
		for i < len(s) {
			switch s[i] {
			case '"':
				_, i = jsonString(s, i)
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return i
	}
	for i < len(s) {
		switch s[i] {
		case ',', '}', ']', ' ', '\t', '\r', '\n':
			return i
		}
		i++
	}
	return i
}

// unknownField warns, once per table, about a field that is not a column.
func (j *jsonReader) unknownField(t *table, field string) {
	k := [2]string{t.name, field}
	if j.warned[k] {
		return
	}
	if len(j.warned) < maxMemo { // past that, a field may be warned about again
		j.warned[k] = true
	}
	msg := fmt.Sprintf("unknown field %s is ignored", graph.Quote(field))
	if s := t.suggest(field); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	j.warnf("", "%s (fields: %s)", msg, strings.Join(t.columns, ", "))
}

// syntaxError records the first syntax error of text, the document as
// bytes (json.Valid found one), at its position.
func (j *jsonReader) syntaxError(text []byte) {
	var raw json.RawMessage
	err := json.Unmarshal(text, &raw)
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		j.fatalf(0, "", "invalid JSON: %v", err)
		return
	}
	line, col := j.position(int(se.Offset) - 1)
	if se.Offset >= int64(len(j.text)) {
		j.fatalf(line, "", "the JSON document ends too early: a closing } or ] is missing")
		return
	}
	j.fatalf(line, "", "invalid JSON at character %d: %s", col, se.Error())
}

// lineAt returns the line of offset off, which is not before the offset of
// the previous call.
func (j *jsonReader) lineAt(off int) int {
	if off < j.off {
		j.off, j.line = 0, 1
	}
	j.line += strings.Count(j.text[j.off:off], "\n")
	j.off = off
	return j.line
}

// position returns the line and the character in that line at offset off.
func (j *jsonReader) position(off int) (line, col int) {
	off = min(max(off, 0), len(j.text))
	line = 1 + strings.Count(j.text[:off], "\n")
	start := strings.LastIndexByte(j.text[:off], '\n') + 1
	return line, utf8.RuneCountInString(j.text[start:off]) + 1
}

// describeValue names the kind of v, a valid JSON value, for a message.
func describeValue(v string) string {
	switch v[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		s, _ := jsonString(v, 0)
		return "the string " + graph.Quote(s)
	case 't', 'f', 'n':
		return v
	}
	if len(v) > graph.MaxQuoted {
		return fmt.Sprintf("a number of %d characters", len(v))
	}
	return "the number " + v
}
