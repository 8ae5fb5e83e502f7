package notion

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestErrorFromResponse(t *testing.T) {
	tests := []struct {
		name    string
		status  int
		headers map[string]string
		body    string
		want    Error
	}{
		{
			name:   "newer 404 with integration name",
			status: 404, headers: map[string]string{"X-Notion-Request-Id": "hdr-id"},
			body: `{"object":"error","status":404,"code":"object_not_found","message":"Could not find database with ID: 2f26ee68-df30-4251-aad4-8ddc420cba3d. Make sure the relevant pages and databases are shared with your integration \"Acme Sync\".","request_id":"body-id","additional_data":{"integration_id":"1f2e3d4c-5b6a-4987-8a6b-5c4d3e2f1a0b"}}`,
			want: Error{Status: 404, Code: "object_not_found", RequestID: "body-id", IntegrationName: "Acme Sync",
				Message: `Could not find database with ID: 2f26ee68-df30-4251-aad4-8ddc420cba3d. Make sure the relevant pages and databases are shared with your integration "Acme Sync".`},
		},
		{
			name:   "older 404, request id from header",
			status: 404, headers: map[string]string{"X-Notion-Request-Id": "hdr-id"},
			body: `{"object":"error","status":404,"code":"object_not_found","message":"Could not find page with ID: 1c2b3a4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d. Make sure the relevant pages and databases are shared with your integration."}`,
			want: Error{Status: 404, Code: "object_not_found", RequestID: "hdr-id",
				Message: "Could not find page with ID: 1c2b3a4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d. Make sure the relevant pages and databases are shared with your integration."},
		},
		{
			name: "401", status: 401,
			body: `{"object":"error","status":401,"code":"unauthorized","message":"API token is invalid.","request_id":"r1"}`,
			want: Error{Status: 401, Code: "unauthorized", Message: "API token is invalid.", RequestID: "r1"},
		},
		{
			name: "html 502", status: 502, headers: map[string]string{"Cf-Ray": "8c1d-AMS"},
			body: cloudflare502,
			want: Error{Status: 502, Code: CodeHTTP, Message: "api.notion.com | 502: Bad gateway", CFRay: "8c1d-AMS"},
		},
		{
			name: "html without title", status: 503, body: "<html><body><p>Service &amp; stuff\n\n  unavailable</p></body></html>",
			want: Error{Status: 503, Code: CodeHTTP, Message: "Service & stuff unavailable"},
		},
		{
			name: "empty 504", status: 504, body: "",
			want: Error{Status: 504, Code: CodeHTTP, Message: "Gateway Timeout"},
		},
		{
			name: "plain text 429", status: 429, body: "Too many requests",
			want: Error{Status: 429, Code: CodeRateLimited, Message: "Too many requests"},
		},
		{
			name: "long text is cut", status: 500, body: strings.Repeat("é", 300),
			want: Error{Status: 500, Code: CodeHTTP, Message: strings.Repeat("é", maxExcerpt) + "…"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := &http.Response{StatusCode: tt.status, Header: http.Header{}}
			for k, v := range tt.headers {
				resp.Header.Set(k, v)
			}
			got := errorFromResponse(resp, []byte(tt.body))
			if got.Status != tt.want.Status || got.Code != tt.want.Code || got.Message != tt.want.Message ||
				got.RequestID != tt.want.RequestID || got.IntegrationName != tt.want.IntegrationName || got.CFRay != tt.want.CFRay {
				t.Errorf("got  %+v\nwant %+v", *got, tt.want)
			}
		})
	}
}

