package token

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// MaxEnvFile is the most of an env_file that is read. A .env file is a few
// hundred bytes; the cap is enforced on the bytes read, never on the size a
// file reports (devices, FIFOs and /proc files report 0).
const MaxEnvFile = 256 << 10

// maxPathLen bounds a path argument before anything is done with it.
const maxPathLen = 4096

// IsDotenvName reports whether the base name of path belongs to the .env
// family: ".env", ".env.<anything>" or "<anything>.env". Only such files are
// opened for a tool call.
func IsDotenvName(path string) bool {
	base := filepath.Base(path)
	if strings.ContainsAny(base, "\x00/\\") {
		return false
	}
	return base == ".env" || (strings.HasPrefix(base, ".env.") && len(base) > len(".env.")) ||
		(strings.HasSuffix(base, ".env") && len(base) > len(".env"))
}

// refusedFile is the one message a tool call gets for an env_file that was
// not read, whatever the reason, so that the answers cannot be used to learn
// what exists on this computer.
func refusedFile(where string) error {
	return fmt.Errorf("env_file %s was not read. Through a tool, env_file must name an existing, readable regular file of the .env family "+
		"(.env, .env.local, production.env …, at most %d KiB), outside /dev, /proc and /sys; a symbolic link must point to such a file. "+
		"This answer is the same whether or not the path exists; check the path and the file, or run `notion-mcp token --env-file PATH` in a terminal for details",
		where, MaxEnvFile>>10)
}

// errFileKind is a reason for refusing a file that exists.
type errFileKind string

func (e errFileKind) Error() string { return string(e) }

// readEnvFile reads the .env file at abs safely (see readSafely); for a
// tool call it also refuses a link target whose name is not of the .env
// family.
func readEnvFile(abs string, fromTool bool) ([]byte, error) {
	r := safeRead{
		max:      MaxEnvFile,
		system:   "it is a device or system file (under /dev, /proc or /sys), not a .env file",
		tooLarge: fmt.Sprintf("it is larger than %d KiB; it is not a .env file", MaxEnvFile>>10),
	}
	if fromTool {
		r.name = func(resolved string) error {
			if !IsDotenvName(resolved) {
				return errFileKind("it is a link to a file whose name is not of the .env family")
			}
			return nil
		}
	}
	return readSafely(abs, r)
}

// systemPath reports whether p (clean, absolute) is in a pseudo file system
// whose files are not .env files and may block, never end, or hold secrets
// of this process (/proc/self/environ).
func systemPath(p string) bool {
	for _, root := range []string{"/dev", "/proc", "/sys"} {
		if p == root || strings.HasPrefix(p, root+"/") {
			return true
		}
	}
	return false
}

// describeFileError is the detailed reason for a person at a terminal.
func describeFileError(err error) string {
	var k errFileKind
	switch {
	case errors.As(err, &k):
		return string(k)
	case errors.Is(err, fs.ErrNotExist):
		return "it does not exist"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	return "it cannot be read: " + reason(err)
}

// openNoFollow opens path for reading without following a final symbolic
// link and without blocking on a FIFO or device.
func openNoFollow(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|openFlags, 0)
}
