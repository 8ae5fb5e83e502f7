package token

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/rs/zerolog"
)

func TestFingerprint(t *testing.T) {
	tests := []struct{ secret, want string }{
		{ntnTok, "ntn_…Z5cD"},
		{secretTok, "secret_…" + secretTok[46:]},
		// Not shaped like a Notion token: no character shown, only a
		// known prefix and a length class.
		{"abcdefghijklmnopqrstuvwxyz", "…(20-39 characters)"},
		{"AKIAIOSFODNN7EXAMPLEwJalrXUtnFEMIK7MDENGbPxRfiCY", "…(40-64 characters)"},
		{"abcdefghijklmno", "…(under 20 characters)"},
		{"ntn_abcdefgh", "ntn_…(under 20 characters)"},
		{ntnTok + "-x", "ntn_…(40-64 characters)"},
		{"secret_" + strings.Repeat("a1", 70), "secret_…(over 128 characters)"},
		{"", "(no token)"},
		{"abcdefghijklmnop\"\n\x00z", "…(20-39 characters)"}, // never prints quotes or control bytes
		// Plausible but not the documented shape: sent, so fingerprinted.
		{"ntn_" + strings.Repeat("Ab3", 20), "ntn_…3Ab3"},
	}
	for _, tt := range tests {
		if got := Fingerprint(tt.secret); got != tt.want {
			t.Errorf("Fingerprint(%d chars) = %q, want %q", len(tt.secret), got, tt.want)
		}
		assertFingerprintSafe(t, tt.secret)
	}
}

// assertFingerprintSafe checks the fingerprint reveals at most a known prefix
// and the last 4 characters.
func assertFingerprintSafe(t *testing.T, secret string) {
	t.Helper()
	fp := Fingerprint(secret)
	if secret == "" {
		return
	}
	rest := fp
	for _, p := range Prefixes {
		if strings.HasPrefix(secret, p) {
			rest = strings.TrimPrefix(fp, p)
			break
		}
	}
	revealed, ok := strings.CutPrefix(rest, "…")
	if !ok {
		t.Fatalf("fingerprint %q has no ellipsis", fp)
	}
	if !Plausible(secret) {
		if revealed != "("+lengthClass(len(secret))+")" {
			t.Fatalf("fingerprint %q of a value not shaped like a token reveals %q", fp, revealed)
		}
		return
	}
	if len(revealed) > 4 || !strings.HasSuffix(secret, revealed) {
		t.Fatalf("fingerprint %q reveals %q", fp, revealed)
	}
}

type holder struct {
	Exported   *Token
	unexported Token
	ptr        *Token
}

func TestTokenNeverPrintsSecret(t *testing.T) {
	tok := New("Bearer "+ntnTok+"\n", "env:NOTION_TOKEN")
	if tok.Value() != ntnTok {
		t.Fatalf("Value() not cleaned")
	}
	h := holder{Exported: tok, unexported: *tok, ptr: tok}
	var outputs []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%T"} {
		for _, arg := range []any{tok, *tok, h, &h, []Token{*tok}, map[string]*Token{"k": tok}} {
			outputs = append(outputs, fmt.Sprintf(verb, arg))
		}
	}
	outputs = append(outputs, fmt.Sprint(tok), fmt.Sprintln(*tok))
	for _, v := range []any{tok, *tok, h, map[string]Token{"k": *tok}} {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		outputs = append(outputs, string(b))
	}
	var zbuf bytes.Buffer
	zl := zerolog.New(&zbuf).Level(zerolog.TraceLevel)
	zl.Info().Object("token", tok).Interface("iface", tok).Any("any", *tok).Stringer("str", tok).Msg("x")
	zl.Debug().Interface("holder", h).Msg("y")
	outputs = append(outputs, zbuf.String())
	var sbuf bytes.Buffer
	slog.New(slog.NewJSONHandler(&sbuf, nil)).Info("x", "token", *tok, "ptr", tok)
	slog.New(slog.NewTextHandler(&sbuf, nil)).Info("x", "token", *tok)
	outputs = append(outputs, sbuf.String())

	hexSecret := hex.EncodeToString([]byte(ntnTok))
	for _, out := range outputs {
		if strings.Contains(out, ntnTok[4:]) || strings.Contains(strings.ToLower(out), hexSecret[8:40]) || strings.Contains(out, ntnTok[10:30]) {
			t.Errorf("output leaks the secret: %s", out)
		}
	}
	if !strings.Contains(zbuf.String(), `"fingerprint":"ntn_…Z5cD"`) || !strings.Contains(zbuf.String(), `"source":"env:NOTION_TOKEN"`) {
		t.Errorf("zerolog object = %s", zbuf.String())
	}
	if got := fmt.Sprintf("%v", tok); got != "ntn_…Z5cD" {
		t.Errorf("%%v = %q", got)
	}
}

func TestTokenAccessors(t *testing.T) {
	lit := New(ntnTok, SourceArgument)
	if !lit.Literal() || lit.Source() != "argument" || lit.Format().Kind != KindInternal || !lit.Format().OK() {
		t.Errorf("literal token: %v %q %+v", lit.Literal(), lit.Source(), lit.Format())
	}
	env := New(`"`+secretTok+`"`, "env:NOTION_API_KEY")
	if env.Literal() || env.Format().Kind != KindLegacyInternal || env.Format().OK() {
		t.Errorf("env token: %v %+v", env.Literal(), env.Format())
	}
	// Format returns a copy: callers cannot edit the token's problems.
	env.Format().Problems[0] = "changed"
	if env.Format().Problems[0] == "changed" {
		t.Errorf("Format() shares its slice")
	}
	var zero Token
	if !zero.IsZero() || zero.Value() != "" || zero.String() != "(no token)" || zero.Source() != "" {
		t.Errorf("zero token misbehaves")
	}
}
