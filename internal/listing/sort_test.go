package listing

import (
	"strings"
	"testing"
)

// FuzzCompareFold checks compareFold against comparing lower-cased copies,
// the order it replaces, including invalid UTF-8 and case mappings that
// change a rune's length.
func FuzzCompareFold(f *testing.F) {
	for _, s := range [][2]string{
		{"Tasks", "tasks"}, {"Generated DB 0010", "generated db 0009"}, {"Ärger", "ärger"}, {"Zebra", "äpfel"},
		{"İstanbul", "istanbul"}, {"Ωmega", "ωmega"}, {"\xff", "\xef\xbf\xbd"}, {"", "a"}, {"abc", "ab"}, {"K", "\u212a"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		want := strings.Compare(strings.ToLower(a), strings.ToLower(b))
		if got := compareFold(a, b); got != want {
			t.Errorf("compareFold(%q, %q) = %d, want %d", a, b, got, want)
		}
	})
}

// TestSortDatabases: title ignoring case, then ID, then first data source.
func TestSortDatabases(t *testing.T) {
	dbs := []*Database{{ID: "3", Title: "b"}, {ID: "2", Title: "B"}, {ID: "1", Title: "a"}, {ID: "0", Title: ""}, {ID: "4", Title: "Ä"},
		{Title: "", DataSources: []DataSource{{ID: "y"}}}, {Title: "", DataSources: []DataSource{{ID: "x"}}}}
	sortDatabases(dbs)
	var got []string
	for _, d := range dbs {
		if d.ID == "" {
			got = append(got, d.DataSources[0].ID)
			continue
		}
		got = append(got, d.ID)
	}
	if strings.Join(got, "") != "xy01234" {
		t.Errorf("order %v", got)
	}
}
