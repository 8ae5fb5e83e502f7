//go:build race

package testsupport

import (
	"os"
	"syscall"
	"testing"
)

func exit(code int) {
	if code == 0 && testing.CoverMode() == "" {
		syscall.Exit(0)
	}
	os.Exit(code)
}
