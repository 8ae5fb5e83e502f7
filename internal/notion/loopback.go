package notion

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"
)

// NotLoopbackError: a plain-http base URL's host name resolved to an
// address that is not loopback, so the client refused to connect.
type NotLoopbackError struct {
	Host string
	Addr string // the first address that is not loopback, or "" if none resolved
}

// Error says what was refused and why.
func (e *NotLoopbackError) Error() string {
	if e.Addr == "" {
		return fmt.Sprintf("refused to connect over plain http: %q resolves to no address", e.Host)
	}
	return fmt.Sprintf("refused to connect over plain http: %q resolves to %s, which is not a loopback address, so the token would travel unencrypted; use https or 127.0.0.1", e.Host, e.Addr)
}

// loopbackTransport is the network transport for a plain-http base URL
// given by name (localhost): at every connection it resolves the name with
// lookup and dials only if every address is loopback, so a hosts file or
// resolver pointing "localhost" elsewhere cannot receive the token in clear
// text. It never uses a proxy.
func loopbackTransport(lookup func(ctx context.Context, host string) ([]net.IPAddr, error)) *http.Transport {
	d := &net.Dialer{Timeout: 10 * time.Second}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.Proxy = nil
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, port, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, err
		}
		ips, err := lookup(ctx, host)
		if err != nil {
			return nil, err
		}
		if len(ips) == 0 {
			return nil, &NotLoopbackError{Host: host}
		}
		for _, ip := range ips {
			if !ip.IP.IsLoopback() {
				return nil, &NotLoopbackError{Host: host, Addr: ip.IP.String()}
			}
		}
		return d.DialContext(ctx, network, net.JoinHostPort(ips[0].IP.String(), port))
	}
	return tr
}

// permanent reports whether a failure to get an answer cannot change on a
// retry: a certificate that does not verify, TLS spoken to a plain-http
// server, an address that cannot be parsed, a name that does not exist, a
// request Go refuses to send, or a refused non-loopback connection.
// Retrying those only delays the answer.
func permanent(err error) bool {
	var (
		nl   *NotLoopbackError
		ua   x509.UnknownAuthorityError
		he   x509.HostnameError
		ci   x509.CertificateInvalidError
		cv   *tls.CertificateVerificationError
		rh   tls.RecordHeaderError
		ae   *net.AddrError
		dnse *net.DNSError
	)
	switch {
	case errors.As(err, &nl), errors.As(err, &ua), errors.As(err, &he), errors.As(err, &ci),
		errors.As(err, &cv), errors.As(err, &rh), errors.As(err, &ae):
		return true
	case errors.As(err, &dnse):
		return dnse.IsNotFound
	}
	// net/http's own refusals carry no type: an invalid header value or
	// port, an unsupported scheme, a malformed answer.
	msg := err.Error()
	for _, s := range []string{"invalid header field", "invalid port", "unsupported protocol scheme", "malformed HTTP", "server gave HTTP response to HTTPS client"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}
