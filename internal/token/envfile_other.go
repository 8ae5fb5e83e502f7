//go:build !unix

package token

// openFlags: no non-blocking or no-follow open here; the regular-file check
// on the opened file and the read cap still apply.
const openFlags = 0
