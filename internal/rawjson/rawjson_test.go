package rawjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
)

var stringSeeds = []string{
	"", "plain", `a "quoted" \ back`, "<b>&amp;</b>", "\b\f\n\r\t\x00\x1f\x7f",
	"é ü 日本 🙂", "\u2028\u2029", "bad \xff utf-8 \xe2\x28\xa1", "\xed\xa0\x80 surrogate",
	`{"id":"c6eda3ce-7299-81de-014c-afc354107b25","url":"https://www.notion.so/x?v=1&p=2"}`,
}

func TestAppendStringIsMarshal(t *testing.T) {
	for _, s := range stringSeeds {
		checkString(t, s)
	}
	for b := range 256 {
		checkString(t, string([]byte{'a', byte(b), 'z'}))
	}
}

func FuzzAppendString(f *testing.F) {
	for _, s := range stringSeeds {
		f.Add(s)
	}
	f.Fuzz(checkString)
}

func checkString(t *testing.T, s string) {
	want, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if got := AppendString([]byte("x"), s); string(got) != "x"+string(want) {
		t.Fatalf("AppendString(%q) = %s, json.Marshal gives %s", s, got[1:], want)
	}
}

func TestCompactMarshalsAsIs(t *testing.T) {
	in := Compact(`{"a":[1,"<&>"]}`)
	got, err := json.Marshal(struct{ V Compact }{in})
	if err != nil || string(got) != `{"V":{"a":[1,"\u003c\u0026\u003e"]}}` {
		t.Errorf("got %s, %v", got, err)
	}
	got, err = json.Marshal(struct{ V Compact }{})
	if err != nil || string(got) != `{"V":null}` {
		t.Errorf("empty: got %s, %v", got, err)
	}
}

var keySeeds = []string{
	`{}`, ` { } `, `{"input":"x"}`, `{"a":1,"b":[1,{"c":"}"}],"a":null}`, `{"\u0061":true,"é":"\"","":{}}`,
	`{"x":"\\","y":-1.5e3,"z":[[],[[]]]}`, `null`, `[1]`, `"s"`, `12`, "{\"bad\xff\":1}",
	`{"a":{"b":{"c":"d"}},"e":"f"}`, `{"a" : "b" , "c" : [ 1 , 2 ] }`,
}

func TestKeys(t *testing.T) {
	for _, s := range keySeeds {
		checkKeys(t, []byte(s))
	}
	got, err := Keys([]byte(`{"b":1,"a":{"x":2},"b":3}`))
	if err != nil || !slices.Equal(got, []string{"b", "a", "b"}) {
		t.Errorf("got %q, %v", got, err)
	}
	if _, err := Keys([]byte(`[{"a":1}]`)); !errors.Is(err, ErrNotObject) {
		t.Errorf("array: %v, want ErrNotObject", err)
	}
}

func FuzzKeys(f *testing.F) {
	for _, s := range keySeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !json.Valid(data) {
			Keys(data) // must not panic; the answer is unspecified
			return
		}
		checkKeys(t, data)
	})
}

// checkKeys holds Keys to encoding/json's reading of valid JSON: the
// member names in order, as its token stream gives them.
func checkKeys(t *testing.T, data []byte) {
	t.Helper()
	got, err := Keys(data)
	want, values, isObject := tokenKeys(t, data)
	if !isObject {
		if !errors.Is(err, ErrNotObject) {
			t.Fatalf("Keys(%s) = %q, %v; want ErrNotObject", data, got, err)
		}
		return
	}
	if err != nil || !slices.Equal(got, want) {
		t.Fatalf("Keys(%s) = %q, %v; want %q", data, got, err, want)
	}
	var gotValues []string // and each value as written
	if err := Members(data, func(_, v []byte) bool { gotValues = append(gotValues, string(v)); return true }); err != nil {
		t.Fatalf("Members(%s): %v", data, err)
	}
	if !slices.Equal(gotValues, values) {
		t.Fatalf("Members(%s) values %q, want %q", data, gotValues, values)
	}
	var m map[string]json.RawMessage // and the keys a map gets
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range got {
		if _, ok := m[k]; !ok {
			t.Fatalf("Keys(%s): %q is not a key of the decoded map", data, k)
		}
	}
}

func tokenKeys(t *testing.T, data []byte) (keys, values []string, isObject bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		t.Fatal(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, nil, false
	}
	keys = []string{}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k.(string))
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
		values = append(values, string(v))
	}
	if _, err := dec.Token(); err != nil && err != io.EOF {
		t.Fatal(err)
	}
	return keys, values, true
}

func TestPlainString(t *testing.T) {
	for _, raw := range []string{`""`, `"2.0"`, `"tools/call"`, `"a\"b"`, `"\u0041"`, `"é"`, `"a\\b"`, `"<&>"`} {
		s, ok := PlainString([]byte(raw))
		var want string
		if err := json.Unmarshal([]byte(raw), &want); err != nil {
			t.Fatal(err)
		}
		if ok && s != want {
			t.Errorf("PlainString(%s) = %q, want %q", raw, s, want)
		}
		if plain := !strings.ContainsAny(raw[1:len(raw)-1], "\\\"é"); ok != plain {
			t.Errorf("PlainString(%s): ok %v, want %v", raw, ok, plain)
		}
	}
}
