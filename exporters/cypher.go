package exporters

import (
	"io"

	"github.com/ecoscope/ecoscope/graph/neo4j"
)

// CypherOptions tune WriteCypher.
type CypherOptions struct {
	// BatchSize is the number of rows per UNWIND statement; 0: 10,000.
	BatchSize int
}

// WriteCypher writes a Cypher script that recreates d's ecosystem in an
// empty Neo4j database (`cypher-shell -f FILE`), with the statements of
// the Neo4j store itself (neo4j.WriteScript), so that the script and an
// import make the same graph.
func WriteCypher(w io.Writer, d *Data, opts CypherOptions) error {
	return neo4j.WriteScript(w, d.Ecosystem, neo4j.ScriptOptions{BatchSize: opts.BatchSize})
}
