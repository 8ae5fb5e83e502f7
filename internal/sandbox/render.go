package sandbox

import "encoding/json"

// version is a Notion-Version the sandbox serves.
type version uint8

const (
	v20220628 version = iota + 1
	v20250903
	v20260311
)

// Supported API versions (the Notion-Version header values).
const (
	Version20220628 = "2022-06-28" // databases hold the schema; search speaks page/database
	Version20250903 = "2025-09-03" // data sources; search speaks page/data_source
	Version20260311 = "2026-03-11" // as 2025-09-03, with "archived" dropped for "in_trash"
)

func parseVersion(s string) (version, bool) {
	switch s {
	case Version20220628:
		return v20220628, true
	case Version20250903:
		return v20250903, true
	case Version20260311:
		return v20260311, true
	}
	return 0, false
}

// dataSources reports whether v has data sources (2025-09-03 and later).
func (v version) dataSources() bool { return v >= v20250903 }

// archived returns the legacy "archived" flag for versions that still send it.
func (v version) archived(inTrash bool) *bool {
	if v >= v20260311 {
		return nil
	}
	return &inTrash
}

// JSON shapes, with fields in the order Notion's reference shows them.
type (
	jUser struct {
		Object string `json:"object"`
		ID     string `json:"id"`
	}
	jParent struct {
		Type         string `json:"type"`
		Workspace    bool   `json:"workspace,omitempty"`
		PageID       string `json:"page_id,omitempty"`
		DataSourceID string `json:"data_source_id,omitempty"`
		DatabaseID   string `json:"database_id,omitempty"`
		BlockID      string `json:"block_id,omitempty"`
	}
	jIcon struct {
		Type  string `json:"type"`
		Emoji string `json:"emoji"`
	}
	jText struct {
		Content string  `json:"content"`
		Link    *string `json:"link"`
	}
	jAnnotations struct {
		Bold          bool   `json:"bold"`
		Italic        bool   `json:"italic"`
		Strikethrough bool   `json:"strikethrough"`
		Underline     bool   `json:"underline"`
		Code          bool   `json:"code"`
		Color         string `json:"color"`
	}
	jRichText struct {
		Type        string       `json:"type"`
		Text        jText        `json:"text"`
		Annotations jAnnotations `json:"annotations"`
		PlainText   string       `json:"plain_text"`
		Href        *string      `json:"href"`
	}
	// jHead is the opening every page, database and data source object
	// shares (developers.notion.com/reference/page, /database, /data-source).
	jHead struct {
		Object         string `json:"object"`
		ID             string `json:"id"`
		CreatedTime    string `json:"created_time"`
		LastEditedTime string `json:"last_edited_time"`
		CreatedBy      jUser  `json:"created_by"`
		LastEditedBy   jUser  `json:"last_edited_by"`
	}
	// jTitled follows jHead in databases and data sources.
	jTitled struct {
		Title       []jRichText `json:"title"`
		Description []jRichText `json:"description"`
		Icon        *jIcon      `json:"icon"`
		Cover       *struct{}   `json:"cover"`
	}
	// jPlace follows the parent in databases and data sources: the link, and
	// whether it is trashed or inline.
	jPlace struct {
		URL       string  `json:"url"`
		PublicURL *string `json:"public_url"`
		Archived  *bool   `json:"archived,omitempty"`
		InTrash   bool    `json:"in_trash"`
		IsInline  bool    `json:"is_inline"`
	}
	// jRID closes every full object: the request_id the sandbox sets on a
	// response's top-level object (never on a stub or a list entry).
	jRID struct {
		RequestID string `json:"request_id,omitempty"`
	}
	jStub struct {
		Object string `json:"object"`
		ID     string `json:"id"`
	}
	jPage struct {
		jHead
		Cover      *struct{}       `json:"cover"`
		Icon       *jIcon          `json:"icon"`
		Parent     jParent         `json:"parent"`
		Archived   *bool           `json:"archived,omitempty"`
		InTrash    bool            `json:"in_trash"`
		IsLocked   bool            `json:"is_locked"`
		Properties json.RawMessage `json:"properties"`
		URL        string          `json:"url"`
		PublicURL  *string         `json:"public_url"`
		jRID
	}
	jDataSourceRef struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	jDatabase struct {
		jHead
		jTitled
		Properties  json.RawMessage   `json:"properties,omitempty"`
		DataSources *[]jDataSourceRef `json:"data_sources,omitempty"`
		Parent      jParent           `json:"parent"`
		jPlace
		IsLocked bool `json:"is_locked"`
		jRID
	}
	jDataSource struct {
		jHead
		jTitled
		Properties     json.RawMessage `json:"properties"`
		Parent         jParent         `json:"parent"`
		DatabaseParent jParent         `json:"database_parent"`
		jPlace
		jRID
	}
	jTitle struct {
		Title string `json:"title"`
	}
	jRichBlock struct {
		RichText     []jRichText `json:"rich_text"`
		IsToggleable *bool       `json:"is_toggleable,omitempty"`
		Color        string      `json:"color"`
	}
	jBlock struct {
		Object         string      `json:"object"`
		ID             string      `json:"id"`
		Parent         jParent     `json:"parent"`
		CreatedTime    string      `json:"created_time"`
		LastEditedTime string      `json:"last_edited_time"`
		CreatedBy      jUser       `json:"created_by"`
		LastEditedBy   jUser       `json:"last_edited_by"`
		HasChildren    bool        `json:"has_children"`
		Archived       *bool       `json:"archived,omitempty"`
		InTrash        bool        `json:"in_trash"`
		Type           string      `json:"type"`
		ChildPage      *jTitle     `json:"child_page,omitempty"`
		ChildDatabase  *jTitle     `json:"child_database,omitempty"`
		Paragraph      *jRichBlock `json:"paragraph,omitempty"`
		Heading2       *jRichBlock `json:"heading_2,omitempty"`
		jRID
	}
	jBot struct {
		Owner           jOwner  `json:"owner"`
		WorkspaceName   string  `json:"workspace_name"`
		WorkspaceID     string  `json:"workspace_id"`
		WorkspaceLimits jLimits `json:"workspace_limits"`
	}
	jOwner struct {
		Type      string `json:"type"`
		Workspace bool   `json:"workspace"`
	}
	jLimits struct {
		MaxFileUploadSizeInBytes int64 `json:"max_file_upload_size_in_bytes"`
	}
	// jPersonUser is users/me for a personal access token: the person
	// (developers.notion.com/guides/get-started/personal-access-tokens;
	// notion-sdk-js PersonUserObjectResponse).
	jPersonUser struct {
		Object    string  `json:"object"`
		ID        string  `json:"id"`
		Name      string  `json:"name"`
		AvatarURL *string `json:"avatar_url"`
		Type      string  `json:"type"`
		Person    jPerson `json:"person"`
		jRID
	}
	jPerson struct {
		Email string `json:"email"`
	}
	// jView is a view (developers.notion.com/reference/retrieve-a-view;
	// notion-sdk-js DataSourceViewObjectResponse), without the optional
	// filter, sorts and configuration.
	jView struct {
		Object         string  `json:"object"`
		ID             string  `json:"id"`
		Parent         jParent `json:"parent"`
		Name           string  `json:"name"`
		Type           string  `json:"type"`
		CreatedTime    string  `json:"created_time"`
		LastEditedTime string  `json:"last_edited_time"`
		URL            string  `json:"url"`
		DataSourceID   string  `json:"data_source_id"`
		CreatedBy      jUser   `json:"created_by"`
		LastEditedBy   jUser   `json:"last_edited_by"`
		jRID
	}
	jBotUser struct {
		Object    string  `json:"object"`
		ID        string  `json:"id"`
		Name      string  `json:"name"`
		AvatarURL *string `json:"avatar_url"`
		Type      string  `json:"type"`
		Bot       jBot    `json:"bot"`
		jRID
	}
)

