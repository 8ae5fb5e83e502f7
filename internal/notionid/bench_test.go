package notionid_test

import (
	"testing"

	"github.com/notion-mcp/notion-mcp/internal/notionid"
)

// parseInputs are what people paste, in roughly the mix they paste it.
var parseInputs = []struct{ name, in string }{
	{"link_with_view", "https://www.notion.so/acme/Tasks-c6eda3ce729981de014cafc354107b25?v=6577a14a5f178f3de25366373c2d9a1f&pvs=4"},
	{"bare_id", "c6eda3ce729981de014cafc354107b25"},
	{"pasted_404_json", `APIResponseError: Could not find database with ID: c0c4fde2-9ed5-896e-5073-7ef5053075b6. Make sure the relevant pages and databases are shared with your integration "Acme Sync". ` +
		`{"object":"error","status":404,"code":"object_not_found","message":"Could not find database with ID: c0c4fde2-9ed5-896e-5073-7ef5053075b6. Make sure the relevant pages and databases are shared with your integration.","request_id":"7d1c6a0e-5b4a-4a39-9a51-2f0c7a1e9b3d"}`},
	{"notion_site", "https://acme.notion.site/Public-Docs-c11815719d778e00ac6c3b2e7fe7b566"},
	{"collection_ref", "collection://e29f6486-8937-81b2-6a7d-aa6010ff10df"},
}

// BenchmarkParse parses each kind of input; "mix" cycles through all of them.
func BenchmarkParse(b *testing.B) {
	for _, in := range parseInputs {
		if _, err := notionid.Parse(in.in); err != nil {
			b.Fatalf("%s: %v", in.name, err)
		}
	}
	b.Run("mix", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			if _, err := notionid.Parse(parseInputs[i%len(parseInputs)].in); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	for _, in := range parseInputs {
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := notionid.Parse(in.in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
