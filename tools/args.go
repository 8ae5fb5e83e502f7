package tools

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/notion-mcp/notion-mcp/internal/rawjson"
	"github.com/notion-mcp/notion-mcp/internal/token"
)

// bindArgs decodes a tool call's arguments into A and says, in words the
// model can act on, which argument is unknown, missing or of the wrong type.
// rawJSON is the arguments as the client sent them (mcp-go keeps them in
// CallToolParams.RawArguments; the stdio loop's direct path sets only
// them); raw is mcp-go's decoded map, read only when rawJSON is empty (a
// call made in process). The names are checked exactly, before A is decoded
// once: encoding/json alone would match them case-insensitively.
func bindArgs[A any](tool string, raw any, rawJSON json.RawMessage) (A, error) {
	var args A
	fields := cachedArgFields(reflect.TypeFor[A]())
	names, err := argNames(raw, rawJSON)
	if err != nil {
		return args, fmt.Errorf("%s takes its arguments as a JSON object (%s)", tool, describe(fields))
	}
	var unknown, missing []string
	for _, k := range names {
		if _, ok := fields[k]; !ok {
			unknown = append(unknown, k)
		}
	}
	for name, f := range fields {
		if f.required && !slices.Contains(names, name) {
			missing = append(missing, name)
		}
	}
	sort.Strings(unknown)
	unknown = slices.Compact(unknown) // a name sent twice is named once
	sort.Strings(missing)
	switch {
	case len(unknown) > 0:
		return args, fmt.Errorf("unknown argument %s for %s; it takes %s", quoteAll(unknown), tool, describe(fields))
	case len(missing) > 0:
		return args, fmt.Errorf("missing required argument %s for %s; it takes %s", quoteAll(missing), tool, describe(fields))
	}
	b := []byte(rawJSON)
	if len(b) == 0 {
		if b, err = json.Marshal(raw); err != nil {
			return args, fmt.Errorf("arguments of %s are not valid JSON: %v", tool, err)
		}
	}
	if err := json.Unmarshal(b, &args); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			want := te.Type.Kind().String()
			if f, ok := fields[te.Field]; ok {
				want = f.kind
			}
			return *new(A), fmt.Errorf("argument %q of %s must be %s, not %s", te.Field, tool, article(want), article(te.Value))
		}
		return *new(A), fmt.Errorf("arguments of %s could not be read: %v", tool, err)
	}
	return args, nil
}

// errNotObject: the arguments are not a JSON object.
var errNotObject = errors.New("the arguments are not a JSON object")

// argNames lists the argument names sent, duplicates included: from
// rawJSON when set (null counts as no arguments), else from raw (nil counts
// as none).
func argNames(raw any, rawJSON json.RawMessage) ([]string, error) {
	if len(rawJSON) > 0 {
		names, err := rawjson.Keys(rawJSON)
		if errors.Is(err, rawjson.ErrNotObject) && string(bytes.TrimSpace(rawJSON)) == "null" {
			return nil, nil
		}
		if err != nil {
			return nil, errNotObject
		}
		return names, nil
	}
	if raw == nil {
		return nil, nil
	}
	m, ok := raw.(map[string]any)
	if !ok {
		return nil, errNotObject
	}
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	return names, nil
}

type argField struct {
	required bool
	kind     string
}

// argFieldsCache holds argFields of each argument type, built at its first
// call. Bounded by the argument types in the program (one per tool).
var argFieldsCache sync.Map // reflect.Type → map[string]argField, never modified

func cachedArgFields(t reflect.Type) map[string]argField {
	if f, ok := argFieldsCache.Load(t); ok {
		return f.(map[string]argField)
	}
	f, _ := argFieldsCache.LoadOrStore(t, argFields(t))
	return f.(map[string]argField)
}

func argFields(t reflect.Type) map[string]argField {
	out := map[string]argField{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			for k, v := range argFields(f.Type) {
				out[k] = v
			}
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		kind := "string"
		switch f.Type.Kind() {
		case reflect.Bool:
			kind = "boolean"
		case reflect.Int, reflect.Int64, reflect.Int32:
			kind = "integer"
		case reflect.Float64:
			kind = "number"
		}
		out[name] = argField{required: !strings.Contains(opts, "omitempty") && !strings.Contains(opts, "omitzero"), kind: kind}
	}
	return out
}

func describe(fields map[string]argField) string {
	names := make([]string, 0, len(fields))
	for n, f := range fields {
		s := n + " (" + f.kind
		if f.required {
			s += ", required"
		}
		names = append(names, s+")")
	}
	sort.Strings(names)
	if len(names) == 0 {
		return "no arguments"
	}
	return strings.Join(names, ", ")
}

// quoteAll quotes argument names for a message. A "name" that is long, holds
// "=" or looks like a token is someone's value typed in the wrong place: it is
// not echoed.
func quoteAll(s []string) string {
	q := make([]string, len(s))
	for i, v := range s {
		if len(v) > 40 || strings.ContainsAny(v, "= \t\n") || token.MentionsPrefix(v) {
			q[i] = "(a name that looks like a value; not shown)"
			continue
		}
		q[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(q, ", ")
}

// article puts "a" or "an" before a JSON type name.
func article(kind string) string {
	if strings.IndexByte("aeiou", kind[0]) >= 0 {
		return "an " + kind
	}
	return "a " + kind
}
