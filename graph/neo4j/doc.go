// Package neo4j is a graph.Store kept in a Neo4j 5 database, reached with
// the official Go driver (github.com/neo4j/neo4j-go-driver/v5).
//
// The graph model, how imports stay atomic and how to run the integration
// tests against a server are described in docs/neo4j.md.
package neo4j
