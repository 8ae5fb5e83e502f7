package notionid

import (
	"strings"
	"testing"
)

// FuzzParse checks that Parse never panics and that any ID it returns is a
// dashed lower-case UUID whose 32 hex digits occur in the input.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"https://www.notion.so/acme/Tasks-" + db + "?v=" + view + "&p=" + page + "&pm=s",
		"https://acme.notion.site/" + db + "#block-" + block,
		"notion://www.notion.so/" + dbD, "collection://" + dbD, "view://" + viewD,
		`{"object":"error","message":"Could not find database with ID: ` + dbD + `.","request_id":"` + pageD + `"}`,
		"[x](<" + db + ">)", `"` + db + `?"`, tok + " " + db, "abc" + db, "-" + dbD + "-",
		"https://api.notion.com/v1/databases/" + db + "/query", "www.notion.so/%31%32?v=%41",
		"?v=" + view, "v=" + viewD, "https://app.notion.com/p/acme?v=" + view,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		r, err := Parse(in)
		if err != nil {
			return
		}
		if !isDashedUUID(r.ID) || r.ID != strings.ToLower(r.ID) {
			t.Fatalf("Parse(%q).ID = %q, not a dashed lower-case UUID", in, r.ID)
		}
		hay := strings.ToLower(strings.ReplaceAll(in, "-", ""))
		if !strings.Contains(hay, r.Compact) {
			t.Fatalf("Parse(%q).ID = %q: its digits are not in the input", in, r.ID)
		}
		for _, id := range []string{r.ViewID, r.BlockID, r.PeekPageID} {
			if id != "" && !strings.Contains(hay, strings.ReplaceAll(id, "-", "")) {
				t.Fatalf("Parse(%q) returned %q, not in the input", in, id)
			}
		}
	})
}
