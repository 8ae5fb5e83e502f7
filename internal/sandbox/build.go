package sandbox

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Options configure New.
type Options struct {
	// ExtraDatabases adds that many generated shared databases to Acme, for
	// scale tests (e.g. 5000). See GeneratedDatabaseID for their shape.
	ExtraDatabases int
	// Latency is added to every response (default 0). Cancelling the
	// request's context ends the wait.
	Latency time.Duration
}

// Texts of the fixture blocks.
const (
	teamHomeText      = "Welcome to the Acme team space. Start with Projects, or open Tasks to see what is due this week."
	projectsText      = "Active projects and their owners."
	roadmapHeading    = "Q1 2026"
	roadmapText       = "Ship the integration setup assistant; retire the legacy sync."
	sprintBoardText   = "Everything planned for the current sprint lives in the backlog below."
	trashedPageText   = "Superseded by Roadmap 2026."
	globexWikiText    = "Start here: how Globex runs sales."
	weeklyReviewText  = "This week's tasks and spend, as linked views of the Tasks and Finance databases."
	generatedHomeText = "Databases generated for scale tests."
)

// builder assembles the fixture tree of one workspace.
type builder struct {
	w  *Workspace
	sp *space
}

// add indexes o and appends it to its parent's children.
func (b *builder) add(o *object) *object {
	o.space = b.sp
	o.lower = strings.ToLower(o.title)
	if o.createdBy == "" {
		o.createdBy = UserAdaID
	}
	if o.editedBy == "" {
		o.editedBy = o.createdBy
	}
	if o.parent != nil && o.kind != kindDataSource {
		o.index = len(o.parent.children)
		o.parent.children = append(o.parent.children, o)
	}
	b.w.objects[o.id] = o
	return o
}

func (b *builder) page(id, title, icon string, parent *object, created, edited string) *object {
	return b.add(&object{kind: kindPage, id: id, title: title, icon: icon, parent: parent,
		created: created, edited: edited, url: PageURL(title, id), props: pageTitleJSON(title)})
}

func (b *builder) block(id, typ, text string, parent *object) *object {
	return b.add(&object{kind: kindBlock, id: id, blockType: typ, text: text, parent: parent,
		created: parent.created, edited: parent.created, createdBy: parent.createdBy})
}

// database adds a database with one data source per name, all with schema s.
func (b *builder) database(id, title, icon string, parent *object, created, edited string, s tableSchema, sources map[string]string, order ...string) *object {
	db := b.add(&object{kind: kindDatabase, id: id, title: title, icon: icon, parent: parent,
		created: created, edited: edited, url: databaseURL(id)})
	if len(order) == 0 {
		order = []string{title}
	}
	props := s.schemaJSON()
	for _, name := range order {
		ds := b.add(&object{kind: kindDataSource, id: sources[name], title: name, parent: db,
			created: created, edited: edited, url: databaseURL(id), props: props})
		db.sources = append(db.sources, ds)
	}
	return db
}

// linkedDatabase adds a linked database: a view of src placed in page
// parent, titled like src, with no data source of its own.
func (b *builder) linkedDatabase(id string, parent, src *object) *object {
	return b.add(&object{kind: kindDatabase, id: id, title: src.title, icon: src.icon, parent: parent,
		created: parent.created, edited: parent.edited, url: databaseURL(id), isInline: true, linked: src})
}

// view adds a view of database db (or of a linked database) showing source.
func (b *builder) view(id, name, typ string, db, source *object) {
	b.w.views[id] = &view{id: id, name: name, typ: typ, db: db, source: source}
}

// rows adds rows to data source ds; each row is {id, title, option, date};
// row i was created a day after row i-1.
func (b *builder) rows(ds *object, s tableSchema, created string, rows ...[4]string) {
	start, _ := time.Parse(time.RFC3339, created)
	for i, r := range rows {
		t := start.Add(time.Duration(i) * 24 * time.Hour).Format(timeLayout)
		b.add(&object{kind: kindPage, id: r[0], title: r[1], parent: ds, created: t, edited: t,
			editedBy: UserGraceID, url: PageURL(r[1], r[0]), props: s.rowJSON(r[1], r[2], r[3])})
	}
}

