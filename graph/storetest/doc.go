// Package storetest is the conformance suite that every graph.Store passes.
//
// A store package runs it from its tests with a function that opens a fresh,
// empty store:
//
//	func TestStore(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) graph.Store {
//			s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "ecoscope.db"))
//			if err != nil {
//				t.Fatal(err)
//			}
//			return s
//		})
//	}
//
// The suite knows nothing about how a store works. What a store returns is
// compared with what the in-memory implementation, (*graph.Ecosystem).Load,
// returns for the same data, after both are put in a canonical form (see
// Canonical): records sorted, positions cleared and undirected ties written
// from the end whose id sorts first.
package storetest