// richText is one plain text run.
func richText(s string) []jRichText {
	return []jRichText{{
		Type:        "text",
		Text:        jText{Content: s},
		Annotations: jAnnotations{Color: "default"},
		PlainText:   s,
	}}
}

func user(id string) jUser { return jUser{Object: "user", ID: id} }

func (r *jRID) setRequestID(rid string) { r.RequestID = rid }

// place is o's jPlace, whose trash and inline flags are db's.
func (o *object) place(v version, db *object) jPlace {
	return jPlace{URL: o.url, Archived: v.archived(db.inTrash), InTrash: db.inTrash, IsInline: db.isInline}
}

// head is o's jHead, naming it as object.
func (o *object) head(object string) jHead {
	return jHead{
		Object: object, ID: o.id, CreatedTime: o.created, LastEditedTime: o.edited,
		CreatedBy: user(o.createdBy), LastEditedBy: user(o.editedBy),
	}
}

func (o *object) jIcon() *jIcon {
	if o.icon == "" {
		return nil
	}
	return &jIcon{Type: "emoji", Emoji: o.icon}
}

// apiParent is o's "parent" object as version v shows it.
func (o *object) apiParent(v version) jParent {
	p := o.parent
	switch {
	case p == nil:
		return jParent{Type: "workspace", Workspace: true}
	case p.kind == kindDatabase:
		return jParent{Type: "database_id", DatabaseID: p.id}
	case p.kind == kindDataSource && v.dataSources():
		return jParent{Type: "data_source_id", DataSourceID: p.id, DatabaseID: p.parent.id}
	case p.kind == kindDataSource:
		return jParent{Type: "database_id", DatabaseID: p.parent.id}
	case p.kind == kindBlock:
		return jParent{Type: "block_id", BlockID: p.id}
	}
	return jParent{Type: "page_id", PageID: p.id}
}

