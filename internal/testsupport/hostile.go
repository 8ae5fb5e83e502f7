//go:build unix

package testsupport

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// MakeHostileFiles creates HostileFiles in dir.
func MakeHostileFiles(t testing.TB, dir, secret string) HostileFiles {
	t.Helper()
	h := HostileFiles{
		FIFO:    filepath.Join(dir, "fifo.env"),
		Environ: filepath.Join(dir, "environ.env"),
		Sparse:  filepath.Join(dir, "sparse.env"),
		AWS:     filepath.Join(dir, ".aws", "credentials"),
		AWSLink: filepath.Join(dir, "aws.env"),
	}
	check := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	check(syscall.Mkfifo(h.FIFO, 0o600))
	check(os.Symlink("/proc/self/environ", h.Environ))
	f, err := os.Create(h.Sparse)
	check(err)
	check(f.Truncate(2 << 30))
	check(f.Close())
	check(os.MkdirAll(filepath.Dir(h.AWS), 0o700))
	check(os.WriteFile(h.AWS, []byte("[default]\naws_secret_access_key = "+secret+"\n"), 0o600))
	check(os.Symlink(h.AWS, h.AWSLink))
	return h
}
