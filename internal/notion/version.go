package notion

import (
	"fmt"
	"net"
	"net/url"
	"path"
	"strings"
)

// Notion API versions this client knows how to decode (Notion-Version header).
const (
	// V20220628: databases hold the schema; search filter "page" | "database".
	V20220628 = "2022-06-28"
	// V20250903: databases contain data sources; search filter "page" | "data_source".
	V20250903 = "2025-09-03"
	// V20260311: latest; "archived" is renamed "in_trash".
	V20260311 = "2026-03-11"
	// DefaultVersion is what the official SDK sends by default.
	DefaultVersion = V20250903
)

// Versions lists the supported versions, oldest first.
var Versions = []string{V20220628, V20250903, V20260311}

// DefaultBaseURL is Notion's public API.
const DefaultBaseURL = "https://api.notion.com"

// CheckVersion returns v, or DefaultVersion when v is empty, or an error that
// lists the supported versions.
func CheckVersion(v string) (string, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return DefaultVersion, nil
	}
	for _, s := range Versions {
		if v == s {
			return v, nil
		}
	}
	return "", fmt.Errorf("unsupported Notion API version %q; supported: %s (default %s)", v, strings.Join(Versions, ", "), DefaultVersion)
}

// HasDataSources reports whether v is a version where databases contain data
// sources (2025-09-03 and later). v must have passed CheckVersion.
func HasDataSources(v string) bool { return v >= V20250903 }

// CheckBaseURL parses raw (empty means DefaultBaseURL). It accepts https
// anywhere and plain http only to a literal loopback address (127.0.0.0/8,
// ::1) or the name localhost (or a name under .localhost, RFC 6761), whose
// addresses are checked when connecting: the client refuses to connect
// unless every one is loopback (LoopbackOnly). So the token is never sent
// in clear text over a network. User info, query and fragment are refused;
// the path is cleaned, and one with ".." is refused.
func CheckBaseURL(raw string) (*url.URL, error) {
	if strings.TrimSpace(raw) == "" {
		raw = DefaultBaseURL
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, fmt.Errorf("base URL is not a URL: %v", err)
	}
	if u.Host == "" || u.Hostname() == "" {
		return nil, fmt.Errorf("base URL %q has no host; want e.g. %s", u.Redacted(), DefaultBaseURL)
	}
	if u.User != nil {
		return nil, fmt.Errorf("base URL %q must not contain a user name or password", u.Redacted())
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("base URL %q must not have a query or fragment", u.Redacted())
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
	case "http":
		if !isLoopback(u.Hostname()) && !isLocalhostName(u.Hostname()) {
			return nil, fmt.Errorf("base URL %q uses plain http on a non-loopback host; the token would travel unencrypted. Use https (plain http is allowed only for 127.0.0.1, ::1 and localhost)", u.Redacted())
		}
	default:
		return nil, fmt.Errorf("base URL %q must use https (or http on loopback)", u.Redacted())
	}
	u.Scheme = strings.ToLower(u.Scheme)
	for _, seg := range strings.Split(u.Path, "/") {
		if seg == ".." || seg == "." {
			return nil, fmt.Errorf("base URL %q has a path with . or .. in it; give the plain path, e.g. https://proxy.example/notion", u.Redacted())
		}
	}
	if u.Path != "" {
		u.Path = path.Clean("/" + u.Path)
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	u.RawPath = ""
	return u, nil
}

// isLoopback reports whether host is a literal loopback address.
func isLoopback(host string) bool {
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// isLocalhostName reports whether host is localhost or a name under
// .localhost: names meant to resolve to loopback, which is checked when
// connecting, since a hosts file may say otherwise.
func isLocalhostName(host string) bool {
	h := strings.TrimSuffix(strings.ToLower(host), ".")
	return h == "localhost" || strings.HasSuffix(h, ".localhost")
}
