//go:build unix

package testsupport

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// HostileFiles are files a steered tool call could name as an env_file:
// ones that block, never end, or hold secrets that are not Notion's.
type HostileFiles struct {
	FIFO    string // a named pipe: opening it for reading blocks
	Environ string // environ.env, a link to /proc/self/environ
	Sparse  string // sparse.env, 2 GB of holes
	AWS     string // .aws/credentials holding secret as aws_secret_access_key
	AWSLink string // aws.env, a link to AWS
}

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
