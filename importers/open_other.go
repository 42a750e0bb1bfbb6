//go:build !unix

package importers

// openNonblock is only needed where named pipes block an open (unix).
const openNonblock = 0
