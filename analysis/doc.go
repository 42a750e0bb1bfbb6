// Package analysis computes how an ecosystem is made up: composition and
// helix coverage, diversity, centrality, brokerage and communities, over an
// immutable in-memory network built once from a snapshot.
package analysis
