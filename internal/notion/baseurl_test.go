package notion

import (
	"context"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestLoopbackTransport: a plain-http base URL given by name connects only
// if every address the name resolves to is loopback, checked at connect
// time, never through a proxy.
func TestLoopbackTransport(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(204) }))
	defer srv.Close()
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(srv.URL, "http://"))
	for _, tc := range []struct {
		name string
		ips  []string
		ok   bool
	}{
		{"loopback only", []string{"127.0.0.1"}, true},
		{"loopback and LAN", []string{"127.0.0.1", "192.168.1.20"}, false},
		{"elsewhere", []string{"93.184.216.34"}, false},
		{"nothing", nil, false},
	} {
		lookup := func(context.Context, string) ([]net.IPAddr, error) {
			var out []net.IPAddr
			for _, s := range tc.ips {
				out = append(out, net.IPAddr{IP: net.ParseIP(s)})
			}
			return out, nil
		}
		tr := loopbackTransport(lookup)
		if tr.Proxy != nil {
			t.Fatal("the loopback transport may use a proxy")
		}
		req, _ := http.NewRequest("GET", "http://localhost:"+port+"/v1/users/me", nil)
		resp, err := tr.RoundTrip(req)
		if tc.ok {
			if err != nil || resp.StatusCode != 204 {
				t.Errorf("%s: %v", tc.name, err)
			}
			continue
		}
		var nl *NotLoopbackError
		if !errors.As(err, &nl) || !permanent(err) {
			t.Errorf("%s: err %v, want a permanent NotLoopbackError", tc.name, err)
		}
	}
}

// TestPermanentErrorsNotRetried: failures that cannot change on a retry —
// a certificate that does not verify, TLS spoken to a plain-http server, a
// port that does not exist — are reported after one attempt.
func TestPermanentErrorsNotRetried(t *testing.T) {
	tlsSrv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(200) }))
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake is expected
	tlsSrv.StartTLS()
	defer tlsSrv.Close()
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(200) }))
	defer plain.Close()
	for _, tc := range []struct{ name, base string }{
		{"untrusted certificate", tlsSrv.URL},
		{"https to a plain-http server", strings.Replace(plain.URL, "http://", "https://", 1)},
		{"port out of range", "http://127.0.0.1:99999"},
	} {
		c, _, _ := newTestClient(t, tc.base, func(cfg *Config) { cfg.Transport = http.DefaultTransport.(*http.Transport).Clone() })
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		_, err := c.Me(ctx, DefaultVersion)
		cancel()
		e, ok := AsError(err)
		if !ok || e.Attempts != 1 || e.Code != CodeNetwork {
			t.Errorf("%s: %v (attempts %d), want one attempt", tc.name, err, e.Attempts)
		}
	}
}
