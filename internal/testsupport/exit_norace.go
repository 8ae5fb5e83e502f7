//go:build !race

package testsupport

import "os"

func exit(code int) { os.Exit(code) }