const timeLayout = "2006-01-02T15:04:05.000Z"

var (
	tasksSchema    = tableSchema{title: "Name", sel: "Status", date: "Due", options: []string{"Not started", "In progress", "Done"}}
	sprintSchema   = tableSchema{title: "Task", sel: "Estimate", date: "Sprint end", options: []string{"S", "M", "L"}}
	postsSchema    = tableSchema{title: "Title", sel: "Channel", date: "Publish date", options: []string{"Blog", "Newsletter", "Social"}}
	campaignSchema = tableSchema{title: "Campaign", sel: "Stage", date: "Launch", options: []string{"Planning", "Live", "Wrapped"}}
	crmSchema      = tableSchema{title: "Account", sel: "Tier", date: "Renewal", options: []string{"Gold", "Silver"}}
)

// buildAcme creates Acme's fixtures and returns the roots shared with Acme
// Sync (and Acme Metadata, Acme Limited).
func (b *builder) buildAcme(extra int) []*object {
	home := b.page(TeamHomePageID, TeamHomeTitle, "🏠", nil, "2025-11-03T09:12:00.000Z", "2026-02-16T08:41:00.000Z")
	b.block(TeamHomeParagraphID, "paragraph", teamHomeText, home)
	projects := b.page(ProjectsPageID, ProjectsTitle, "📁", home, "2025-11-03T09:20:00.000Z", "2026-02-10T15:02:00.000Z")
	b.block(hashID("ProjectsParagraph"), "paragraph", projectsText, projects)
	roadmap := b.page(RoadmapPageID, RoadmapTitle, "🗺️", projects, "2025-12-01T10:00:00.000Z", "2026-02-12T11:30:00.000Z")
	b.block(hashID("RoadmapHeading"), "heading_2", roadmapHeading, roadmap)
	b.block(hashID("RoadmapParagraph"), "paragraph", roadmapText, roadmap)

	tasks := b.database(TasksDatabaseID, TasksTitle, "✅", home, "2025-11-04T08:00:00.000Z", "2026-02-15T17:45:00.000Z",
		tasksSchema, map[string]string{TasksTitle: TasksDataSourceID})
	b.rows(tasks.sources[0], tasksSchema, "2026-01-05T09:00:00.000Z",
		[4]string{TasksRowID, TasksRowTitle, "In progress", "2026-02-20"},
		[4]string{hashID("TaskRow2"), "Fix login redirect", "Not started", "2026-02-23"},
		[4]string{hashID("TaskRow3"), "Plan Q3 offsite", "Not started", "2026-03-02"},
		[4]string{hashID("TaskRow4"), "Update pricing page", "Done", "2026-01-30"},
		[4]string{hashID("TaskRow5"), "Review security checklist", "In progress", "2026-02-27"})

	board := b.page(SprintBoardPageID, SprintBoardTitle, "🏃", nil, "2026-01-12T09:00:00.000Z", "2026-02-14T10:20:00.000Z")
	b.block(hashID("SprintBoardParagraph"), "paragraph", sprintBoardText, board)
	backlog := b.database(SprintBacklogDatabaseID, SprintBacklogTitle, "", board, "2026-01-12T09:05:00.000Z", "2026-02-13T16:00:00.000Z",
		sprintSchema, map[string]string{SprintBacklogTitle: SprintBacklogDataSourceID})
	backlog.isInline = true
	b.rows(backlog.sources[0], sprintSchema, "2026-01-19T09:00:00.000Z",
		[4]string{hashID("SprintRow1"), "Spike: search latency", "M", "2026-02-27"},
		[4]string{hashID("SprintRow2"), "Bug: CSV export encoding", "S", "2026-02-27"},
		[4]string{hashID("SprintRow3"), "Chore: bump Go to 1.26", "S", "2026-02-27"})

	cal := b.database(ContentCalendarDatabaseID, ContentCalendarTitle, "🗓️", nil, "2025-12-08T13:00:00.000Z", "2026-02-11T09:15:00.000Z",
		postsSchema, map[string]string{PostsTitle: PostsDataSourceID, CampaignsTitle: CampaignsDataSourceID}, PostsTitle, CampaignsTitle)
	cal.sources[1].props = campaignSchema.schemaJSON()
	b.rows(cal.sources[0], postsSchema, "2026-01-07T10:00:00.000Z",
		[4]string{hashID("PostRow1"), "Announcing the setup assistant", "Blog", "2026-03-03"},
		[4]string{hashID("PostRow2"), "February product update", "Newsletter", "2026-02-26"},
		[4]string{hashID("PostRow3"), "Customer story: Initech", "Social", "2026-03-10"})
	b.rows(cal.sources[1], campaignSchema, "2026-01-08T10:00:00.000Z",
		[4]string{hashID("CampaignRow1"), "Spring launch", "Planning", "2026-04-01"},
		[4]string{hashID("CampaignRow2"), "Winter webinar series", "Wrapped", "2026-01-20"})

	b.database(FinanceDatabaseID, FinanceTitle, "💰", nil, "2025-10-20T08:00:00.000Z", "2026-02-17T07:00:00.000Z",
		tasksSchema, map[string]string{FinanceTitle: FinanceDataSourceID})
	b.page(PrivateNotesPageID, PrivateNotesTitle, "🔒", nil, "2025-10-01T20:00:00.000Z", "2026-02-18T21:10:00.000Z")
	trashed := b.page(TrashedPageID, TrashedPageTitle, "🚀", nil, "2025-06-02T09:00:00.000Z", "2025-12-15T12:00:00.000Z")
	trashed.inTrash = true
	b.block(hashID("TrashedParagraph"), "paragraph", trashedPageText, trashed)
	for _, o := range trashed.children {
		o.inTrash = true
	}

	review := b.page(WeeklyReviewPageID, WeeklyReviewTitle, "📋", nil, "2026-01-20T09:00:00.000Z", "2026-02-09T16:30:00.000Z")
	b.block(hashID("WeeklyReviewParagraph"), "paragraph", weeklyReviewText, review)
	finance := b.w.objects[FinanceDatabaseID]
	b.linkedDatabase(LinkedTasksDatabaseID, review, tasks)
	b.linkedDatabase(LinkedFinanceDatabaseID, review, finance)

	b.view(TasksViewID, "All tasks", "table", tasks, tasks.sources[0])
	b.view(SprintBacklogViewID, "Board", "board", backlog, backlog.sources[0])
	b.view(ContentCalendarViewID, "Calendar", "calendar", cal, cal.sources[0])
	b.view(FinanceViewID, "All spend", "table", finance, finance.sources[0])
	b.view(LinkedTasksViewID, "This week", "table", b.w.objects[LinkedTasksDatabaseID], tasks.sources[0])
	b.view(LinkedFinanceViewID, "This month", "table", b.w.objects[LinkedFinanceDatabaseID], finance.sources[0])

	shared := []*object{home, board, cal, trashed, review}
	if extra > 0 {
		shared = append(shared, b.generated(extra)...)
	}
	return shared
}

