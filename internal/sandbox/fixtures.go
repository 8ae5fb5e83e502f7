package sandbox

// Tokens. Each is written as a concatenation so that the source never holds a
// string matching Notion's token pattern whole: secret scanners (push
// protection) would otherwise flag this file. The values themselves have the
// real formats: "ntn_" + 11 digits + 35 letters/digits, or "secret_" + 43.
const (
	// TokenValid belongs to the integration "Acme Sync" in workspace "Acme",
	// with every capability; everything under Team Home, Sprint Board, Content
	// Calendar and the trashed page is shared with it.
	TokenValid = "ntn_" + "23332901172" + "SbxValidGeO2ulxSwGqBgjnYYABzhC7vhoP"
	// TokenLegacy is an old-format ("secret_") token of the same integration.
	TokenLegacy = "secret_" + "SbxLegacyRR9dHjo40qxDrOC6CqwgfPBX4IXoCCHd8X"
	// TokenRevoked was revoked: every request answers 401 unauthorized.
	TokenRevoked = "ntn_" + "22401450026" + "SbxRevokedelCyviAVW17qq6EHaszMPeqFO"
	// TokenNoReadContent belongs to "Acme Metadata", which lacks the Read
	// content capability: objects come back as {"object":…,"id":…} only.
	TokenNoReadContent = "ntn_" + "31283817824" + "SbxNoReadx4mthkG4Bt0gB0aaFdPeT6CJjP"
	// TokenRestricted belongs to "Acme Limited": users/me answers, every
	// content endpoint answers 403 restricted_resource.
	TokenRestricted = "ntn_" + "21409448102" + "SbxLimitedYZTm7qmqGBzD9zfJIeBVQOVPa"
	// TokenRateLimited belongs to "Acme Sync" but every request (users/me
	// included) answers 429 rate_limited with Retry-After: 30.
	TokenRateLimited = "ntn_" + "74455184795" + "SbxRateLimitedskheLBsLaxwROWX0VEyWI"
	// TokenFlaky belongs to "Acme Sync"; the first attempt of every distinct
	// request fails (HTML 502 and JSON 503 alternately), the retry succeeds.
	TokenFlaky = "ntn_" + "31108405840" + "SbxFlaky49yt2whyiYz2vhahGuU1sprPfTc"
	// TokenOtherWorkspace belongs to "Globex Bot" in workspace "Globex",
	// which shares "Globex Wiki" and the database "Globex CRM" below it.
	TokenOtherWorkspace = "ntn_" + "71300700088" + "SbxGlobexpwBQN2pjnm0FW77bozUijAK2FE"
	// TokenNothingShared belongs to "Fresh Integration" in workspace "Acme",
	// with nothing shared: search is empty and every object is a 404.
	TokenNothingShared = "ntn_" + "05450022224" + "SbxFreshCNUndzA3H4zChDpwP0IhyebGUKC"
	// TokenPersonal is a personal access token (PAT) of the person Ada
	// Lovelace: users/me answers the person (type "person"), and it sees what
	// Ada can open without any sharing — all of Acme but Finance. A PAT's
	// string format is not published (NOTION_API_NOTES "Personal access
	// tokens": it may also start ntn_), so this one looks like any other.
	TokenPersonal = "ntn_" + "58812094431" + "SbxPatQ7tKw3mVfZr2LcYhN0pXeJu8dWbA1"
	// TokenDemo answers exactly like TokenValid; the --demo mode uses it.
	TokenDemo = "ntn_" + "00033460753" + "SbxDemomKlljB2zMTiNcIw1Gy9RPGeYYMnB"
)

// Token labels, as recorded in Request.TokenLabel (never the raw token).
const (
	LabelValid          = "valid"           // TokenValid
	LabelLegacy         = "legacy"          // TokenLegacy
	LabelRevoked        = "revoked"         // TokenRevoked
	LabelNoReadContent  = "no_read_content" // TokenNoReadContent
	LabelRestricted     = "restricted"      // TokenRestricted
	LabelRateLimited    = "rate_limited"    // TokenRateLimited
	LabelFlaky          = "flaky"           // TokenFlaky
	LabelOtherWorkspace = "other_workspace" // TokenOtherWorkspace
	LabelNothingShared  = "nothing_shared"  // TokenNothingShared
	LabelDemo           = "demo"            // TokenDemo
	LabelPersonal       = "personal"        // TokenPersonal
	LabelMissing        = ""                // no Authorization header
	LabelUnknown        = "unknown"         // a token the sandbox does not know
)

