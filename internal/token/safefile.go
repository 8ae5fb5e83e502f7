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
	resolved, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, err
	}
	resolved = filepath.Clean(resolved)
	if systemPath(resolved) {
		return nil, errFileKind("it is a device or system file (under /dev, /proc or /sys)")
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
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, errFileKind(fmt.Sprintf("it is larger than %d MiB", max>>20))
	}
	return data, nil
}

// DescribeFileError says, for a person at a terminal, why a file was not
// read, without the path.
func DescribeFileError(err error) string { return describeFileError(err) }
