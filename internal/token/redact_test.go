package token

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/rs/zerolog"
)

func TestRedact(t *testing.T) {
	var r Redactor
	r.Add(ntnTok)
	r.AddToken(New(secretTok, "env:X"))
	r.Add("short") // ignored: too short to redact safely
	r.Add(ntnTok)  // duplicate
	long := ntnTok + "EXTRA"
	r.Add(long)
	tests := []struct{ in, want string }{
		{"nothing here", "nothing here"},
		{"auth " + ntnTok + " and " + secretTok, "auth ntn_…Z5cD and " + Fingerprint(secretTok)},
		{"twice " + ntnTok + ntnTok, "twice ntn_…Z5cDntn_…Z5cD"},
		{"longest wins " + long, "longest wins " + Fingerprint(long)},
		{"short stays short", "short stays short"},
	}
	for _, tt := range tests {
		if got := string(r.Redact([]byte(tt.in))); got != tt.want {
			t.Errorf("Redact(%q) = %q, want %q", tt.in[:5], got, tt.want)
		}
	}
}

func TestRedactorWriterWithZerolog(t *testing.T) {
	var r Redactor
	r.Add(ntnTok)
	var buf bytes.Buffer
	w := r.Writer(&buf)
	n, err := fmt.Fprintf(w, "header Authorization: Bearer %s\n", ntnTok)
	if err != nil || n != len("header Authorization: Bearer ")+len(ntnTok)+1 {
		t.Errorf("Write = %d, %v", n, err)
	}
	zl := zerolog.New(w)
	zl.Error().Str("oops", ntnTok).Msg("a bug logged the token")
	if strings.Contains(buf.String(), ntnTok[4:]) {
		t.Errorf("log leaks the token: %s", buf.String())
	}
	if strings.Count(buf.String(), "ntn_…Z5cD") != 2 {
		t.Errorf("log = %s", buf.String())
	}
}

// Concurrent Add, Redact and Write; run with -race.
func TestRedactorConcurrent(t *testing.T) {
	var r Redactor
	var mu sync.Mutex
	var buf bytes.Buffer
	w := r.Writer(lockedWriter{&mu, &buf})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			r.Add(fmt.Sprintf("%s%02d", ntnTok[:40], i))
		}()
		go func() {
			defer wg.Done()
			fmt.Fprintf(w, "line %d\n", i)
			_ = r.Redact([]byte(ntnTok))
		}()
	}
	wg.Wait()
	r.Add(ntnTok)
	if got := string(r.Redact([]byte(ntnTok))); got != "ntn_…Z5cD" {
		t.Errorf("got %q", got)
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	w  *bytes.Buffer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