// GeneratedDatabaseID returns the ID of generated database i (1-based) of
// Options.ExtraDatabases. Database i is titled GeneratedTitle(i); odd ones
// sit at the workspace level and are shared directly, even ones sit in page
// GeneratedHomePageID. Every 10th has two data sources (see
// GeneratedDataSourceID), the others one named like the database. Generated
// databases are older than every fixture (database i was last edited i
// minutes before 2025-10-01) and have no rows.
func GeneratedDatabaseID(i int) string { return hashID(fmt.Sprintf("generated/db/%d", i)) }

// GeneratedDataSourceID returns the ID of data source k (0 or 1) of
// generated database i.
func GeneratedDataSourceID(i, k int) string { return hashID(fmt.Sprintf("generated/ds/%d/%d", i, k)) }

// GeneratedTitle returns the title of generated database i: "Generated DB 0001".
func GeneratedTitle(i int) string { return fmt.Sprintf("Generated DB %04d", i) }

// generatedSourceNames are the source names of a two-source generated database.
var generatedSourceNames = [2]string{"Current", "Archive"}

func (b *builder) generated(n int) []*object {
	home := b.page(GeneratedHomePageID, GeneratedHomeTitle, "🧪", nil, "2025-09-01T08:00:00.000Z", "2025-10-01T00:00:00.000Z")
	b.block(hashID("GeneratedHomeParagraph"), "paragraph", generatedHomeText, home)
	shared := []*object{home}
	props := tasksSchema.schemaJSON()
	base := time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC)
	for i := 1; i <= n; i++ {
		var parent *object
		if i%2 == 0 {
			parent = home
		}
		edited := base.Add(-time.Duration(i) * time.Minute).Format(timeLayout)
		id, title := GeneratedDatabaseID(i), GeneratedTitle(i)
		db := b.add(&object{kind: kindDatabase, id: id, title: title, parent: parent,
			created: "2025-09-01T08:00:00.000Z", edited: edited, url: databaseURL(id)})
		names := []string{title}
		if i%10 == 0 {
			names = []string{title + " " + generatedSourceNames[0], title + " " + generatedSourceNames[1]}
		}
		for k, name := range names {
			ds := b.add(&object{kind: kindDataSource, id: GeneratedDataSourceID(i, k), title: name, parent: db,
				created: db.created, edited: edited, url: db.url, props: props})
			db.sources = append(db.sources, ds)
		}
		if parent == nil {
			shared = append(shared, db)
		}
	}
	return shared
}

