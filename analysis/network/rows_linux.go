package network

import (
	"syscall"
	"unsafe"
)

// hugePageSize is the size of a transparent huge page on amd64 and arm64 Linux.
const hugePageSize = 2 << 20

// allocRows returns a zeroed slice of k float64 values and a function that
// frees it. Large slices are mapped outside the Go heap, aligned to 2 MB
// and marked MADV_HUGEPAGE, so that the kernel backs them with huge pages
// when it can: the batched Brandes reads its 512-byte rows at random, and
// with 4 kB pages most of those reads also miss the TLB. When mapping
// fails the slice comes from the Go heap.
func allocRows(k int) ([]float64, func()) {
	size := k * 8
	if size < 4*hugePageSize {
		return make([]float64, k), func() {}
	}
	mem, err := syscall.Mmap(-1, 0, size+hugePageSize, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		return make([]float64, k), func() {}
	}
	skip := 0
	if r := uintptr(unsafe.Pointer(&mem[0])) % hugePageSize; r != 0 {
		skip = int(hugePageSize - r)
	}
	rows := mem[skip : skip+size]
	_ = syscall.Madvise(rows, syscall.MADV_HUGEPAGE) // advice only: 4 kB pages otherwise
	return unsafe.Slice((*float64)(unsafe.Pointer(&rows[0])), k), func() { syscall.Munmap(mem) }
}