// render returns o as a page, database or data source object of version v,
// or its stub when the integration cannot read content.
func (o *object) render(v version, stripped bool) any {
	if stripped {
		return jStub{Object: o.objectName(), ID: o.id}
	}
	switch o.kind {
	case kindPage:
		return o.renderPage(v)
	case kindDatabase:
		return o.renderDatabase(v)
	case kindDataSource:
		return o.renderDataSource(v)
	}
	return o.renderBlock(v)
}

func (o *object) objectName() string {
	switch o.kind {
	case kindPage:
		return "page"
	case kindDatabase:
		return "database"
	case kindDataSource:
		return "data_source"
	}
	return "block"
}

func (o *object) renderPage(v version) *jPage {
	return &jPage{
		jHead: o.head("page"),
		Icon:  o.jIcon(), Parent: o.apiParent(v),
		Archived: v.archived(o.inTrash), InTrash: o.inTrash,
		Properties: o.props, URL: o.url,
	}
}

func (o *object) renderDatabase(v version) *jDatabase {
	d := &jDatabase{
		jHead:   o.head("database"),
		jTitled: jTitled{Title: richText(o.title), Description: []jRichText{}, Icon: o.jIcon()},
		Parent:  o.apiParent(v),
		jPlace:  o.place(v, o),
	}
	switch {
	case v.dataSources():
		// A linked database has none of its own: "data_sources": [].
		refs := make([]jDataSourceRef, len(o.sources))
		for i, s := range o.sources {
			refs[i] = jDataSourceRef{ID: s.id, Name: s.title}
		}
		d.DataSources = &refs
	case len(o.sources) > 0:
		d.Properties = o.sources[0].props
	default:
		d.Properties = json.RawMessage(`{}`)
	}
	return d
}

func (o *object) renderDataSource(v version) *jDataSource {
	db := o.parent
	return &jDataSource{
		jHead:      o.head("data_source"),
		jTitled:    jTitled{Title: richText(o.title), Description: []jRichText{}, Icon: db.jIcon()},
		Properties: o.props, Parent: o.apiParent(v), DatabaseParent: db.apiParent(v),
		jPlace: o.place(v, db),
	}
}

// renderBlock shows o as a block: pages are child_page blocks and databases
// child_database blocks (whose ID is the database's).
func (o *object) renderBlock(v version) *jBlock {
	b := &jBlock{
		Object: "block", ID: o.id, Parent: o.apiParent(v),
		CreatedTime: o.created, LastEditedTime: o.edited,
		CreatedBy: user(o.createdBy), LastEditedBy: user(o.editedBy),
		HasChildren: o.hasChildren(), Archived: v.archived(o.inTrash), InTrash: o.inTrash,
	}
	switch {
	case o.kind == kindPage:
		b.Type, b.ChildPage = "child_page", &jTitle{Title: o.title}
	case o.kind == kindDatabase:
		b.Type, b.ChildDatabase = "child_database", &jTitle{Title: o.title}
	case o.blockType == "heading_2":
		f := false
		b.Type, b.Heading2 = "heading_2", &jRichBlock{RichText: richText(o.text), IsToggleable: &f, Color: "default"}
	default:
		b.Type, b.Paragraph = "paragraph", &jRichBlock{RichText: richText(o.text), Color: "default"}
	}
	return b
}

// render returns the view object.
func (vw *view) render() *jView {
	db := vw.db
	return &jView{
		Object: "view", ID: vw.id, Parent: jParent{Type: "database_id", DatabaseID: db.id},
		Name: vw.name, Type: vw.typ, CreatedTime: db.created, LastEditedTime: db.edited,
		URL: databaseURL(db.id) + "?v=" + Compact(vw.id), DataSourceID: vw.source.id,
		CreatedBy: user(db.createdBy), LastEditedBy: user(db.editedBy),
	}
}
