// Package graph holds the domain of ecoscope: the partners, people, units,
// memberships, ties and value records of a Learning Community, the
// vocabularies they use, their validation, snapshots at a date, and the Store
// interface that persists them.
//
// The package imports nothing heavy: importers produce an *Ecosystem, stores
// persist and load one, and the analysis package reads one.
package graph
