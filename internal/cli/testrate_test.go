package cli

import (
	"strings"
	"testing"
)

// NOTION_MCP_TEST_RATE lifts the pacing only against a loopback fake Notion;
// against any other base URL the production 3 requests/s stays.
func TestTestRate(t *testing.T) {
	cases := []struct {
		base, v string
		want    float64
		err     bool
	}{
		{"http://127.0.0.1:8080", "", 0, false},
		{"http://127.0.0.1:8080", "1000", 1000, false},
		{"http://[::1]:9/", "50", 50, false},
		{"http://localhost:1", "7.5", 7.5, false},
		{"https://api.notion.com", "1000", 0, false},
		{"", "1000", 0, false},
		{"http://127.0.0.1.example.com", "1000", 0, false},
		{"http://10.0.0.1", "1000", 0, false},
		{"http://127.0.0.1", "0", 0, true},
		{"http://127.0.0.1", "-3", 0, true},
		{"http://127.0.0.1", "NaN", 0, true},
		{"http://127.0.0.1", "fast", 0, true},
		{"https://api.notion.com", "2e6", 0, true},
	}
	for _, c := range cases {
		a := &app{IO: IO{Getenv: func(k string) string {
			if k == "NOTION_MCP_TEST_RATE" {
				return c.v
			}
			return ""
		}}}
		a.opts.baseURL = c.base
		got, err := a.testRate()
		if got != c.want || (err != nil) != c.err {
			t.Errorf("base %q rate %q: got %v, %v; want %v (error %v)", c.base, c.v, got, err, c.want, c.err)
		}
		if err != nil && !strings.Contains(err.Error(), "NOTION_MCP_TEST_RATE") {
			t.Errorf("error %v does not name the variable", err)
		}
	}
}
