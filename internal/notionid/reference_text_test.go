package notionid

import "testing"

// TestReferenceInText: a collection:// or view:// reference inside text —
// backticks, quotes, a markdown table cell — keeps its meaning.
func TestReferenceInText(t *testing.T) {
	for in, want := range map[string]struct{ id, kind string }{
		"see `collection://e29f6486-8937-81b2-6a7d-aa6010ff10df` here":                              {"e29f6486-8937-81b2-6a7d-aa6010ff10df", KindDataSource},
		`"collection://e29f6486893781b26a7daa6010ff10df"`:                                           {"e29f6486-8937-81b2-6a7d-aa6010ff10df", KindDataSource},
		"| Tasks | collection://E29F6486893781B26A7DAA6010FF10DF | 3 rows |":                        {"e29f6486-8937-81b2-6a7d-aa6010ff10df", KindDataSource},
		"the view `view://aa11bb22cc33dd44ee55ff6677889900` of Tasks":                               {"aa11bb22-cc33-dd44-ee55-ff6677889900", KindView},
		"db c6eda3ce729981de014cafc354107b25, source collection://e29f6486893781b26a7daa6010ff10df": {"e29f6486-8937-81b2-6a7d-aa6010ff10df", KindDataSource},
	} {
		r, err := Parse(in)
		if err != nil {
			t.Errorf("%q: %v", in, err)
			continue
		}
		if r.ID != want.id || r.Kind != want.kind {
			t.Errorf("%q: %s %s, want %s %s", in, r.ID, r.Kind, want.id, want.kind)
		}
	}
}
