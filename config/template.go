package config

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ecoscope/ecoscope/analysis"
)

// checkDocs says in a line what each check: setting is, for the template.
var checkDocs = map[string]string{
	"min_organisations":         "organisations a unit needs to be interorganisational",
	"min_disciplines":           "professional backgrounds a unit needs to be interprofessional",
	"min_known_share":           "share of the partners known by discipline or kind before too few backgrounds count as 'no'",
	"ecosystem_min_helix_types": "helix types an ecosystem needs",
	"ecosystem_min_child_units": "units directly beneath an ecosystem",
	"fieldlab_min_child_units":  "units beneath a unit that make it fit the fieldlab level",
	"team_min_stable_share":     "share of a team's memberships that must be stable",
	"team_tolerance_days":       "days a stable membership may start late or end early",
}

// Template returns a commented ecoscope.yaml, as `ecoscope init` writes
// it: every setting with its default, commented out, the values taken from
// the same defaults Load uses.
func Template() string {
	var b strings.Builder
	b.WriteString(`# ecoscope configuration. Settings here are overridden by ECOSCOPE_*
# environment variables (e.g. ECOSCOPE_STORE), which are overridden by flags.
# An unknown setting is an error. See docs/config.md.

# Where imported data is kept: the path of an SQLite file, created on first
# import (relative paths are relative to the working directory), or the URI
# of a Neo4j server: neo4j://, neo4j+s://, neo4j+ssc://, bolt://, bolt+s://,
# bolt+ssc:// (see docs/neo4j.md), e.g. store: neo4j://localhost:7687
`)
	fmt.Fprintf(&b, "store: %s\n", DefaultStore)

	b.WriteString("\n# A Neo4j store (see docs/neo4j.md): who logs in, and the database every\n" +
		"# session names. Better give the password in ECOSCOPE_NEO4J_PASSWORD than\n" +
		"# here; it is never taken from the command line and never printed.\n" +
		"# The batch size is the number of rows per UNWIND statement of an import or\n" +
		"# a Cypher export. An import of up to tx_records records is one transaction;\n" +
		"# a larger one is written in several, every record stamped with the\n" +
		"# import's generation, which a failed import removes again.\n")
	fmt.Fprintf(&b, "# neo4j:\n#   user: %s\n#   password: \"\"\n#   database: %s\n#   batch_size: %d\n#   tx_records: %d\n",
		DefaultNeo4jUser, DefaultNeo4jDatabase, DefaultNeo4jBatchSize, DefaultNeo4jTxRecords)

	g := DefaultGaps()
	b.WriteString("\n# Targets of `ecoscope gaps` (see docs/gaps.md): the helix coverage class a unit\n" +
		"# of each level or form should reach (quintuple, quadruple, triple or none; a form\n" +
		"# overrides its level), and the share below which a helix type present in a\n" +
		"# unit counts as under-represented (0 turns it off).\n")
	b.WriteString("# gaps:\n#   targets:\n")
	keys := make([]string, 0, len(g.Targets))
	for k := range g.Targets {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(x, y string) int { return targetOrder(x) - targetOrder(y) })
	for _, k := range keys {
		fmt.Fprintf(&b, "#     %s: %s\n", k, g.Targets[k])
	}
	fmt.Fprintf(&b, "#   min_share: %s\n", yamlValue(g.MinShare))

	b.WriteString("\n# The partner network (see docs/metrics.md): a unit with more direct\n" +
		"# partners than max_unit_size makes no co-membership ties (a crowd is not a\n" +
		"# working group); 0 turns the limit off. Units at the ecosystem level never\n" +
		"# make them.\n")
	fmt.Fprintf(&b, "# ties:\n#   max_unit_size: %d\n", DefaultMaxUnitSize)

	b.WriteString("\n# Thresholds of `ecoscope check` (see docs/check.md).\n# check:\n")
	for _, kv := range fields(analysis.DefaultCheckOptions()) {
		fmt.Fprintf(&b, "#   %s: %s   # %s\n", kv.key, yamlValue(kv.val), checkDocs[kv.key])
	}
	return b.String()
}

// targetOrder puts the levels first, from the ecosystem down, then forms
// by name.
func targetOrder(k string) int {
	switch k {
	case "ecosystem":
		return 0
	case "fieldlab":
		return 1
	case "team":
		return 2
	}
	return 3 + int(k[0])
}