// Workspaces, bots (integrations) and people.
const (
	AcmeWorkspaceID     = "b7df451e-12c1-83c8-f76e-4a7d8ef80360" // workspace "Acme"
	AcmeWorkspaceName   = "Acme"                                 // bot.workspace_name of the Acme bots
	AcmeWorkspaceSlug   = "acme"                                 // the path segment in Acme's browser URLs
	GlobexWorkspaceID   = "5ba06bf1-e93d-82f5-3594-997dac40b248" // workspace "Globex"
	GlobexWorkspaceName = "Globex"                               // bot.workspace_name of Globex Bot
	GlobexWorkspaceSlug = "globex"                               // the path segment in Globex's browser URLs

	AcmeSyncBotID     = "5459de79-c15b-8af0-4c68-bc3999965cd9" // bot user of TokenValid, TokenLegacy, TokenFlaky, TokenRateLimited, TokenDemo
	AcmeSyncName      = "Acme Sync"                            // its name, quoted in 2025-09-03+ 404 messages
	AcmeMetadataBotID = "d7bf17b4-36f4-8e81-899f-21de8c4ebd52" // bot user of TokenNoReadContent
	AcmeMetadataName  = "Acme Metadata"                        // its name
	AcmeLimitedBotID  = "acb27177-ce52-82d2-d3c8-1d93ed854405" // bot user of TokenRestricted
	AcmeLimitedName   = "Acme Limited"                         // its name
	FreshBotID        = "d322d12a-070f-876e-d2f9-d6cf5bd8b9fc" // bot user of TokenNothingShared
	FreshName         = "Fresh Integration"                    // its name
	GlobexBotID       = "e4a9ea83-82c1-8488-4cef-38b1ddb80d8e" // bot user of TokenOtherWorkspace
	GlobexBotName     = "Globex Bot"                           // its name

	UserAdaID   = "32079ea1-8961-8a33-3195-37339541b69f" // person "Ada Lovelace" (Acme), creator of most objects; TokenPersonal's users/me
	UserAdaName = "Ada Lovelace"                         // her name
	UserAdaMail = "ada@acme.example"                     // her e-mail (person.email)
	UserGraceID = "d4dfc2a6-80e7-8db2-e68c-9a6da99ed8be" // person "Grace Hopper" (Acme), last editor of some
	UserHiroID  = "fd71d73d-643d-8adb-8e11-692554675343" // person "Hiro Tanaka" (Globex)
)

// Acme: pages and blocks.
const (
	TeamHomePageID      = "c1181571-9d77-8e00-ac6c-3b2e7fe7b566" // page "Team Home", workspace parent, shared
	TeamHomeTitle       = "Team Home"                            // its title
	TeamHomeParagraphID = "f1ca1305-57f0-8f33-a408-71385e5dd659" // paragraph block in Team Home (for #block- anchors)
	ProjectsPageID      = "c8d80d9a-1425-8f9c-a514-caad6d32f8e9" // page "Projects", child of Team Home
	ProjectsTitle       = "Projects"                             // its title
	RoadmapPageID       = "70219112-577a-8ec2-bad6-611fb60d6980" // page "Roadmap 2026", child of Projects
	RoadmapTitle        = "Roadmap 2026"                         // its title
	SprintBoardPageID   = "c011555a-5c99-8059-f335-8056dda52449" // page "Sprint Board", workspace parent, shared; holds the inline database Sprint Backlog
	SprintBoardTitle    = "Sprint Board"                         // its title
	PrivateNotesPageID  = "f3b26ff5-4f2e-8501-a1ad-d88f44d9a848" // page "Private Notes", workspace parent, NOT shared (404)
	PrivateNotesTitle   = "Private Notes"                        // its title
	TrashedPageID       = "0386fe83-99c4-8609-cffe-71e03f2822b2" // page "Old Launch Plan", shared, in the trash (in_trash/archived true; not in search)
	TrashedPageTitle    = "Old Launch Plan"                      // its title
	WeeklyReviewPageID  = "6080b3a1-2122-8a6e-6565-713a6b45581a" // page "Weekly Review", workspace parent, shared; holds two linked databases
	WeeklyReviewTitle   = "Weekly Review"                        // its title
	GeneratedHomePageID = "aa3ca1cb-e523-85a6-d07e-29b9feb1c444" // page "Generated Databases", shared; exists only when Options.ExtraDatabases > 0 and parents the even-numbered generated databases
	GeneratedHomeTitle  = "Generated Databases"                  // its title
)

