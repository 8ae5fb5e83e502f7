package sandbox

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"
)

// BenchmarkSearchAll lists every data source of a workspace with 5000
// generated databases through the in-process Transport, 100 per page, as
// the client's list_databases does (one op = the whole listing).
func BenchmarkSearchAll(b *testing.B) {
	w := New(Options{ExtraDatabases: 5000})
	client := &http.Client{Transport: w.Transport()}
	for _, v := range []string{v22, v25} {
		filter := "database"
		if v != v22 {
			filter = "data_source"
		}
		b.Run(v, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				cursor, n := "", 0
				for {
					body, _ := json.Marshal(map[string]any{"filter": map[string]string{"property": "object", "value": filter},
						"page_size": 100, "start_cursor": cursor})
					if cursor == "" {
						body, _ = json.Marshal(map[string]any{"filter": map[string]string{"property": "object", "value": filter}, "page_size": 100})
					}
					req, _ := http.NewRequest("POST", "https://api.notion.com/v1/search", bytes.NewReader(body))
					req.Header.Set("Notion-Version", v)
					req.Header.Set("Authorization", "Bearer "+TokenValid)
					resp, err := client.Do(req)
					if err != nil {
						b.Fatal(err)
					}
					var page struct {
						Results    []json.RawMessage `json:"results"`
						NextCursor string            `json:"next_cursor"`
						HasMore    bool              `json:"has_more"`
					}
					err = json.NewDecoder(resp.Body).Decode(&page)
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if err != nil {
						b.Fatal(err)
					}
					n += len(page.Results)
					if !page.HasMore {
						break
					}
					cursor = page.NextCursor
				}
				if n < 4500 {
					b.Fatalf("listed %d", n)
				}
			}
		})
	}
}

// BenchmarkRetrievePage measures one GET /v1/pages/{id} round trip.
func BenchmarkRetrievePage(b *testing.B) {
	w := New(Options{})
	client := &http.Client{Transport: w.Transport()}
	for b.Loop() {
		req, _ := http.NewRequest("GET", "https://api.notion.com/v1/pages/"+TeamHomePageID, nil)
		req.Header.Set("Notion-Version", v25)
		req.Header.Set("Authorization", "Bearer "+TokenValid)
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}

// BenchmarkNew measures building a workspace with 5000 generated databases.
func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		New(Options{ExtraDatabases: 5000})
	}
}
