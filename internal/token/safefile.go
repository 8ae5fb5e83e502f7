package token

import (
	"fmt"
	"io"
	"path/filepath"
)

// ReadRegularFile reads at most max bytes of the regular file at path with
// the same care as an env_file: links resolved, /dev, /proc and /sys
// refused, opened without following a link and without blocking, the opened
// file checked to be regular, the read capped. Used for MCP client config
// files named in a tool call.
func ReadRegularFile(path string, max int64) ([]byte, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	return readSafely(abs, safeRead{
		max:      max,
		system:   "it is a device or system file (under /dev, /proc or /sys)",
		tooLarge: fmt.Sprintf("it is larger than %d MiB", max>>20),
	})
}

// safeRead says what readSafely accepts and how it words a refusal.
type safeRead struct {
	max      int64                       // most bytes read
	system   string                      // refusal of a file under /dev, /proc or /sys
	tooLarge string                      // refusal of a file over max
	name     func(resolved string) error // nil, or a check of the link's target name
}

// readSafely resolves abs's links, refuses a target in /dev, /proc or /sys
// or one r.name refuses, opens it without following a link and without
// blocking (a FIFO would otherwise hang the call for ever), checks the
// opened file is regular, and reads at most r.max bytes.
func readSafely(abs string, r safeRead) ([]byte, error) {
	resolved, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, err
	}
	resolved = filepath.Clean(resolved)
	if systemPath(resolved) {
		return nil, errFileKind(r.system)
	}
	if r.name != nil {
		if err := r.name(resolved); err != nil {
			return nil, err
		}
	}
	f, err := openNoFollow(resolved)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	switch {
	case info.IsDir():
		return nil, errFileKind("it is a directory, not a file")
	case !info.Mode().IsRegular():
		return nil, errFileKind("it is not a regular file (a pipe, socket or device)")
	case info.Size() > r.max:
		return nil, errFileKind(r.tooLarge)
	}
	data, err := io.ReadAll(io.LimitReader(f, r.max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > r.max {
		return nil, errFileKind(r.tooLarge)
	}
	return data, nil
}

// DescribeFileError says, for a person at a terminal, why a file was not
// read, without the path.
func DescribeFileError(err error) string { return describeFileError(err) }
