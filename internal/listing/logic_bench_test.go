package listing

import (
	"context"
	"testing"

	"github.com/notion-mcp/notion-mcp/internal/notion"
	"github.com/notion-mcp/notion-mcp/internal/sandbox"
	"github.com/notion-mcp/notion-mcp/internal/token"
)

// BenchmarkLogic5000 is the listing's own work on the search pages of
// BenchmarkList5000, decoded beforehand: grouping, sorting, copying out and
// hints, without a request. Its ns/op over BenchmarkRequestsOnly5000's is
// the listing's overhead, measured without the noise of the requests
// themselves (which a loaded machine makes far larger than the difference).
func BenchmarkLogic5000(b *testing.B) {
	for _, v := range []string{notion.V20250903, notion.V20220628} {
		b.Run(v, func(b *testing.B) {
			ws := sandbox.New(sandbox.Options{ExtraDatabases: 5000})
			c, err := notion.New(notion.Config{Transport: ws.Transport(), Rate: 1e9, Burst: 1e6}, token.New(sandbox.TokenValid, "bench"))
			if err != nil {
				b.Fatal(err)
			}
			filter := "database"
			if notion.HasDataSources(v) {
				filter = "data_source"
			}
			var pages [][]notion.Object
			err = search(context.Background(), c, v, "", filter, Request{}.bounds(), func(objs []notion.Object) bool {
				pages = append(pages, objs)
				return true
			})
			if err != nil {
				b.Fatal(err)
			}
			r := &Result{Integration: &Integration{Name: sandbox.AcmeSyncName}, Complete: true}
			b.ReportAllocs()
			for b.Loop() {
				g := newGrouper()
				for _, p := range pages {
					for _, o := range p {
						g.add(o)
					}
				}
				dbs := g.entries()
				sortDatabases(dbs)
				r.Databases = values(dbs)
				r.Count = len(r.Databases)
				r.Hints = hints(r, v, Request{}, g.partial)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(r.Count), "ns/database")
		})
	}
}
