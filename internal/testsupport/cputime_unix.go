//go:build unix

package testsupport

import (
	"syscall"
	"time"
)

// CPUTime is the CPU time (user and system) the process has used so far:
// unlike wall time it barely moves when other processes load the machine.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
