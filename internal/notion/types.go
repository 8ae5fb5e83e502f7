package notion

import (
	"encoding/json"
	"errors"
	"strings"
)

// User is a Notion user; for GET /v1/users/me, the integration's bot, or
// for a personal access token the person who made it.
type User struct {
	ID    string
	Name  string // the integration's name for a bot, the person's name for a PAT
	Type  string // "bot" or "person"
	Bot   *Bot   // set when Type is "bot"
	Email string // person.email, when Type is "person"
}

// Kinds of token, as told by users/me.
const (
	KindInternal = "internal"              // a bot owned by the workspace: an internal integration (connection)
	KindPublic   = "public"                // a bot owned by a user: a public (OAuth) integration's token
	KindPAT      = "personal_access_token" // a person: a personal access token
	KindUnknown  = "unknown"               // a bot with another owner type
)

// Kind says what kind of token answered users/me. users/me returns the
// person for a personal access token (developers.notion.com/guides/get-started/personal-access-tokens)
// and the bot otherwise, whose owner is the workspace for an internal
// integration and a user for a public one (reference: the bot user object).
func (u *User) Kind() string {
	switch {
	case u == nil:
		return KindUnknown
	case u.Type == "person":
		return KindPAT
	case u.Bot != nil && u.Bot.OwnerType == "workspace":
		return KindInternal
	case u.Bot != nil && u.Bot.OwnerType == "user":
		return KindPublic
	}
	return KindUnknown
}

// IsPAT reports a personal access token: it acts as its person, so nothing
// is shared with it through Add connections.
func (u *User) IsPAT() bool { return u != nil && u.Type == "person" }

// Bot holds the bot fields that identify the integration's workspace.
type Bot struct {
	OwnerType     string // "workspace" (internal integration) or "user"
	WorkspaceName string // may be empty (Notion sends null)
	WorkspaceID   string
}

// Parent is where an object lives. ID is dashed. DatabaseID is the database
// the object belongs to, for database_id parents (a data source, or a row
// under 2022-06-28) and data_source_id parents (a row under 2025-09-03+).
type Parent struct {
	Type       string // workspace | page_id | database_id | data_source_id | block_id
	ID         string
	DatabaseID string
}

// Page is a page. Title is the plain text of its property of type "title".
// Partial means Notion sent a stub ({"object","id"} and little else), which is
// what an integration without the Read content capability receives.
type Page struct {
	ID             string
	URL            string
	Title          string
	Parent         Parent
	InTrash        bool // in_trash, or the legacy archived
	LastEditedTime string
	Partial        bool
}

// Database is a database. DataSources is set only by 2025-09-03 and later.
type Database struct {
	ID             string
	Title          string
	URL            string
	Parent         Parent
	IsInline       *bool
	InTrash        bool
	LastEditedTime string
	DataSources    []DataSourceRef
	// NoDataSources: the answer listed "data_sources": [] — none this token
	// can use. Under 2025-09-03 that is how a linked database answers
	// (NOTION_API_NOTES "Linked databases"), or a database none of whose
	// data sources is shared.
	NoDataSources bool
	Partial       bool
}

// View is a database view (GET /v1/views/{id}, 2025-09-03+): the ?v= of a
// link, with the database it belongs to and the data source it shows.
type View struct {
	ID           string
	Name         string
	Type         string // table, board, …
	DatabaseID   string // parent.database_id
	DataSourceID string // "" for dashboard views
	URL          string
	Partial      bool
}

// DataSourceRef is an entry of a database's data_sources.
type DataSourceRef struct {
	ID   string
	Name string
}

// DataSource is a data source (2025-09-03+). Parent is its database;
// DatabaseParent is that database's parent.
type DataSource struct {
	ID             string
	Name           string
	URL            string
	Parent         Parent
	DatabaseParent Parent
	InTrash        bool
	LastEditedTime string
	Partial        bool
}

// Block is a block. Title is set for child_page and child_database blocks.
type Block struct {
	ID          string
	Type        string
	Parent      Parent
	HasChildren bool
	Title       string
	InTrash     bool
	Partial     bool
}

// BlockList is one page of a block's children.
type BlockList struct {
	Results    []Block
	NextCursor string
	HasMore    bool
}

// SearchPage is one page of search results.
type SearchPage struct {
	Results    []Object
	NextCursor string
	HasMore    bool
	// Incomplete: the answer's request_status says "incomplete" (an object
	// {"type":"incomplete",…} per notion-sdk-js RequestStatusResponse, or
	// the bare string): Notion left results out.
	Incomplete bool
}

// incomplete reads a list's request_status in either shape.
func (o rawObj) incomplete() bool {
	if o.str("request_status") == "incomplete" {
		return true
	}
	return o.obj("request_status").str("type") == "incomplete"
}

// Object is one search result: Kind says which pointer is set. Results of
// another kind keep their Kind with every pointer nil.
type Object struct {
	Kind       string // page | database | data_source
	Page       *Page
	Database   *Database
	DataSource *DataSource
}

// rawObj is a JSON object read leniently: a field of the wrong type reads as
// its zero value instead of failing the whole object.
type rawObj map[string]json.RawMessage

