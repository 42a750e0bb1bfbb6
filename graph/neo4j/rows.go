package neo4j

import (
	"fmt"
	"math"
	"time"

	"github.com/ecoscope/ecoscope/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// The rows of the write statements of cypher.go, and the records read back.
// A row is a map of parameters: the natural key of the record (id, or key
// and its ends) and props, the map of properties a statement sets with
// SET n += row.props. Props hold every property of the kind, nil (which
// removes the property) for an empty string or the zero date, so that an
// update leaves nothing of the previous values and a node that turns from a
// person into a partner keeps nothing of the person.

// Precision names, stored beside each date (since_precision, ...).
var precisionNames = map[graph.Precision]string{graph.Year: "year", graph.Month: "month", graph.Day: "day"}

// str is s, or nil for "" (an absent property).
func str(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// putDate sets props[name] to d as a Neo4j Date (the first day of its
// period) and props[name+"_precision"] to its precision; both nil for the
// zero Date.
func putDate(props map[string]any, name string, d graph.Date) {
	if d.IsZero() {
		props[name], props[name+"_precision"] = nil, nil
		return
	}
	props[name] = dbtype.Date(d.Time())
	props[name+"_precision"] = precisionNames[d.Precision()]
}

func partnerRow(p *graph.Partner) map[string]any {
	props := map[string]any{
		"name": str(p.Name), "helix": str(string(p.Helix)), "sector": str(string(p.Sector)),
		"kind": str(p.Kind), "region": str(p.Region),
		"discipline": nil, "role": nil, // of a person
	}
	putDate(props, "since", p.Since)
	putDate(props, "until", p.Until)
	return map[string]any{"id": p.ID, "props": props}
}

func personRow(p *graph.Person) map[string]any {
	props := map[string]any{
		"name": str(p.Name), "discipline": str(p.Discipline), "role": str(p.Role),
		// of a partner
		"helix": nil, "sector": nil, "kind": nil, "region": nil,
		"since": nil, "since_precision": nil, "until": nil, "until_precision": nil,
	}
	return map[string]any{"id": p.ID, "partner": str(p.Partner), "props": props}
}

func unitRow(u *graph.Unit) map[string]any {
	props := map[string]any{
		"name": str(u.Name), "level": str(string(u.Level)), "form": str(string(u.Form)),
		"challenge": str(u.Challenge), "cadence": str(u.Cadence),
	}
	putDate(props, "since", u.Since)
	putDate(props, "until", u.Until)
	return map[string]any{"id": u.ID, "props": props}
}

func unitLinkRow(u *graph.Unit) map[string]any {
	return map[string]any{"id": u.ID, "parent": str(u.Parent)}
}

// jsonKey encodes the parts of a natural key as one string, unambiguously
// (a JSON array), for the key property of ties, memberships and value
// records.
func jsonKey(parts ...string) string {
	n := 2
	for _, p := range parts {
		n += len(p) + 3
	}
	b := make([]byte, 0, n)
	b = append(b, '[')
	for i, p := range parts {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		for j := 0; j < len(p); j++ {
			switch c := p[j]; {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c < 0x20:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				b = append(b, c)
			}
		}
		b = append(b, '"')
	}
	return string(append(b, ']'))
}

const hex = "0123456789abcdef"

func tieKey(k graph.TieKey) string {
	return jsonKey(k.Source, k.Target, k.Type, k.Since.String(), k.ID)
}

func membershipKey(k graph.MembershipKey) string {
	return jsonKey(k.Unit, k.Member, string(k.Role), k.Since.String())
}

func valueKey(v *graph.Value) string {
	return jsonKey(v.Reporter, v.Unit, string(v.Cycle), string(v.Capital), string(v.Level), v.Date.String(), v.Description)
}

func membershipRow(m *graph.Membership) map[string]any {
	props := map[string]any{"role": str(string(m.Role))}
	putDate(props, "since", m.Since)
	putDate(props, "until", m.Until)
	return map[string]any{"member": m.Member, "unit": m.Unit, "key": membershipKey(m.Key()), "props": props}
}

// tieRow writes an undirected tie from the end of its key that sorts first.
func tieRow(t *graph.Tie) map[string]any {
	k := t.Key()
	props := map[string]any{"id": str(t.ID), "type": str(t.Type), "weight": t.Weight, "directed": t.Directed}
	putDate(props, "since", t.Since)
	putDate(props, "until", t.Until)
	return map[string]any{"source": k.Source, "target": k.Target, "key": tieKey(k), "props": props}
}

func valueRow(v *graph.Value) map[string]any {
	props := map[string]any{
		"cycle": str(string(v.Cycle)), "capital": str(string(v.Capital)), "level": str(string(v.Level)),
		"description": str(v.Description),
	}
	putDate(props, "date", v.Date)
	return map[string]any{"reporter": v.Reporter, "unit": str(v.Unit), "key": valueKey(v), "props": props}
}

// A props is what a read statement returns of a node or relationship.
type props map[string]any

func (p props) str(name string) (string, error) {
	switch v := p[name].(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	}
	return "", fmt.Errorf("property %s is %T, want a string", name, p[name])
}

func (p props) date(name string) (graph.Date, error) {
	v, ok := p[name]
	if !ok || v == nil {
		return graph.Date{}, nil
	}
	d, ok := v.(dbtype.Date)
	if !ok {
		return graph.Date{}, fmt.Errorf("property %s is %T, want a Date", name, v)
	}
	t := time.Time(d)
	prec, _ := p.str(name + "_precision")
	switch prec {
	case "year":
		return dateOf(t.Year(), 0, 0)
	case "month":
		return dateOf(t.Year(), int(t.Month()), 0)
	case "day", "":
		// A date written by hand in Browser, without a precision: a day.
		return dateOf(t.Year(), int(t.Month()), t.Day())
	}
	return graph.Date{}, fmt.Errorf("property %s_precision is %q, want year, month or day", name, prec)
}

func dateOf(y, m, d int) (graph.Date, error) {
	s := fmt.Sprintf("%04d", y)
	if m > 0 {
		s += fmt.Sprintf("-%02d", m)
	}
	if d > 0 {
		s += fmt.Sprintf("-%02d", d)
	}
	return graph.ParseDate(s)
}

func (p props) float(name string) (float64, error) {
	switch v := p[name].(type) {
	case float64:
		return v, nil
	case int64: // a weight set by hand in Browser
		return float64(v), nil
	case nil:
		return math.NaN(), fmt.Errorf("property %s is missing", name)
	}
	return 0, fmt.Errorf("property %s is %T, want a float", name, p[name])
}

func (p props) bool(name string) (bool, error) {
	switch v := p[name].(type) {
	case bool:
		return v, nil
	case nil:
		return false, nil
	}
	return false, fmt.Errorf("property %s is %T, want a boolean", name, p[name])
}

// decoder gathers the first error of a series of property reads.
type decoder struct {
	p   props
	err error
}

func (d *decoder) str(name string) string {
	s, err := d.p.str(name)
	d.keep(err)
	return s
}

func (d *decoder) date(name string) graph.Date {
	v, err := d.p.date(name)
	d.keep(err)
	return v
}

func (d *decoder) float(name string) float64 {
	v, err := d.p.float(name)
	d.keep(err)
	return v
}

func (d *decoder) bool(name string) bool {
	v, err := d.p.bool(name)
	d.keep(err)
	return v
}

func (d *decoder) keep(err error) {
	if d.err == nil && err != nil {
		d.err = err
	}
}

func (d *decoder) period() graph.Period {
	return graph.Period{Since: d.date("since"), Until: d.date("until")}
}

func decodePartner(p props) (graph.Partner, error) {
	d := &decoder{p: p}
	out := graph.Partner{
		ID: d.str("id"), Name: d.str("name"), Helix: graph.Helix(d.str("helix")), Sector: graph.Sector(d.str("sector")),
		Kind: d.str("kind"), Region: d.str("region"), Period: d.period(),
	}
	return out, wrapDecode("partner", out.ID, d.err)
}

func decodePerson(p props, partner string) (graph.Person, error) {
	d := &decoder{p: p}
	out := graph.Person{ID: d.str("id"), Name: d.str("name"), Partner: partner, Discipline: d.str("discipline"), Role: d.str("role")}
	return out, wrapDecode("person", out.ID, d.err)
}

func decodeUnit(p props, parent string) (graph.Unit, error) {
	d := &decoder{p: p}
	out := graph.Unit{
		ID: d.str("id"), Name: d.str("name"), Level: graph.Level(d.str("level")), Form: graph.Form(d.str("form")),
		Parent: parent, Challenge: d.str("challenge"), Cadence: d.str("cadence"), Period: d.period(),
	}
	return out, wrapDecode("unit", out.ID, d.err)
}

func decodeMembership(p props, member, unit string) (graph.Membership, error) {
	d := &decoder{p: p}
	out := graph.Membership{Unit: unit, Member: member, Role: graph.Role(d.str("role")), Period: d.period()}
	return out, wrapDecode("membership", member+" in "+unit, d.err)
}

func decodeTie(p props, source, target string) (graph.Tie, error) {
	d := &decoder{p: p}
	out := graph.Tie{
		ID: d.str("id"), Source: source, Target: target, Type: d.str("type"),
		Weight: d.float("weight"), Directed: d.bool("directed"), Period: d.period(),
	}
	return out, wrapDecode("tie", source+"–"+target, d.err)
}

func decodeValue(p props, reporter, unit string) (graph.Value, error) {
	d := &decoder{p: p}
	out := graph.Value{
		Reporter: reporter, Unit: unit, Cycle: graph.Cycle(d.str("cycle")), Capital: graph.Capital(d.str("capital")),
		Level: graph.OutcomeLevel(d.str("level")), Date: d.date("date"), Description: d.str("description"),
	}
	return out, wrapDecode("value record", "of "+reporter, d.err)
}

func wrapDecode(kind, id string, err error) error {
	if err != nil {
		return fmt.Errorf("stored %s %s: %w", kind, graph.Quote(id), err)
	}
	return nil
}

// batches calls f with rows[i:j] for consecutive slices of at most size
// rows.
func batches[T any](rows []T, size int, f func(batch []T) error) error {
	if size <= 0 {
		panic("neo4j: batch size must be positive")
	}
	for i := 0; i < len(rows); i += size {
		if err := f(rows[i:min(i+size, len(rows))]); err != nil {
			return err
		}
	}
	return nil
}
