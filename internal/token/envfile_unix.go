//go:build unix

package token

import "syscall"

// openFlags: O_NONBLOCK makes opening a FIFO return at once instead of
// waiting for a writer; O_NOFOLLOW refuses a link swapped in after the
// links were resolved.
const openFlags = syscall.O_NONBLOCK | syscall.O_NOFOLLOW