// Acme: databases, data sources, views and rows.
const (
	TasksDatabaseID   = "c6eda3ce-7299-81de-014c-afc354107b25" // full-page database "Tasks", parent page Team Home, shared
	TasksTitle        = "Tasks"                                // its title (and its data source's)
	TasksDataSourceID = "e29f6486-8937-81b2-6a7d-aa6010ff10df" // its only data source, "Tasks"
	TasksViewID       = "6577a14a-5f17-8f3d-e253-66373c2d9a1f" // a view of Tasks (the ?v= of its URL): unknown to every endpoint
	TasksRowID        = "792f7909-993e-88da-ba55-4f8c2e6da8dc" // row "Write onboarding guide" of Tasks (the ?p= of a peek URL)
	TasksRowTitle     = "Write onboarding guide"               // its title
	TasksRowCount     = 5                                      // rows in Tasks

	SprintBacklogDatabaseID   = "69a267a7-d5a9-837b-9946-1c17c6ce7c18" // inline database "Sprint Backlog" inside page Sprint Board (is_inline true)
	SprintBacklogTitle        = "Sprint Backlog"                       // its title (and its data source's)
	SprintBacklogDataSourceID = "225b9298-b4a4-8450-53b5-f4c22969f02e" // its only data source
	SprintBacklogViewID       = "c061dce0-7653-83ab-1fee-1cf5c2f52788" // a view of it
	SprintBacklogRowCount     = 3                                      // rows in Sprint Backlog

	ContentCalendarDatabaseID = "b54f0728-5ac9-8af4-e468-afc41d548a16" // database "Content Calendar" with TWO data sources, workspace parent, shared
	ContentCalendarTitle      = "Content Calendar"                     // its title (its sources are named differently)
	ContentCalendarViewID     = "f89a8fc7-6afb-8b6b-a9d3-88a5dfae5273" // a view of it
	PostsDataSourceID         = "604eecd8-f7c5-85b6-d32d-d63b2be3cf83" // its data source "Posts" (3 rows)
	PostsTitle                = "Posts"                                // that source's name
	CampaignsDataSourceID     = "df569b75-e807-8ada-81cf-2ea7a16ea256" // its data source "Campaigns" (2 rows)
	CampaignsTitle            = "Campaigns"                            // that source's name

	FinanceDatabaseID   = "c0c4fde2-9ed5-896e-5073-7ef5053075b6" // database "Finance", workspace parent, NOT shared (404 everywhere)
	FinanceTitle        = "Finance"                              // its title
	FinanceDataSourceID = "3b870188-4a5d-8a64-7fdf-acf600f50bea" // its data source (404 too)
	FinanceViewID       = "90cf8fe9-912a-8ec5-4750-29b85904960a" // a view of it

	// Linked databases: linked views of a database placed on another page.
	// GET /v1/databases/{id} answers 400 MsgLinkedDatabase under 2022-06-28
	// and 200 with "data_sources": [] from 2025-09-03 on; a 2022 query
	// answers 400 MsgNoAccessibleDataSources; search never lists them.
	LinkedTasksDatabaseID   = "770714d6-21d5-8a90-e042-1151b88c4484" // linked view of Tasks inside Weekly Review, titled "Tasks"
	LinkedTasksViewID       = "65821a55-9d66-87f2-83b2-be945854af58" // its view (parent: the linked database; data source: Tasks')
	LinkedFinanceDatabaseID = "3399fe98-9283-828c-0cae-047760bf263e" // linked view of Finance (NOT shared) inside Weekly Review, titled "Finance"
	LinkedFinanceViewID     = "68446c32-da14-8015-2a3f-a381edb7e68b" // its view
)

