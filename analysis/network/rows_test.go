package network

import (
	"runtime"
	"testing"
	"unsafe"
)

// TestAllocRows checks that allocRows returns zeroed, writable slices of
// the length asked for, small and large, and that freeing them is safe;
// on Linux a large slice starts on a 2 MB boundary, so that it can lie in
// huge pages.
func TestAllocRows(t *testing.T) {
	for _, k := range []int{1, 1000, 1 << 20, 3<<20 + 5} {
		rows, free := allocRows(k)
		if len(rows) != k {
			t.Fatalf("allocRows(%d): len %d", k, len(rows))
		}
		for i, x := range rows {
			if x != 0 {
				t.Fatalf("allocRows(%d): rows[%d] = %v, want 0", k, i, x)
			}
			rows[i] = float64(i)
		}
		if rows[k-1] != float64(k-1) {
			t.Fatalf("allocRows(%d): write lost", k)
		}
		if runtime.GOOS == "linux" && k*8 >= 4*hugePageSize {
			if p := uintptr(unsafe.Pointer(&rows[0])); p%hugePageSize != 0 {
				t.Errorf("allocRows(%d) starts at %#x, not on a 2 MB boundary", k, p)
			}
		}
		free()
	}
}
