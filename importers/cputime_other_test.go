//go:build !unix

package importers

import "time"

func cpuTime() (time.Duration, bool) { return 0, false }
