package neo4j

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

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
		err := st.eachBatch(size, func(rows []any) error {
			var b strings.Builder
			b.WriteString("[\n")
			for i, r := range rows {
				b.WriteString("  ")
				b.WriteString(literal(r))
				if i < len(rows)-1 {
					b.WriteString(",")
				}
				b.WriteString("\n")
			}
			b.WriteString("]")
			bw.WriteString("\n" + bind(st.stmt.text, map[string]string{"rows": b.String(), "gen": "0"}) + ";\n")
			return nil
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
	c.Partners = slices.Clone(e.Partners)
	slices.SortStableFunc(c.Partners, func(a, b graph.Partner) int { return strings.Compare(a.ID, b.ID) })
	c.People = slices.Clone(e.People)
	slices.SortStableFunc(c.People, func(a, b graph.Person) int { return strings.Compare(a.ID, b.ID) })
	c.Units = slices.Clone(e.Units)
	slices.SortStableFunc(c.Units, func(a, b graph.Unit) int { return strings.Compare(a.ID, b.ID) })
	c.Memberships = slices.Clone(e.Memberships)
	slices.SortStableFunc(c.Memberships, func(a, b graph.Membership) int {
		return strings.Compare(membershipKey(a.Key()), membershipKey(b.Key()))
	})
	c.Ties = slices.Clone(e.Ties)
	slices.SortStableFunc(c.Ties, func(a, b graph.Tie) int { return strings.Compare(tieKey(a.Key()), tieKey(b.Key())) })
	c.Values = slices.Clone(e.Values)
	slices.SortStableFunc(c.Values, func(a, b graph.Value) int { return strings.Compare(valueKey(&a), valueKey(&b)) })
	return &c
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

var identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// literal writes v as a Cypher literal: strings single-quoted and escaped,
// floats exactly (the shortest decimal that reads back as the same
// float64, always with a point or an exponent), dates as date('...'),
// maps with their keys sorted.
func literal(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(v)
	case string:
		return quoteString(v)
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return floatLiteral(v)
	case dbtype.Date:
		return "date('" + time.Time(v).Format("2006-01-02") + "')"
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		var b strings.Builder
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteString(", ")
			}
			if identifier.MatchString(k) {
				b.WriteString(k)
			} else {
				b.WriteString("`" + strings.ReplaceAll(k, "`", "``") + "`")
			}
			b.WriteString(": ")
			b.WriteString(literal(v[k]))
		}
		b.WriteByte('}')
		return b.String()
	case []any:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = literal(x)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	panic(fmt.Sprintf("neo4j: no literal for %T", v))
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

// quoteString writes s as a single-quoted Cypher string: backslash, single
// quote and control characters escaped, other characters (double quotes,
// braces, unicode) as they are.
func quoteString(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('\'')
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '\'':
			b.WriteString(`\'`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if r < 0x20 || r == 0x7f || r == 0x2028 || r == 0x2029 {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('\'')
	return b.String()
}
