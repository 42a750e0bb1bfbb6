//go:build !linux

package network

// hugePageSize is only used on Linux.
const hugePageSize = 2 << 20

// allocRows returns a zeroed slice of k float64 values and a function that
// frees it (a no-op: the slice is on the Go heap).
func allocRows(k int) ([]float64, func()) {
	return make([]float64, k), func() {}
}
