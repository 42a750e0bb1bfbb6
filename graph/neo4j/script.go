package neo4j

import (
	"bufio"
	"fmt"
	"io"
	"math"

	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ecoscope/ecoscope/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// ScriptOptions tune WriteScript.
type ScriptOptions struct {
	// BatchSize is the number of rows per UNWIND statement; 0: 10,000.
	BatchSize int
}

// WriteScript writes a Cypher script that recreates e in an empty Neo4j
// database with `cypher-shell -f FILE`: the constraints and indexes first,
// then batched UNWIND statements whose rows are literal maps. The
// statements are those the store sends, with literals in place of their
// parameters. e must be valid: a reference to a record it lacks is an
// error wrapping graph.ErrInvalid, and nothing is written.
func WriteScript(w io.Writer, e *graph.Ecosystem, opts ScriptOptions) error {
	size := opts.BatchSize
	if size <= 0 {
		size = DefaultBatchSize
	}
	p, err := plan(&graph.Ecosystem{}, sorted(e), false)
	if err != nil {
		return fmt.Errorf("neo4j: script: %w", err)
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "// ecoscope: the ecosystem %s for an empty Neo4j 5 database.\n// Run: cypher-shell -a neo4j://localhost:7687 -u neo4j -d neo4j -f THIS_FILE\n\n", oneLine(e.Name))
	for _, st := range schema {
		bw.WriteString(st.text + ";\n")
	}
	bw.WriteString("\n")
	bw.WriteString(bind(initMeta.text, map[string]string{"meta": literal(metaKey), "name": literal(str(e.Name))}) + ";\n")
	for _, st := range p.steps {
		// The statement around its rows: $rows once, $gen is 0.
		before, after, ok := strings.Cut(bind(st.stmt.text, map[string]string{"rows": "\x00", "gen": "0"}), "\x00")
		if !ok {
			panic("neo4j: statement " + st.stmt.name + " has no $rows")
		}
		var buf []byte
		err := st.eachBatch(size, func(rows []any) error {
			buf = append(buf[:0], '\n')
			buf = append(buf, before...)
			buf = append(buf, "[\n"...)
			for i, r := range rows {
				buf = append(buf, "  "...)
				buf = appendLiteral(buf, r)
				if i < len(rows)-1 {
					buf = append(buf, ',')
				}
				buf = append(buf, '\n')
			}
			buf = append(buf, ']')
			buf = append(buf, after...)
			buf = append(buf, ";\n"...)
			_, err := bw.Write(buf)
			return err
		})
		if err != nil {
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("neo4j: script: %w", err)
	}
	return nil
}

// sorted returns a copy of e with the records of each kind in the order of
// their keys, so that a script depends on the data alone, not on the order
// it was read in: the store and the files give the same script.
func sorted(e *graph.Ecosystem) *graph.Ecosystem {
	c := *e
	c.Partners = byKey(e.Partners, func(p *graph.Partner) string { return p.ID })
	c.People = byKey(e.People, func(p *graph.Person) string { return p.ID })
	c.Units = byKey(e.Units, func(u *graph.Unit) string { return u.ID })
	c.Memberships = byKey(e.Memberships, func(m *graph.Membership) string { return membershipKey(m.Key()) })
	c.Ties = byKey(e.Ties, func(t *graph.Tie) string { return tieKey(t.Key()) })
	c.Values = byKey(e.Values, valueKey)
	return &c
}

// byKey returns a copy of xs sorted by key, stable, computing each key
// once.
func byKey[T any](xs []T, key func(*T) string) []T {
	type keyed struct {
		key string
		i   int
	}
	ks := make([]keyed, len(xs))
	for i := range xs {
		ks[i] = keyed{key(&xs[i]), i}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int { return strings.Compare(a.key, b.key) })
	out := make([]T, len(xs))
	for i, k := range ks {
		out[i] = xs[k.i]
	}
	return out
}

// oneLine is s for a comment: on one line.
func oneLine(s string) string {
	return strings.NewReplacer("\n", " ", "\r", " ").Replace(strconv.Quote(s))
}

// bind replaces every $name of text with lits[name]; it panics on a
// parameter it lacks, which is a programming error.
func bind(text string, lits map[string]string) string {
	var b strings.Builder
	for i := 0; i < len(text); {
		if text[i] != '$' {
			b.WriteByte(text[i])
			i++
			continue
		}
		j := i + 1
		for j < len(text) && (text[j] == '_' || text[j] >= 'a' && text[j] <= 'z' || text[j] >= 'A' && text[j] <= 'Z' || text[j] >= '0' && text[j] <= '9') {
			j++
		}
		lit, ok := lits[text[i+1:j]]
		if !ok {
			panic("neo4j: no literal for parameter $" + text[i+1:j])
		}
		b.WriteString(lit)
		i = j
	}
	return b.String()
}

// literal returns v as a Cypher literal: strings single-quoted and
// escaped, floats exactly (the shortest decimal that reads back as the same
// float64, always with a point or an exponent), dates as date('...'), maps
// with their keys sorted.
func literal(v any) string { return string(appendLiteral(nil, v)) }

// appendLiteral appends literal(v) to dst.
func appendLiteral(dst []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return append(dst, "null"...)
	case bool:
		return strconv.AppendBool(dst, v)
	case string:
		return appendQuoted(dst, v)
	case int:
		return strconv.AppendInt(dst, int64(v), 10)
	case int64:
		return strconv.AppendInt(dst, v, 10)
	case float64:
		return append(dst, floatLiteral(v)...)
	case dbtype.Date:
		dst = append(dst, "date('"...)
		dst = time.Time(v).AppendFormat(dst, "2006-01-02")
		return append(dst, "')"...)
	case map[string]any:
		var small [16]string
		keys := small[:0]
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		dst = append(dst, '{')
		for i, k := range keys {
			if i > 0 {
				dst = append(dst, ", "...)
			}
			if isIdentifier(k) {
				dst = append(dst, k...)
			} else {
				dst = append(dst, '`')
				dst = append(dst, strings.ReplaceAll(k, "`", "``")...)
				dst = append(dst, '`')
			}
			dst = append(dst, ": "...)
			dst = appendLiteral(dst, v[k])
		}
		return append(dst, '}')
	case []any:
		dst = append(dst, '[')
		for i, x := range v {
			if i > 0 {
				dst = append(dst, ", "...)
			}
			dst = appendLiteral(dst, x)
		}
		return append(dst, ']')
	}
	panic(fmt.Sprintf("neo4j: no literal for %T", v))
}

// isIdentifier reports whether k may stand unquoted as a map key:
// [A-Za-z_][A-Za-z0-9_]*.
func isIdentifier(k string) bool {
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return k != ""
}

func floatLiteral(f float64) string {
	switch {
	case math.IsNaN(f):
		return "0.0/0.0"
	case math.IsInf(f, 1):
		return "1.0/0.0"
	case math.IsInf(f, -1):
		return "-1.0/0.0"
	}
	s := strconv.FormatFloat(f, 'g', -1, 64)
	s = strings.Replace(s, "e+", "e", 1)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}

// appendQuoted appends s to dst as a single-quoted Cypher string:
// backslash, single quote and control characters escaped, other characters
// (double quotes, braces, unicode) as they are.
func appendQuoted(dst []byte, s string) []byte {
	dst = append(dst, '\'')
	for _, r := range s {
		switch r {
		case '\\':
			dst = append(dst, `\\`...)
		case '\'':
			dst = append(dst, `\'`...)
		case '\n':
			dst = append(dst, `\n`...)
		case '\r':
			dst = append(dst, `\r`...)
		case '\t':
			dst = append(dst, `\t`...)
		case '\b':
			dst = append(dst, `\b`...)
		case '\f':
			dst = append(dst, `\f`...)
		default:
			if r < 0x20 || r == 0x7f || r == 0x2028 || r == 0x2029 {
				dst = fmt.Appendf(dst, `\u%04X`, r)
			} else {
				dst = utf8.AppendRune(dst, r)
			}
		}
	}
	return append(dst, '\'')
}
