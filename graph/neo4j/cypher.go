package neo4j

// Every Cypher statement the store sends, and that WriteScript writes, is
// here, so that a test can put each through Neo4j's own parser. Labels,
// relationship types and property keys come only from the fixed model of
// docs/neo4j.md; every value reaches a statement as a parameter ($rows,
// $gen, ...). Where a statement sets properties it does so from a map
// (SET n += row.props), whose keys the package builds from a fixed set.

// A statement is one Cypher statement with a name for messages and tests.
type statement struct {
	name string
	text string
}

// metaKey names the one EcoscopeMeta node of a database.
const metaKey = "ecosystem"

// The schema, created at Open with IF NOT EXISTS, and first in a script.
var schema = []statement{
	{"actor id", "CREATE CONSTRAINT ecoscope_actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE"},
	{"partner id", "CREATE CONSTRAINT ecoscope_partner_id IF NOT EXISTS FOR (n:Partner) REQUIRE n.id IS UNIQUE"},
	{"person id", "CREATE CONSTRAINT ecoscope_person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE"},
	{"unit id", "CREATE CONSTRAINT ecoscope_unit_id IF NOT EXISTS FOR (n:Unit) REQUIRE n.id IS UNIQUE"},
	{"value key", "CREATE CONSTRAINT ecoscope_value_key IF NOT EXISTS FOR (n:ValueRecord) REQUIRE n.key IS UNIQUE"},
	{"run id", "CREATE CONSTRAINT ecoscope_run_id IF NOT EXISTS FOR (n:MetricRun) REQUIRE n.id IS UNIQUE"},
	{"meta key", "CREATE CONSTRAINT ecoscope_meta_key IF NOT EXISTS FOR (n:EcoscopeMeta) REQUIRE n.key IS UNIQUE"},
	{"tie key", "CREATE INDEX ecoscope_tie_key IF NOT EXISTS FOR ()-[r:TIE]-() ON (r.key)"},
	{"membership key", "CREATE INDEX ecoscope_member_key IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() ON (r.key)"},
	{"tie generation", "CREATE INDEX ecoscope_tie_gen IF NOT EXISTS FOR ()-[r:TIE]-() ON (r.import_gen)"},
	{"membership generation", "CREATE INDEX ecoscope_member_gen IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() ON (r.import_gen)"},
	{"actor generation", "CREATE INDEX ecoscope_actor_gen IF NOT EXISTS FOR (n:Actor) ON (n.import_gen)"},
	{"unit generation", "CREATE INDEX ecoscope_unit_gen IF NOT EXISTS FOR (n:Unit) ON (n.import_gen)"},
	{"value generation", "CREATE INDEX ecoscope_value_gen IF NOT EXISTS FOR (n:ValueRecord) ON (n.import_gen)"},
	{"partner helix", "CREATE INDEX ecoscope_partner_helix IF NOT EXISTS FOR (n:Partner) ON (n.helix)"},
	{"metric value subject", "CREATE INDEX ecoscope_metric_value IF NOT EXISTS FOR (n:MetricValue) ON (n.subject, n.id)"},
	{"undo generation", "CREATE INDEX ecoscope_undo_gen IF NOT EXISTS FOR (n:ImportUndo) ON (n.gen)"},
}

