package token

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// Realistic shapes: ntn_ + 11 digits + 35 alphanumerics, secret_ + 43.
const (
	ntnTok    = "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"
	secretTok = "secret_q8Xw2Ve4Ut6Sr8Qp0On2Ml4Kj6Ih8Gf0Ed2Cb4Aa6Yx"
)

func TestTokenConstantsAreRealisticShape(t *testing.T) {
	if len(ntnTok) != 50 || len(secretTok) != 50 {
		t.Fatalf("test tokens must be 50 chars: %d %d", len(ntnTok), len(secretTok))
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name    string
		raw     string
		cleaned string
		kind    string
		want    []string // exact problems, in order
		contain []string // problems that must be present (when want is nil)
	}{
		{name: "ntn ok", raw: ntnTok, cleaned: ntnTok, kind: KindInternal},
		{name: "secret ok", raw: secretTok, cleaned: secretTok, kind: KindLegacyInternal},
		{name: "bearer", raw: "Bearer " + ntnTok, cleaned: ntnTok, kind: KindInternal, want: []string{probBearer}},
		{name: "bearer lower", raw: "bearer " + ntnTok, cleaned: ntnTok, kind: KindInternal, want: []string{probBearer}},
		{name: "authorization header", raw: "Authorization: Bearer " + ntnTok, cleaned: ntnTok, kind: KindInternal, want: []string{probBearer}},
		{name: "double quotes", raw: `"` + ntnTok + `"`, cleaned: ntnTok, kind: KindInternal, want: []string{probQuotes}},
		{name: "single quotes", raw: `'` + secretTok + `'`, cleaned: secretTok, kind: KindLegacyInternal, want: []string{probQuotes}},
		{name: "json escaped quotes", raw: `\"` + ntnTok + `\"`, cleaned: ntnTok, kind: KindInternal, want: []string{probEscaped}},
		{name: "trailing newline", raw: ntnTok + "\n", cleaned: ntnTok, kind: KindInternal, want: []string{probNewline}},
		{name: "crlf", raw: ntnTok + "\r\n", cleaned: ntnTok, kind: KindInternal, want: []string{probNewline}},
		{name: "spaces", raw: "  " + ntnTok + "\t", cleaned: ntnTok, kind: KindInternal, want: []string{probSpaces}},
		{name: "everything", raw: " 'Bearer " + ntnTok + "'\n", cleaned: ntnTok, kind: KindInternal, want: []string{probNewline, probQuotes, probBearer}},
		{name: "assignment", raw: "NOTION_TOKEN=" + ntnTok, cleaned: ntnTok, kind: KindInternal, want: []string{probAssignment}},
		{name: "export assignment", raw: "export NOTION_TOKEN=" + ntnTok, cleaned: ntnTok, kind: KindInternal, want: []string{probAssignment}},
		{name: "assignment quoted", raw: `NOTION_API_KEY="` + ntnTok + `"`, cleaned: ntnTok, kind: KindInternal, want: []string{probAssignment, probQuotes}},
		{name: "empty", raw: "", cleaned: "", kind: KindUnrecognised, want: []string{probEmpty}},
		{name: "only newline", raw: "\n", cleaned: "", kind: KindUnrecognised, want: []string{probNewline, probEmpty}},
		{name: "empty quotes", raw: `""`, cleaned: "", kind: KindUnrecognised, want: []string{probQuotes, probEmpty}},
		{name: "placeholder your-token-here", raw: "your-token-here", cleaned: "your-token-here", kind: KindUnrecognised, contain: []string{probPlaceholder}},
		{name: "placeholder angle", raw: "<token>", cleaned: "<token>", kind: KindUnrecognised, contain: []string{probPlaceholder}},
		{name: "placeholder xxx", raw: "xxxxxxxxxxxx", cleaned: "xxxxxxxxxxxx", kind: KindUnrecognised, want: []string{probPlaceholder}},
		{name: "placeholder changeme", raw: "changeme", cleaned: "changeme", kind: KindUnrecognised, want: []string{probPlaceholder}},
		{name: "placeholder your_notion_token", raw: "YOUR_NOTION_TOKEN", cleaned: "YOUR_NOTION_TOKEN", kind: KindUnrecognised, want: []string{probPlaceholder}},
		{name: "placeholder secret_xxx", raw: "secret_xxx", cleaned: "secret_xxx", kind: KindLegacyInternal, want: []string{probPlaceholder}},
		{name: "placeholder ntn_xxx", raw: "ntn_xxx", cleaned: "ntn_xxx", kind: KindInternal, want: []string{probPlaceholder}},
		{name: "placeholder ntn_ dots", raw: "ntn_...", cleaned: "ntn_...", kind: KindInternal, contain: []string{probPlaceholder}},
		{name: "placeholder prefix only", raw: "secret_", cleaned: "secret_", kind: KindLegacyInternal, want: []string{probPlaceholder}},
		{name: "unexpanded variable", raw: "${NOTION_TOKEN}", cleaned: "${NOTION_TOKEN}", kind: KindUnrecognised, contain: []string{probVarRef}},
		{name: "shell variable", raw: "$NOTION_TOKEN", cleaned: "$NOTION_TOKEN", kind: KindUnrecognised, contain: []string{probVarRef}},
		{name: "windows variable", raw: "%NOTION_TOKEN%", cleaned: "%NOTION_TOKEN%", kind: KindUnrecognised, contain: []string{probVarRef}},
		{name: "ntn too short", raw: ntnTok[:49], cleaned: ntnTok[:49], kind: KindInternal, want: []string{"It is 49 characters long; Notion internal integration tokens are 50."}},
		{name: "secret too long", raw: secretTok + "A", cleaned: secretTok + "A", kind: KindLegacyInternal, want: []string{"It is 51 characters long; Notion internal integration tokens are 50."}},
		{name: "pasted twice", raw: ntnTok + ntnTok, cleaned: ntnTok + ntnTok, kind: KindInternal, want: []string{probTwice}},
		{name: "inner space", raw: ntnTok[:20] + " " + ntnTok[21:], cleaned: ntnTok[:20] + " " + ntnTok[21:], kind: KindInternal, want: []string{probInnerSpace}},
		{name: "inner newline", raw: ntnTok[:20] + "\n" + ntnTok[20:], cleaned: ntnTok[:20] + "\n" + ntnTok[20:], kind: KindInternal, want: []string{"It is 51 characters long; Notion internal integration tokens are 50.", probInnerSpace}},
		{name: "zero width space", raw: ntnTok[:49] + "\u200b", cleaned: ntnTok[:49] + "\u200b", kind: KindInternal, want: []string{probNonASCII}},
		{name: "punctuation", raw: ntnTok[:49] + "!", cleaned: ntnTok[:49] + "!", kind: KindInternal, want: []string{probPunctuation}},
		{name: "inner quote", raw: `"` + ntnTok, cleaned: `"` + ntnTok, kind: KindUnrecognised, want: []string{probUnknown, probInnerQuote}},
		{name: "unknown prefix", raw: "abcD3fGh1jK2lM4nP5qR6sT7uV8wX9yZ0", cleaned: "abcD3fGh1jK2lM4nP5qR6sT7uV8wX9yZ0", kind: KindUnrecognised, want: []string{probUnknown}},
		{name: "anthropic key", raw: "sk-ant-api03-Xy7Zq2", cleaned: "sk-ant-api03-Xy7Zq2", kind: KindUnrecognised, want: []string{"It looks like a token for Anthropic, not a Notion token.", probPunctuation}},
		{name: "github key", raw: "ghp_Ab3De5Gh7Jk9Mn2Pq4Rs6Tu8Vw0", cleaned: "ghp_Ab3De5Gh7Jk9Mn2Pq4Rs6Tu8Vw0", kind: KindUnrecognised, want: []string{"It looks like a token for GitHub, not a Notion token."}},
		{name: "url", raw: "https://www.notion.so/acme/Tasks-0123456789abcdef0123456789abcdef", cleaned: "https://www.notion.so/acme/Tasks-0123456789abcdef0123456789abcdef", kind: KindUnrecognised, contain: []string{probURL}},
		{name: "notion id", raw: "0123456789ABCDEF0123456789abcdef", cleaned: "0123456789ABCDEF0123456789abcdef", kind: KindUnrecognised, want: []string{probNotionID}},
		{name: "dashed notion id", raw: "01234567-89ab-cdef-0123-456789abcdef", cleaned: "01234567-89ab-cdef-0123-456789abcdef", kind: KindUnrecognised, want: []string{probNotionID, probPunctuation}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cleaned, f := Check(tt.raw)
			if cleaned != tt.cleaned {
				t.Errorf("cleaned = %q, want %q", cleaned, tt.cleaned)
			}
			if f.Kind != tt.kind {
				t.Errorf("kind = %q, want %q", f.Kind, tt.kind)
			}
			if tt.want != nil || tt.contain == nil {
				if !slices.Equal(f.Problems, tt.want) {
					t.Errorf("problems = %q\nwant       %q", f.Problems, tt.want)
				}
			}
			for _, c := range tt.contain {
				if !slices.Contains(f.Problems, c) {
					t.Errorf("problems = %q, missing %q", f.Problems, c)
				}
			}
			if f.OK() != (len(f.Problems) == 0) {
				t.Errorf("OK() inconsistent")
			}
			assertNoLeak(t, f.Problems, tt.raw, cleaned)
		})
	}
}