// buildGlobex creates Globex's fixtures and returns its shared roots.
func (b *builder) buildGlobex() []*object {
	wiki := b.page(GlobexWikiPageID, GlobexWikiTitle, "📘", nil, "2025-08-11T14:00:00.000Z", "2026-01-28T10:00:00.000Z")
	wiki.createdBy, wiki.editedBy = UserHiroID, UserHiroID
	b.block(hashID("GlobexWikiParagraph"), "paragraph", globexWikiText, wiki)
	crm := b.database(GlobexCRMDatabaseID, GlobexCRMTitle, "🤝", wiki, "2025-08-11T14:10:00.000Z", "2026-01-29T11:00:00.000Z",
		crmSchema, map[string]string{GlobexCRMTitle: GlobexCRMDataSourceID})
	crm.createdBy, crm.editedBy = UserHiroID, UserHiroID
	b.view(GlobexCRMViewID, "Accounts", "table", crm, crm.sources[0])
	b.rows(crm.sources[0], crmSchema, "2025-09-01T09:00:00.000Z",
		[4]string{hashID("GlobexRow1"), "Initech", "Gold", "2026-06-30"},
		[4]string{hashID("GlobexRow2"), "Umbrella Corp", "Silver", "2026-09-30"})
	return []*object{wiki}
}

// buildSearchIndexes sorts the searchable objects once per vocabulary, by
// last_edited_time descending then id, and remembers each one's position
// (cursors are the ID of the next result).
func (w *Workspace) buildSearchIndexes() {
	for _, o := range w.objects {
		if o.inTrash || (o.parent != nil && o.parent.inTrash) {
			continue
		}
		switch o.kind {
		case kindPage:
			w.indexes[0].list = append(w.indexes[0].list, o)
			w.indexes[1].list = append(w.indexes[1].list, o)
		case kindDatabase:
			if len(o.sources) == 1 {
				w.indexes[0].list = append(w.indexes[0].list, o)
			}
		case kindDataSource:
			w.indexes[1].list = append(w.indexes[1].list, o)
		}
	}
	for i := range w.indexes {
		idx := &w.indexes[i]
		sort.Slice(idx.list, func(a, b int) bool {
			x, y := idx.list[a], idx.list[b]
			if x.edited != y.edited {
				return x.edited > y.edited
			}
			return x.id < y.id
		})
		idx.pos = make(map[string]int, len(idx.list))
		for p, o := range idx.list {
			idx.pos[o.id] = p
		}
	}
}