// Writes of records, one row of $rows per record (see rows.go for the rows).
// $gen is the import generation stamped on every record written.
var (
	upsertPartners = statement{"upsert partners", `UNWIND $rows AS row
MERGE (n:Actor {id: row.id})
SET n:Partner, n += row.props, n.import_gen = $gen
REMOVE n:Person
WITH n
OPTIONAL MATCH (n)-[a:AFFILIATED_WITH]->()
DELETE a`}
	upsertPeople = statement{"upsert people", `UNWIND $rows AS row
MERGE (n:Actor {id: row.id})
SET n:Person, n += row.props, n.import_gen = $gen
REMOVE n:Partner
WITH n, row
OPTIONAL MATCH (n)-[a:AFFILIATED_WITH]->()
DELETE a
WITH DISTINCT n, row
MATCH (o:Partner {id: row.partner})
MERGE (n)-[:AFFILIATED_WITH]->(o)`}
	upsertUnits = statement{"upsert units", `UNWIND $rows AS row
MERGE (n:Unit {id: row.id})
SET n += row.props, n.import_gen = $gen`}
	linkUnits = statement{"link units", `UNWIND $rows AS row
MATCH (n:Unit {id: row.id})
OPTIONAL MATCH (n)-[old:PART_OF]->()
DELETE old
WITH DISTINCT n, row
MATCH (p:Unit {id: row.parent})
MERGE (n)-[:PART_OF]->(p)`}
	upsertMemberships = statement{"upsert memberships", `UNWIND $rows AS row
MATCH (a:Actor {id: row.member})
MATCH (u:Unit {id: row.unit})
MERGE (a)-[r:MEMBER_OF {key: row.key}]->(u)
SET r += row.props, r.import_gen = $gen`}
	upsertTies = statement{"upsert ties", `UNWIND $rows AS row
MATCH (a:Actor {id: row.source})
MATCH (b:Actor {id: row.target})
MERGE (a)-[r:TIE {key: row.key}]->(b)
SET r += row.props, r.import_gen = $gen`}
	upsertValues = statement{"upsert values", `UNWIND $rows AS row
MATCH (a:Actor {id: row.reporter})
MERGE (v:ValueRecord {key: row.key})
SET v += row.props, v.import_gen = $gen
MERGE (a)-[:REPORTED]->(v)
WITH v, row
MATCH (u:Unit {id: row.unit})
MERGE (v)-[:ABOUT]->(u)`}
)

// Deletes of records by key; $rows is a list of ids or keys.
var (
	deleteTies        = statement{"delete ties", "UNWIND $rows AS k MATCH ()-[r:TIE {key: k}]->() DELETE r"}
	deleteMemberships = statement{"delete memberships", "UNWIND $rows AS k MATCH ()-[r:MEMBER_OF {key: k}]->() DELETE r"}
	deleteValues      = statement{"delete values", "UNWIND $rows AS k MATCH (v:ValueRecord {key: k}) DETACH DELETE v"}
	deleteActors      = statement{"delete actors", "UNWIND $rows AS k MATCH (n:Actor {id: k}) DETACH DELETE n"}
	deleteUnits       = statement{"delete units", "UNWIND $rows AS k MATCH (n:Unit {id: k}) DETACH DELETE n"}
)

// The clean-up of a failed import generation: what it wrote, $limit at a
// time, until a statement returns 0.
var cleanGeneration = []statement{
	{"clean ties", "MATCH ()-[r:TIE]->() WHERE r.import_gen = $gen WITH r LIMIT $limit DELETE r RETURN count(*) AS n"},
	{"clean memberships", "MATCH ()-[r:MEMBER_OF]->() WHERE r.import_gen = $gen WITH r LIMIT $limit DELETE r RETURN count(*) AS n"},
	{"clean values", "MATCH (v:ValueRecord) WHERE v.import_gen = $gen WITH v LIMIT $limit DETACH DELETE v RETURN count(*) AS n"},
	{"clean actors", "MATCH (n:Actor) WHERE n.import_gen = $gen WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS n"},
	{"clean units", "MATCH (n:Unit) WHERE n.import_gen = $gen WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS n"},
	{"clean undo", "MATCH (u:ImportUndo) WHERE u.gen = $gen WITH u LIMIT $limit DELETE u RETURN count(*) AS n"},
}

