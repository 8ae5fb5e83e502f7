package token

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

func TestParseDotenv(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		want     map[string]string
		problems []string
	}{
		{name: "plain", in: "A=1\nB=two words\n", want: map[string]string{"A": "1", "B": "two words"}},
		{name: "export and spaces", in: "  export A = x \nexport\tB=y\nexported=z\n", want: map[string]string{"A": "x", "B": "y", "exported": "z"}},
		{name: "comments", in: "# c\n  # indented\nA=x # trailing\nB=x#not-a-comment\n", want: map[string]string{"A": "x", "B": "x#not-a-comment"}},
		{name: "single quotes literal", in: `A='a\nb # c' # comment`, want: map[string]string{"A": `a\nb # c`}},
		{name: "double quotes escapes", in: `A="a\nb \"q\" \\ \x"`, want: map[string]string{"A": "a\nb \"q\" \\ \\x"}},
		{name: "crlf and bom", in: "\xef\xbb\xbfA=1\r\nB='2'\r\n", want: map[string]string{"A": "1", "B": "2"}},
		{name: "empty value", in: "A=\nB=''\n", want: map[string]string{"A": "", "B": ""}},
		{name: "later wins", in: "A=1\nA=2\n", want: map[string]string{"A": "2"}},
		{name: "equals in value", in: "A=b=c\n", want: map[string]string{"A": "b=c"}},
		{name: "no expansion", in: "A=${B}\n", want: map[string]string{"A": "${B}"}},
		{name: "unclosed quotes", in: "A=\"abc \nB='x\n", want: map[string]string{"A": "abc", "B": "x"},
			problems: []string{"line 1: a quote is not closed", "line 2: a quote is not closed"}},
		{name: "bad lines", in: "just words\n1A=x\nexport\n=v\nOK=1\n", want: map[string]string{"OK": "1"},
			problems: []string{"line 1: not KEY=VALUE", "line 2: the name before '=' is not a variable name", "line 3: not KEY=VALUE", "line 4: the name before '=' is not a variable name"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, problems := ParseDotenv([]byte(tt.in))
			if !maps.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if !slices.Equal(problems, tt.problems) {
				t.Errorf("problems %q, want %q", problems, tt.problems)
			}
		})
	}
}

func FuzzParseDotenv(f *testing.F) {
	for _, s := range []string{"A=1", "export A='x'", "A=\"\\", "\xef\xbb\xbf#\r\nB=\"a\\\"b\" # c", "A=\"", "=", "export", "A= #", "A='"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		vals, problems := ParseDotenv(data)
		for k := range vals {
			if !isDotenvKey(k) {
				t.Errorf("invalid key %q", k)
			}
		}
		for _, p := range problems {
			// Problems name line numbers only: never the content of a line.
			if !strings.HasPrefix(p, "line ") {
				t.Errorf("problem %q", p)
			}
			if _, rest, _ := strings.Cut(p, ": "); rest != "not KEY=VALUE" && rest != "a quote is not closed" && rest != "the name before '=' is not a variable name" {
				t.Errorf("problem %q", p)
			}
		}
	})
}
