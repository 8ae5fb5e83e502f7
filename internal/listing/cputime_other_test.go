//go:build !unix

package listing_test

import "time"

// cpuTime is not measured here; the benchmarks then leave out cpu-ns/op.
func cpuTime() time.Duration { return 0 }
