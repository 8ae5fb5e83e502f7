package pasted

import (
	"strings"
	"testing"
)

// BenchmarkParse measures a typical paste and the 64 KiB worst cases: a text
// with no keyword, and one that trips every pattern (numbers in BENCHMARKS.md).
func BenchmarkParse(b *testing.B) {
	for _, c := range []struct{ name, text string }{
		{"js log", "@notionhq/client warn: request fail {\n  code: 'object_not_found',\n  message: 'Could not find database with ID: " + dbID + ". Make sure the relevant pages and databases are shared with your integration.'\n}"},
		{"64KiB plain", strings.Repeat("x", MaxText)},
		{"64KiB keywords", strings.Repeat("status code: 'object_not_found' message: \"Could not find database with ID: 4f68615b-… valid uuid, instead was `x` /v1/databases/ version retry ", MaxText/140)},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.text)))
			for range b.N {
				Parse(c.text)
			}
		})
	}
}