// templates matches every problem sentence Check can produce.
var templates = func() []*regexp.Regexp {
	var out []*regexp.Regexp
	for _, p := range []string{probEmpty, probNewline, probSpaces, probQuotes, probEscaped, probBearer,
		probAssignment, probPlaceholder, probVarRef, probURL, probNotionID, probUnknown, probLength,
		probTwice, probInnerSpace, probInnerQuote, probNonASCII, probPunctuation} {
		q := strings.ReplaceAll(regexp.QuoteMeta(p), "%d", `[0-9]+`)
		out = append(out, regexp.MustCompile("^"+q+"$"))
	}
	for _, o := range otherServices {
		out = append(out, regexp.MustCompile("^"+regexp.QuoteMeta(strings.Replace(probOtherService, "%s", o.name, 1))+"$"))
	}
	return out
}()

// assertNoLeak checks that every problem is a fixed template and does not
// contain the token (unless the "token" is itself a piece of fixed text).
func assertNoLeak(t *testing.T, problems []string, raw, cleaned string) {
	t.Helper()
	for _, p := range problems {
		ok := false
		for _, re := range templates {
			if re.MatchString(p) {
				ok = true
				break
			}
		}
		if !ok {
			t.Errorf("problem %q is not one of the fixed templates", p)
		}
		for _, secret := range []string{cleaned, strings.TrimSpace(raw)} {
			if len(secret) >= 8 && strings.Contains(p, secret) && !inTemplates(secret) {
				t.Errorf("problem %q contains the token", p)
			}
		}
	}
}

func inTemplates(s string) bool {
	for _, re := range templates {
		if strings.Contains(re.String(), regexp.QuoteMeta(s)) {
			return true
		}
	}
	return false
}

func FuzzCheck(f *testing.F) {
	for _, s := range []string{ntnTok, secretTok, "Bearer " + ntnTok, `"` + ntnTok + "\"\n", `\"x\"`, "NOTION_TOKEN=", "${X}",
		"%A%", "secret_", "ntn_xxx", "sk-ant-", "https://notion.so/x", "'\"`", "\u200b", "bearer bearer "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		cleaned, fm := Check(raw)
		if !strings.Contains(raw, cleaned) {
			t.Errorf("cleaned value %q is not taken from the input", cleaned)
		}
		switch fm.Kind {
		case KindInternal, KindLegacyInternal, KindUnrecognised:
		default:
			t.Errorf("kind %q", fm.Kind)
		}
		assertNoLeak(t, fm.Problems, raw, cleaned)
		assertFingerprintSafe(t, cleaned)
	})
}
