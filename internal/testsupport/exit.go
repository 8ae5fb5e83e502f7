package testsupport

import "testing"

// Run runs m's tests and ends the test binary with their status: the whole
// TestMain of a package that needs no other set-up.
func Run(m *testing.M) { Exit(m.Run()) }

// Exit ends a test binary with the status of m.Run. Built with -race, a
// passing run exits at once instead of through os.Exit, whose race runtime
// sleeps for GORACE's atexit_sleep_ms (1 s by default) whenever a goroutine
// is still alive, which in a test binary is always: a second of idle time per
// package. No race goes unreported for it: m.Run has already failed the run
// on any race detected during or between the tests. A failing run, or one
// collecting coverage, exits through os.Exit as usual.
func Exit(code int) { exit(code) }