// The meta node: the ecosystem's name, a version that every import bumps
// (Load reads it before and after to see that no import committed in
// between), the generation of an import that spans several transactions
// while it runs, and the number of the last metric run.
var (
	lockMeta = statement{"lock meta", `MERGE (m:EcoscopeMeta {key: $meta})
SET m.version = coalesce(m.version, 0) + 1, m.last_gen = coalesce(m.last_gen, 0) + 1
RETURN m.last_gen AS gen, m.importing AS importing,
  m.importing IS NOT NULL AND m.importing_at < datetime() - duration($stale) AS stale`}
	readMeta = statement{"read meta", `OPTIONAL MATCH (m:EcoscopeMeta {key: $meta})
RETURN m.version AS version, m.name AS name, m.importing AS importing,
  m.importing IS NOT NULL AND m.importing_at < datetime() - duration($stale) AS stale`}
	setName       = statement{"set name", "MATCH (m:EcoscopeMeta {key: $meta}) SET m.name = $name"}
	initMeta      = statement{"init meta", "MERGE (m:EcoscopeMeta {key: $meta}) SET m.name = $name, m.version = coalesce(m.version, 0) + 1"}
	startImport   = statement{"start import", "MATCH (m:EcoscopeMeta {key: $meta}) SET m.importing = $gen, m.importing_at = datetime(), m.prev_name = m.name"}
	beatImport    = statement{"beat import", "MATCH (m:EcoscopeMeta {key: $meta}) WHERE m.importing = $gen AND m.undoing IS NULL SET m.importing_at = datetime() RETURN m.importing AS gen"}
	finishImport  = statement{"finish import", "MATCH (m:EcoscopeMeta {key: $meta}) WHERE m.importing = $gen AND m.undoing IS NULL SET m.importing = null, m.importing_at = null, m.version = m.version + 1 RETURN m.version AS version"}
	claimImport   = statement{"claim import", "MATCH (m:EcoscopeMeta {key: $meta}) WHERE m.importing = $gen SET m.undoing = true, m.importing_at = datetime() RETURN m.importing AS gen"}
	abandonImport = statement{"abandon import", "MATCH (m:EcoscopeMeta {key: $meta}) WHERE m.importing = $gen SET m.name = m.prev_name, m.importing = null, m.importing_at = null, m.undoing = null, m.version = m.version + 1"}
	saveUndo      = statement{"save undo", "CREATE (:ImportUndo {gen: $gen, seq: $seq, data: $data})"}
	readUndo      = statement{"read undo", "MATCH (u:ImportUndo) WHERE u.gen = $gen RETURN u.data AS data ORDER BY u.seq"}
)

// Reads, streamed record by record.
var (
	readPartners = statement{"read partners", "MATCH (n:Partner) RETURN properties(n) AS p"}
	readPeople   = statement{"read people", `MATCH (n:Person)
OPTIONAL MATCH (n)-[:AFFILIATED_WITH]->(o:Partner)
RETURN properties(n) AS p, o.id AS partner`}
	readUnits = statement{"read units", `MATCH (n:Unit)
OPTIONAL MATCH (n)-[:PART_OF]->(o:Unit)
RETURN properties(n) AS p, o.id AS parent`}
	readMemberships = statement{"read memberships", `MATCH (a:Actor)-[r:MEMBER_OF]->(u:Unit)
RETURN properties(r) AS p, a.id AS member, u.id AS unit`}
	readTies   = statement{"read ties", "MATCH (a:Actor)-[r:TIE]->(b:Actor) RETURN properties(r) AS p, a.id AS source, b.id AS target"}
	readValues = statement{"read values", `MATCH (a:Actor)-[:REPORTED]->(v:ValueRecord)
OPTIONAL MATCH (v)-[:ABOUT]->(u:Unit)
RETURN properties(v) AS p, a.id AS reporter, u.id AS unit`}
	readActors      = statement{"read actors", "MATCH (n:Actor) RETURN n.id AS id, n:Person AS person"}
	readUnitParents = statement{"read unit parents", `MATCH (n:Unit)
OPTIONAL MATCH (n)-[:PART_OF]->(o:Unit)
RETURN n.id AS id, o.id AS parent`}
	// OPTIONAL MATCH: a MATCH that finds nothing would end the query with
	// no row at all, not with a count of 0.
	countRecords = statement{"count records", `OPTIONAL MATCH (n:Partner) WITH count(n) AS partners
OPTIONAL MATCH (n:Person) WITH partners, count(n) AS people
OPTIONAL MATCH (n:Unit) WITH partners, people, count(n) AS units
OPTIONAL MATCH ()-[r:MEMBER_OF]->() WITH partners, people, units, count(r) AS memberships
OPTIONAL MATCH ()-[r:TIE]->() WITH partners, people, units, memberships, count(r) AS ties
OPTIONAL MATCH (n:ValueRecord)
RETURN partners, people, units, memberships, ties, count(n) AS values`}
)

