package logging

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNew(t *testing.T) {
	for _, c := range []struct {
		cfg       Config
		wantErr   bool
		debugSeen bool
		contains  string
	}{
		{cfg: Config{}, contains: `"level":"info"`},
		{cfg: Config{Level: "debug"}, debugSeen: true, contains: `"level":"debug"`},
		{cfg: Config{Level: "DEBUG", Format: "console"}, debugSeen: true, contains: "DBG"},
		{cfg: Config{Level: "disabled"}},
		{cfg: Config{Level: "loud"}, wantErr: true},
		{cfg: Config{Format: "xml"}, wantErr: true},
	} {
		var buf bytes.Buffer
		log, closer, err := New(c.cfg, &buf, nil)
		if (err != nil) != c.wantErr {
			t.Errorf("New(%+v) error = %v", c.cfg, err)
			continue
		}
		if err != nil {
			if !strings.Contains(err.Error(), "use ") {
				t.Errorf("New(%+v) error does not say what to use: %v", c.cfg, err)
			}
			continue
		}
		log.Debug().Msg("d")
		log.Info().Msg("i")
		closer.Close()
		out := buf.String()
		if got := strings.Contains(out, "d\n") || strings.Contains(out, `"message":"d"`); got != c.debugSeen {
			t.Errorf("New(%+v): debug line written = %v", c.cfg, got)
		}
		if c.contains != "" && !strings.Contains(out, c.contains) {
			t.Errorf("New(%+v) wrote %q, want %q in it", c.cfg, out, c.contains)
		}
	}
}

func TestFileAndFilter(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notion-mcp.log")
	var stderr bytes.Buffer
	upper := func(w io.Writer) io.Writer { return filterWriter{w} }
	log, closer, err := New(Config{File: path}, &stderr, upper)
	if err != nil {
		t.Fatal(err)
	}
	log.Info().Msg("secret")
	closer.Close()
	b, _ := os.ReadFile(path)
	if stderr.Len() != 0 || !strings.Contains(string(b), "XXXXXX") || strings.Contains(string(b), "secret") {
		t.Errorf("stderr %q, file %q: want the filtered line in the file only", stderr.String(), b)
	}
	if _, _, err := New(Config{File: filepath.Join(t.TempDir(), "no", "such", "dir", "x.log")}, &stderr, nil); err == nil {
		t.Error("an unwritable log file was accepted")
	}
}

type filterWriter struct{ w io.Writer }

func (f filterWriter) Write(p []byte) (int, error) {
	_, err := f.w.Write(bytes.ReplaceAll(p, []byte("secret"), []byte("XXXXXX")))
	return len(p), err
}
