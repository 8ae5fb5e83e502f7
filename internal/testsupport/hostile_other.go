//go:build !unix

package testsupport

import "testing"

// MakeHostileFiles skips the test: named pipes, /proc and the links the
// hostile files need are Unix's.
func MakeHostileFiles(t testing.TB, dir, secret string) HostileFiles {
	t.Helper()
	t.Skip("the hostile env_file cases (a FIFO, /proc/self/environ, symbolic links) are Unix files")
	return HostileFiles{}
}
