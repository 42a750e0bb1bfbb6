package neo4j_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/ecoscope/ecoscope/graph"
	"github.com/ecoscope/ecoscope/graph/neo4j"
)

func ExampleWriteScript() {
	e := &graph.Ecosystem{
		Name: "Twente",
		Partners: []graph.Partner{
			{ID: "uni", Name: "University of Twente", Helix: graph.Academia, Period: graph.Period{Since: graph.MustParseDate("2015")}},
			{ID: "acme", Name: `Acme "Recycling" B.V.`, Helix: graph.Industry},
		},
		Ties: []graph.Tie{{Source: "uni", Target: "acme", Type: "project", Weight: 1}},
	}
	var b strings.Builder
	if err := neo4j.WriteScript(&b, e, neo4j.ScriptOptions{}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	// The statements after the schema.
	script := b.String()
	fmt.Print(script[strings.Index(script, "MERGE (m:EcoscopeMeta"):])
	// Output:
	// MERGE (m:EcoscopeMeta {key: 'ecosystem'}) SET m.name = 'Twente', m.version = coalesce(m.version, 0) + 1;
	//
	// UNWIND [
	//   {id: 'acme', props: {discipline: null, helix: 'industry', kind: null, name: 'Acme "Recycling" B.V.', region: null, role: null, sector: null, since: null, since_precision: null, until: null, until_precision: null}},
	//   {id: 'uni', props: {discipline: null, helix: 'academia', kind: null, name: 'University of Twente', region: null, role: null, sector: null, since: date('2015-01-01'), since_precision: 'year', until: null, until_precision: null}}
	// ] AS row
	// MERGE (n:Actor {id: row.id})
	// SET n:Partner, n += row.props, n.import_gen = 0
	// REMOVE n:Person
	// WITH n
	// OPTIONAL MATCH (n)-[a:AFFILIATED_WITH]->()
	// DELETE a;
	//
	// UNWIND [
	//   {key: '["acme","uni","project","",""]', props: {directed: false, id: null, since: null, since_precision: null, type: 'project', until: null, until_precision: null, weight: 1.0}, source: 'acme', target: 'uni'}
	// ] AS row
	// MATCH (a:Actor {id: row.source})
	// MATCH (b:Actor {id: row.target})
	// MERGE (a)-[r:TIE {key: row.key}]->(b)
	// SET r += row.props, r.import_gen = 0;
}