// The metric history.
var (
	nextRun = statement{"next run", `MERGE (m:EcoscopeMeta {key: $meta})
SET m.last_run = coalesce(m.last_run, 0) + 1
RETURN m.last_run AS id`}
	createRun = statement{"create run", `CREATE (r:MetricRun {id: $id})
SET r += $props`}
	createValues = statement{"create values", `UNWIND $rows AS row
MATCH (r:MetricRun {id: $id})
CREATE (r)-[:HAS_VALUE]->(v:MetricValue)
SET v += row`}
	clearPartnerMetrics = statement{"clear partner metrics", "MATCH (n:Partner) SET n += $clear"}
	clearUnitMetrics    = statement{"clear unit metrics", "MATCH (n:Unit) SET n += $clear"}
	setPartnerMetrics   = statement{"set partner metrics", "UNWIND $rows AS row MATCH (n:Partner {id: row.id}) SET n += row.props"}
	setUnitMetrics      = statement{"set unit metrics", "UNWIND $rows AS row MATCH (n:Unit {id: row.id}) SET n += row.props"}
	metricNames         = statement{"metric names", "MATCH (v:MetricValue) RETURN DISTINCT v.metric AS metric"}
	readHistory         = statement{"read history", `MATCH (r:MetricRun)-[:HAS_VALUE]->(v:MetricValue)
WHERE v.subject = $subject AND v.id = $id AND ($metric = '' OR v.metric = $metric)
RETURN properties(r) AS run, v.metric AS metric, v.value AS value
ORDER BY r.id, v.metric`}
)

// Statements of the integration tests only: they empty the test database
// and look at what the store wrote.
var (
	testWipe         = statement{"wipe (tests)", "MATCH (n) WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS n"}
	testNodeProps    = statement{"partner properties (tests)", "MATCH (n:Actor {id: $id}) RETURN properties(n) AS p"}
	testRecordsOfGen = statement{"records of a generation (tests)", "MATCH (n) WHERE n.import_gen = $gen RETURN count(n) AS n"}
	testTransactions = statement{"import transactions (tests)", "SHOW TRANSACTIONS YIELD transactionId AS id, currentQuery AS query WHERE query CONTAINS $text RETURN id"}
	testTerminate    = statement{"terminate (tests)", "TERMINATE TRANSACTIONS $ids"}
)

// statements returns every statement of the package, for the lint test.
func statements() []statement {
	all := append([]statement{}, schema...)
	all = append(all, cleanGeneration...)
	return append(all,
		upsertPartners, upsertPeople, upsertUnits, linkUnits, upsertMemberships, upsertTies, upsertValues,
		deleteTies, deleteMemberships, deleteValues, deleteActors, deleteUnits,
		lockMeta, readMeta, setName, initMeta, startImport, beatImport, finishImport, claimImport, abandonImport, saveUndo, readUndo,
		readPartners, readPeople, readUnits, readMemberships, readTies, readValues, readActors, readUnitParents, countRecords,
		nextRun, createRun, createValues, clearPartnerMetrics, clearUnitMetrics, setPartnerMetrics, setUnitMetrics, metricNames, readHistory,
		testWipe, testNodeProps, testRecordsOfGen, testTransactions, testTerminate,
	)
}
