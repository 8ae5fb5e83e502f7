package sandbox

import (
	"encoding/json"
	"strings"
)

// search is POST /v1/search. Results are what is shared with the
// integration, not in the trash, matching the query (a case-insensitive
// substring of the title; a data source also matches its database's title),
// by last_edited_time descending (or ascending) then ID. Under 2022-06-28
// they are pages and single-source databases, from 2025-09-03 on pages and
// data sources. The cursor is the ID of the next result.
func (w *Workspace) search(in *integration, v version, body []byte) (any, *apiError) {
	fields, err := bodyFields(body)
	if err != nil {
		return nil, err
	}
	query, err := stringField(fields, "query")
	if err != nil {
		return nil, err
	}
	filter, err := searchFilter(fields, v)
	if err != nil {
		return nil, err
	}
	ascending, err := searchSort(fields)
	if err != nil {
		return nil, err
	}
	cursor, size, err := paging(fields)
	if err != nil {
		return nil, err
	}
	idx := &w.indexes[0]
	if v.dataSources() {
		idx = &w.indexes[1]
	}
	p, step := 0, 1
	if ascending {
		p, step = len(idx.list)-1, -1
	}
	if cursor != "" {
		id, _ := parseID(cursor)
		pos, ok := idx.pos[id]
		if !ok {
			return nil, errValidation(MsgInvalidCursor(cursor))
		}
		p = pos
	}
	q := strings.ToLower(query)
	kind := filterKinds[filter] // 0 (any) without a filter
	l := newList(false, v)
	for ; p >= 0 && p < len(idx.list); p += step {
		o := idx.list[p]
		if (kind != 0 && o.kind != kind) || !in.bot.canSee(o) || !titleMatches(o, q) {
			continue
		}
		if len(l.items) == size {
			l.next = o.id
			break
		}
		l.items = append(l.items, o.json(v, in.stripped(), false))
	}
	return l, nil
}

// filterKinds maps search filter values to the kind they select.
var filterKinds = map[string]kind{"page": kindPage, "database": kindDatabase, "data_source": kindDataSource}

func titleMatches(o *object, q string) bool {
	if q == "" || strings.Contains(o.lower, q) {
		return true
	}
	return o.kind == kindDataSource && strings.Contains(o.parent.lower, q)
}

// searchFilter validates {"property":"object","value":…} for version v.
func searchFilter(fields map[string]json.RawMessage, v version) (string, *apiError) {
	raw, ok := fields["filter"]
	if !ok || string(raw) == "null" {
		return "", nil
	}
	var f map[string]json.RawMessage
	if json.Unmarshal(raw, &f) != nil || f == nil {
		return "", errValidation("body failed validation: body.filter should be an object or `undefined`, instead was `" + string(raw) + "`.")
	}
	prop, err := requiredString(f, "filter.property")
	if err != nil {
		return "", err
	}
	if prop != "object" {
		return "", errValidation(`body failed validation: body.filter.property should be "object", instead was ` + jsQuote(prop) + ".")
	}
	value, err := requiredString(f, "filter.value")
	if err != nil {
		return "", err
	}
	other := "database"
	if v.dataSources() {
		other = "data_source"
	}
	if value != "page" && value != other {
		return "", errValidation(`body failed validation: body.filter.value should be "page" or "` + other + `", instead was ` + jsQuote(value) + ".")
	}
	return value, nil
}

// searchSort validates {"direction":…,"timestamp":"last_edited_time"} and
// reports whether it asks for ascending order.
func searchSort(fields map[string]json.RawMessage) (bool, *apiError) {
	raw, ok := fields["sort"]
	if !ok || string(raw) == "null" {
		return false, nil
	}
	var s map[string]json.RawMessage
	if json.Unmarshal(raw, &s) != nil || s == nil {
		return false, errValidation("body failed validation: body.sort should be an object or `undefined`, instead was `" + string(raw) + "`.")
	}
	ts, err := requiredString(s, "sort.timestamp")
	if err != nil {
		return false, err
	}
	if ts != "last_edited_time" {
		return false, errValidation(`body failed validation: body.sort.timestamp should be "last_edited_time", instead was ` + jsQuote(ts) + ".")
	}
	dir, err := requiredString(s, "sort.direction")
	if err != nil {
		return false, err
	}
	if dir != "ascending" && dir != "descending" {
		return false, errValidation(`body failed validation: body.sort.direction should be "ascending" or "descending", instead was ` + jsQuote(dir) + ".")
	}
	return dir == "ascending", nil
}

// requiredString reads the last element of a dotted body path as a string.
func requiredString(obj map[string]json.RawMessage, path string) (string, *apiError) {
	name := path[strings.LastIndexByte(path, '.')+1:]
	raw, ok := obj[name]
	if !ok {
		return "", errValidation("body failed validation: body." + path + " should be defined, instead was `undefined`.")
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return "", errValidation("body failed validation: body." + path + " should be a string, instead was `" + string(raw) + "`.")
	}
	return s, nil
}