// Globex (TokenOtherWorkspace): every Acme token gets 404 for these, and the
// Globex token gets 404 for every Acme object.
const (
	GlobexWikiPageID      = "3256d05f-e101-8e7c-2d69-ab02aa9b6355" // page "Globex Wiki", workspace parent, shared with Globex Bot
	GlobexWikiTitle       = "Globex Wiki"                          // its title
	GlobexCRMDatabaseID   = "1a2bacf8-fb02-8698-593a-4aab0e7ffa1c" // database "Globex CRM" in Globex Wiki
	GlobexCRMTitle        = "Globex CRM"                           // its title (and its data source's)
	GlobexCRMDataSourceID = "1bfa0ca7-0fda-81e4-18e3-0255da2b4972" // its only data source
	GlobexCRMViewID       = "716bfc6b-3c75-81ef-0001-d956265dc487" // a view of it
)

// Browser URLs, as a person copies them from the Notion app (not the API's
// "url" field, which has no workspace slug: see PageURL).
const (
	TeamHomeURL          = "https://www.notion.so/acme/Team-Home-c11815719d778e00ac6c3b2e7fe7b566"
	TeamHomeParagraphURL = TeamHomeURL + "#f1ca130557f08f33a40871385e5dd659" // link to the paragraph block
	ProjectsURL          = "https://www.notion.so/acme/Projects-c8d80d9a14258f9ca514caad6d32f8e9"
	RoadmapURL           = "https://www.notion.so/acme/Roadmap-2026-70219112577a8ec2bad6611fb60d6980"
	TasksURL             = "https://www.notion.so/acme/Tasks-c6eda3ce729981de014cafc354107b25?v=6577a14a5f178f3de25366373c2d9a1f"
	TasksRowPeekURL      = TasksURL + "&p=792f7909993e88daba554f8c2e6da8dc&pm=s"                                            // Tasks with a row opened in peek
	SprintBoardURL       = "https://www.notion.so/acme/Sprint-Board-c011555a5c998059f3358056dda52449"                       // the holder page (the usual wrong link)
	SprintBacklogURL     = "https://www.notion.so/acme/69a267a7d5a9837b99461c17c6ce7c18?v=c061dce0765383ab1fee1cf5c2f52788" // the inline database itself
	ContentCalendarURL   = "https://www.notion.so/acme/Content-Calendar-b54f07285ac98af4e468afc41d548a16?v=f89a8fc76afb8b6ba9d388a5dfae5273"
	FinanceURL           = "https://www.notion.so/acme/Finance-c0c4fde29ed5896e50737ef5053075b6?v=90cf8fe9912a8ec5475029b85904960a"
	PrivateNotesURL      = "https://www.notion.so/acme/Private-Notes-f3b26ff54f2e8501a1add88f44d9a848"
	TrashedPageURL       = "https://www.notion.so/acme/Old-Launch-Plan-0386fe8399c48609cffe71e03f2822b2"
	GlobexWikiURL        = "https://www.notion.so/globex/Globex-Wiki-3256d05fe1018e7c2d69ab02aa9b6355"
	GlobexCRMURL         = "https://www.notion.so/globex/Globex-CRM-1a2bacf8fb028698593a4aab0e7ffa1c?v=716bfc6b3c7581ef0001d956265dc487"
	WeeklyReviewURL      = "https://www.notion.so/acme/Weekly-Review-6080b3a121228a6e6565713a6b45581a"
	LinkedTasksURL       = "https://www.notion.so/acme/770714d621d58a90e0421151b88c4484?v=65821a559d6687f283b2be945854af58" // the linked view, opened from Weekly Review
	LinkedFinanceURL     = "https://www.notion.so/acme/3399fe989283828c0cae047760bf263e?v=68446c32da1480152a3fa381edb7e68b"
)