func TestErrorHelpers(t *testing.T) {
	e := &Error{Method: "GET", Path: "/v1/databases/x", Version: V20250903, Status: 404, Code: "object_not_found",
		Message: "Could not find database", RequestID: "r", Attempts: 1,
		AdditionalData: map[string]any{"integration_id": "i-1"}}
	if !e.IsNotFound() || e.IsUnauthorized() || e.IsRateLimited() || e.IsServer() || e.IntegrationID() != "i-1" {
		t.Errorf("helpers wrong for %v", e)
	}
	if got := e.Error(); got != "notion: GET /v1/databases/x: 404 object_not_found: Could not find database (request_id r)" {
		t.Errorf("Error() = %q", got)
	}
	var nilErr *Error
	if nilErr.IsNotFound() || nilErr.IntegrationID() != "" {
		t.Errorf("nil helpers")
	}
	wrapped := fmt.Errorf("tool: %w", &Error{Code: CodeCanceled, cause: context.Canceled})
	if got, ok := AsError(wrapped); !ok || got.Code != CodeCanceled || !errors.Is(wrapped, context.Canceled) {
		t.Errorf("AsError/Unwrap through wrapping failed")
	}
	if !(&Error{Status: 429}).IsRateLimited() || !(&Error{Code: CodeRateLimited, RetryAfter: time.Second}).IsRateLimited() {
		t.Errorf("IsRateLimited")
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2025, 10, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0}, {"3", 3 * time.Second}, {" 10 ", 10 * time.Second}, {"-5", 0}, {"soon", 0}, {"1.5", 0},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{now.Add(-time.Minute).Format(http.TimeFormat), 0},
		{"Wed, 01 Oct 2025 12:00:07 GMT", 7 * time.Second},
	}
	for _, tt := range tests {
		if got := parseRetryAfter(tt.in, now); got != tt.want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestCheckVersion(t *testing.T) {
	for _, tt := range []struct{ in, want, err string }{
		{"", DefaultVersion, ""}, {"2022-06-28", V20220628, ""}, {" 2026-03-11 ", V20260311, ""},
		{"2024-01-01", "", "supported: 2022-06-28, 2025-09-03, 2026-03-11"},
	} {
		got, err := CheckVersion(tt.in)
		if got != tt.want || (err == nil) != (tt.err == "") || err != nil && !strings.Contains(err.Error(), tt.err) {
			t.Errorf("CheckVersion(%q) = %q, %v", tt.in, got, err)
		}
	}
	if HasDataSources(V20220628) || !HasDataSources(V20250903) || !HasDataSources(V20260311) {
		t.Errorf("HasDataSources")
	}
}

func TestCheckBaseURL(t *testing.T) {
	tests := []struct{ in, want, err string }{
		{"", "https://api.notion.com", ""},
		{"https://api.notion.com/", "https://api.notion.com", ""},
		{"https://proxy.example.com/notion/", "https://proxy.example.com/notion", ""},
		{"http://127.0.0.1:8080", "http://127.0.0.1:8080", ""},
		{"http://127.1.2.3:9", "http://127.1.2.3:9", ""},
		{"http://[::1]:8080", "http://[::1]:8080", ""},
		{"HTTP://LocalHost:3000", "http://LocalHost:3000", ""},
		{"http://api.notion.com", "", "plain http on a non-loopback host"},
		{"http://10.0.0.5:8080", "", "plain http on a non-loopback host"},
		{"http://localhost.evil.com", "", "plain http on a non-loopback host"},
		{"http://api.localhost:8080", "http://api.localhost:8080", ""}, // resolved, and checked, at connect time
		{"http://127.0.0.1.nip.io", "", "plain http on a non-loopback host"},
		{"https://proxy.example.com//notion//v/", "https://proxy.example.com/notion/v", ""},
		{"https://proxy.example.com/a/../b", "", "path with . or .."},
		{"https://proxy.example.com/./b", "", "path with . or .."},
		{"ftp://api.notion.com", "", "must use https"},
		{"https://user:pw@api.notion.com", "", "must not contain a user name"},
		{"https://api.notion.com?x=1", "", "query"},
		{"api.notion.com", "", "no host"},
		{"https://", "", "no host"},
	}
	for _, tt := range tests {
		u, err := CheckBaseURL(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("CheckBaseURL(%q) err = %v, want %q", tt.in, err, tt.err)
			}
			if err != nil && strings.Contains(err.Error(), "pw") {
				t.Errorf("error shows the password: %v", err)
			}
			continue
		}
		if err != nil || u.String() != tt.want {
			t.Errorf("CheckBaseURL(%q) = %v, %v; want %s", tt.in, u, err, tt.want)
		}
	}
	if _, err := New(Config{BaseURL: "http://example.com"}, testTok); err == nil {
		t.Errorf("New accepted a non-https non-loopback base URL")
	}
	if _, err := New(Config{}, nil); err == nil {
		t.Errorf("New accepted no token")
	}
}
