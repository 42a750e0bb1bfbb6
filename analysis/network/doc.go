// Package network provides an immutable weighted graph in compressed sparse
// row form and the network analysis algorithms that run on it.
package network
