package sandbox

import (
	"encoding/json"
	"hash/fnv"
)

// tableSchema describes a data source's columns: a title, a select and a date.
type tableSchema struct {
	title, sel, date string
	options          []string
}

var optionColors = []string{"gray", "blue", "green", "yellow", "red", "purple"}

// propID imitates Notion's short, URL-escaped property IDs.
func propID(name string) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	h := fnv.New32a()
	h.Write([]byte(name))
	n := h.Sum32()
	b := make([]byte, 4)
	for i := range b {
		b[i] = alphabet[n%uint32(len(alphabet))]
		n /= uint32(len(alphabet))
	}
	return "%3A" + string(b)
}

func optionID(name string) string {
	return hashID("option/" + name)[:8] + hashID("option/" + name)[9:13]
}

func mustJSON(v any) json.RawMessage { return encode(v) }

// obj is a JSON object that keeps its keys in the order given, as Notion's
// examples show them (maps would sort them).
type obj []kv

type kv struct {
	k string
	v any
}

// MarshalJSON writes the members in order.
func (o obj) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for i, m := range o {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, encode(m.k)...)
		b = append(b, ':')
		b = append(b, encode(m.v)...)
	}
	return append(b, '}'), nil
}

// schemaJSON is the "properties" object of a data source (or of a database
// under 2022-06-28).
func (s tableSchema) schemaJSON() json.RawMessage {
	opts := make([]obj, len(s.options))
	for i, o := range s.options {
		opts[i] = obj{{"id", optionID(o)}, {"name", o}, {"color", optionColors[i%len(optionColors)]}, {"description", nil}}
	}
	column := func(id, name, typ string, config any) obj {
		return obj{{"id", id}, {"name", name}, {"description", ""}, {"type", typ}, {typ, config}}
	}
	return mustJSON(obj{
		{s.title, column("title", s.title, "title", struct{}{})},
		{s.sel, column(propID(s.sel), s.sel, "select", obj{{"options", opts}})},
		{s.date, column(propID(s.date), s.date, "date", struct{}{})},
	})
}

// rowJSON is the "properties" object of a row of a data source with schema s.
func (s tableSchema) rowJSON(title, option, date string) json.RawMessage {
	color := "default"
	for i, o := range s.options {
		if o == option {
			color = optionColors[i%len(optionColors)]
		}
	}
	return mustJSON(obj{
		{s.title, obj{{"id", "title"}, {"type", "title"}, {"title", richText(title)}}},
		{s.sel, obj{{"id", propID(s.sel)}, {"type", "select"},
			{"select", obj{{"id", optionID(option)}, {"name", option}, {"color", color}}}}},
		{s.date, obj{{"id", propID(s.date)}, {"type", "date"},
			{"date", obj{{"start", date}, {"end", nil}, {"time_zone", nil}}}}},
	})
}

// pageTitleJSON is the "properties" object of a page outside any database.
func pageTitleJSON(title string) json.RawMessage {
	return mustJSON(obj{{"title", obj{{"id", "title"}, {"type", "title"}, {"title", richText(title)}}}})
}
