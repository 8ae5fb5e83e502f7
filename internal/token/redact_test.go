package token

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
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

// TestRedactRuns: any run of 8 or more characters of a resolved secret is
// masked, wherever it sits, and shorter fragments are left alone.
func TestRedactRuns(t *testing.T) {
	var r Redactor
	r.Add(ntnTok)
	r.Add("hunter2hunter2") // a value that is not a token, resolved all the same
	half := ntnTok[len(ntnTok)/2:]
	tests := []struct{ in, want string }{
		{"tail " + half + " end", "tail [redacted] end"},
		{"glued" + ntnTok + "x", "glued" + "ntn_…Z5cD" + "x"},
		{"eight " + ntnTok[10:18] + ".", "eight [redacted]."},
		{"seven " + ntnTok[10:17] + ".", "seven " + ntnTok[10:17] + "."},
		{"pw=hunter2hunter2;", "pw=" + Fingerprint("hunter2hunter2") + ";"},
		{"pw=ter2hunte", "pw=[redacted]"},
		{`{"name":"Bot of ` + ntnTok + `"}`, `{"name":"Bot of ntn_…Z5cD"}`},
	}
	for _, tt := range tests {
		if got := string(r.Redact([]byte(tt.in))); got != tt.want {
			t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestRedactorBounded: the redactor remembers at most MaxSecrets secrets,
// forgetting the one added (or refreshed) longest ago.
func TestRedactorBounded(t *testing.T) {
	var r Redactor
	r.Add(ntnTok)
	for i := range MaxSecrets + 500 {
		r.Add(randomToken(i))
		if i%1000 == 0 {
			r.Add(ntnTok) // in use: refreshed
		}
	}
	if r.Len() != MaxSecrets {
		t.Errorf("remembers %d secrets, want %d", r.Len(), MaxSecrets)
	}
	if got := string(r.Redact([]byte(ntnTok))); got != "ntn_…Z5cD" {
		t.Errorf("a refreshed secret was forgotten: %q", got)
	}
	if old := randomToken(1); string(r.Redact([]byte("x"+old[20:]))) != "x"+old[20:] {
		// The forgotten secret's windows are gone with it.
		t.Errorf("windows of a forgotten secret remain")
	}
}

// randomToken is the i-th of a series of distinct token-shaped values.
func randomToken(i int) string {
	h := sha256.Sum256([]byte(fmt.Sprint(i)))
	return "ntn_" + hex.EncodeToString(h[:])[:46]
}

func BenchmarkRedactorAdd(b *testing.B) {
	var r Redactor
	for i := 0; b.Loop(); i++ {
		r.Add(randomToken(i))
	}
}

func BenchmarkRedact1KB(b *testing.B) {
	var r Redactor
	for i := range 1000 {
		r.Add(randomToken(i))
	}
	line := []byte(strings.Repeat(`{"level":"debug","message":"notion request","path":"/v1/search"} `, 16))
	for b.Loop() {
		r.Redact(line)
	}
}

func FuzzRedact(f *testing.F) {
	f.Add(ntnTok, "x "+ntnTok[5:30]+" y")
	f.Add("hunter2hunter2", "hunter2hunter2hunter2")
	f.Add("abcdefgh", "abcdefgabcdefgh")
	f.Fuzz(func(t *testing.T, secret, text string) {
		var r Redactor
		r.Add(secret)
		out := string(r.Redact([]byte(text)))
		if len(secret) < minRedactLen {
			return
		}
		for i := 0; i+minRedactLen <= len(secret); i++ {
			w := secret[i : i+minRedactLen]
			// The replacements are fixed text: a window they contain is
			// not a leak.
			if strings.Contains(out, w) && !strings.Contains(redacted+Fingerprint(secret), w) {
				t.Fatalf("output %q holds %q of the secret", out, w)
			}
		}
	})
}
