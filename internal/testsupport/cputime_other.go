//go:build !unix

package testsupport

import "time"

// CPUTime is not measured here; the benchmarks then leave out cpu-ns/op.
func CPUTime() time.Duration { return 0 }
