package importers

import (
	"os"
	"runtime"
	"testing"
)

func TestTmpRead(t *testing.T) {
	p := os.Getenv("TMPREAD")
	if p == "" {
		t.Skip()
	}
	_, ps, _ := Read(p)
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	t.Logf("count %d, heap sys %d MB, total alloc %d MB", ps.Count(), m.HeapSys>>20, m.TotalAlloc>>20)
}