func parseObj(b []byte) (rawObj, error) {
	var o rawObj
	if err := json.Unmarshal(b, &o); err != nil {
		return nil, err
	}
	if o == nil {
		return nil, errors.New("null")
	}
	return o, nil
}

// obj parses b, or returns nil (which reads as empty).
func obj(b []byte) rawObj {
	o, _ := parseObj(b)
	return o
}

func (o rawObj) has(k string) bool {
	v, ok := o[k]
	return ok && string(v) != "null"
}

func (o rawObj) str(k string) string {
	var s string
	_ = json.Unmarshal(o[k], &s)
	return s
}

func (o rawObj) boolean(k string) bool {
	var b bool
	_ = json.Unmarshal(o[k], &b)
	return b
}

func (o rawObj) obj(k string) rawObj { return obj(o[k]) }

func (o rawObj) arr(k string) []json.RawMessage {
	var a []json.RawMessage
	_ = json.Unmarshal(o[k], &a)
	return a
}

func (o rawObj) inTrash() bool { return o.boolean("in_trash") || o.boolean("archived") }

// partial: every full page, database, data source and block carries
// last_edited_time; the stubs sent without Read content do not.
func (o rawObj) partial() bool { return !o.has("last_edited_time") }

// plainText joins a rich text array's plain_text (or text.content).
func plainText(items []json.RawMessage) string {
	var b strings.Builder
	for _, it := range items {
		o := obj(it)
		if o.has("plain_text") {
			b.WriteString(o.str("plain_text"))
		} else {
			b.WriteString(o.obj("text").str("content"))
		}
	}
	return b.String()
}

func decodeParent(o rawObj) Parent {
	p := Parent{Type: o.str("type")}
	if p.Type != "" && p.Type != "workspace" {
		p.ID = normID(o.str(p.Type))
	}
	switch p.Type {
	case "data_source_id":
		p.DatabaseID = normID(o.str("database_id"))
	case "database_id":
		p.DatabaseID = p.ID
	}
	return p
}

func decodeUser(o rawObj) *User {
	u := &User{ID: normID(o.str("id")), Name: o.str("name"), Type: o.str("type")}
	if u.Type == "person" {
		u.Email = o.obj("person").str("email")
	}
	if u.Type == "bot" {
		b := o.obj("bot")
		u.Bot = &Bot{OwnerType: b.obj("owner").str("type"), WorkspaceName: b.str("workspace_name"), WorkspaceID: normID(b.str("workspace_id"))}
	}
	return u
}

func decodePage(o rawObj) *Page {
	p := &Page{ID: normID(o.str("id")), URL: o.str("url"), Parent: decodeParent(o.obj("parent")),
		InTrash: o.inTrash(), LastEditedTime: o.str("last_edited_time"), Partial: o.partial()}
	for _, raw := range o.obj("properties") {
		if prop := obj(raw); prop.str("type") == "title" {
			p.Title = plainText(prop.arr("title"))
			break
		}
	}
	return p
}

func decodeDatabase(o rawObj) *Database {
	d := &Database{ID: normID(o.str("id")), Title: plainText(o.arr("title")), URL: o.str("url"),
		Parent: decodeParent(o.obj("parent")), InTrash: o.inTrash(), LastEditedTime: o.str("last_edited_time"), Partial: o.partial()}
	if o.has("is_inline") {
		v := o.boolean("is_inline")
		d.IsInline = &v
	}
	for _, raw := range o.arr("data_sources") {
		ds := obj(raw)
		d.DataSources = append(d.DataSources, DataSourceRef{ID: normID(ds.str("id")), Name: ds.str("name")})
	}
	d.NoDataSources = o.has("data_sources") && len(d.DataSources) == 0
	return d
}

func decodeView(o rawObj) *View {
	p := decodeParent(o.obj("parent"))
	return &View{ID: normID(o.str("id")), Name: o.str("name"), Type: o.str("type"), DatabaseID: p.DatabaseID,
		DataSourceID: normID(o.str("data_source_id")), URL: o.str("url"), Partial: !o.has("parent")}
}

func decodeDataSource(o rawObj) *DataSource {
	ds := &DataSource{ID: normID(o.str("id")), Name: plainText(o.arr("title")), URL: o.str("url"),
		Parent: decodeParent(o.obj("parent")), DatabaseParent: decodeParent(o.obj("database_parent")),
		InTrash: o.inTrash(), LastEditedTime: o.str("last_edited_time"), Partial: o.partial()}
	if ds.Name == "" {
		ds.Name = o.str("name")
	}
	return ds
}

func decodeBlock(o rawObj) Block {
	b := Block{ID: normID(o.str("id")), Type: o.str("type"), Parent: decodeParent(o.obj("parent")),
		HasChildren: o.boolean("has_children"), InTrash: o.inTrash(), Partial: o.partial()}
	if b.Type == "child_page" || b.Type == "child_database" {
		b.Title = o.obj(b.Type).str("title")
	}
	return b
}

func decodeObject(o rawObj) Object {
	r := Object{Kind: o.str("object")}
	switch r.Kind {
	case "page":
		r.Page = decodePage(o)
	case "database":
		r.Database = decodeDatabase(o)
	case "data_source":
		r.DataSource = decodeDataSource(o)
	}
	return r
}
