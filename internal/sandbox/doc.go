// Package sandbox is an in-process fake of the Notion API (api.notion.com/v1),
// read-only, with fixed content: the project's tests, `notion-mcp --demo`,
// `notion-mcp sandbox --listen`, the benchmarks and the interop tests with
// the official JS SDK all talk to it.
//
// Use New to build it, then either Workspace.Transport (in-process, any
// host: plug it into an http.Client whose base URL is https://api.notion.com)
// or Workspace.Handler / Serve (real HTTP). Requests, Count and Writes show
// what a client sent; Inject adds faults.
//
// # Wire rules
//
// Every request needs a Notion-Version of 2022-06-28, 2025-09-03 or
// 2026-03-11 (missing: 400 missing_version; other: 400 validation_error),
// then "Authorization: Bearer <token>" (missing, unknown or revoked: 401
// unauthorized). Then injected faults apply, then the token's own behaviour
// (rate limited, flaky, restricted), then the endpoint. Every JSON answer has
// Content-Type "application/json; charset=utf-8" and an x-notion-request-id
// header; error bodies and full objects repeat it as request_id. Stripped
// objects (search without Read content, FaultStripped) are exactly
// {"object":…,"id":…}, and edge HTML pages (502, the Cloudflare 403 block)
// have a cf-ray header and no request ID, as on the real edge. The API's
// "url" fields point at https://app.notion.com/p/… (dvanoni/notero#823).
//
// Sources: codes, statuses and body shapes follow
// developers.notion.com/reference/errors and request-limits and notion-sdk-js
// src/errors.ts; endpoint shapes follow the reference page of each endpoint
// (retrieve-a-view for views, versioning for what each version serves); the
// message texts are those errors.go names the source of, the others marked
// assumed there. Answering every write with 400 invalid_request_url is the
// sandbox's own rule (it is read-only), not Notion's; so is a database ID at
// /v1/data_sources answering 404 (assumed: the reference is silent).
//
// IDs in paths may be dashed or compact, in any case; anything else is a
// 400 "path failed validation: path.<param> should be a valid uuid, instead
// was `"<raw>"`." (the value JSON-quoted in backticks).
// Answers name IDs dashed and lower case.
//
// 404 messages follow the version: under 2022-06-28 the classic "…shared
// with your integration." without additional_data; from 2025-09-03 on the
// newer "…shared with your integration \"<bot name>\"." with
// additional_data.integration_id set to the bot's ID (see MsgNotFound).
//
// Endpoints (anything else, and every write, is 400 invalid_request_url,
// logged with Request.Write set when it would have changed content):
//
//	GET  /v1/users/me                 the token's bot user
//	GET  /v1/users/me                 (a personal access token: the person, type "person")
//	GET  /v1/pages/{id}               page; a database ID is 400 "is a database, not a page"
//	GET  /v1/databases/{id}           2022: schema in properties, multi-source is 400 with
//	                                  additional_data (child_data_source_ids, …);
//	                                  2025+: data_sources [{id,name}], no properties;
//	                                  a page ID is 400 "is a page, not a database"
//	                                  (2022: "Provided ID …", 2025+: "Provided database_id …");
//	                                  a linked database: 2022 400 MsgLinkedDatabase,
//	                                  2025+ 200 with "data_sources": []
//	GET  /v1/views/{id}               2025+ only: the view, its database and data source
//	GET  /v1/views?database_id=|data_source_id=  2025+ only: view references
//	GET  /v1/data_sources/{id}        2025+ only (2022: 400 invalid_request_url);
//	                                  a database ID is 404 "Could not find data_source"
//	GET  /v1/blocks/{id}              pages are child_page blocks, databases child_database
//	GET  /v1/blocks/{id}/children     paginated (start_cursor, page_size ≤ 100)
//	POST /v1/search                   shared, not trashed; query = title substring
//	                                  (a data source also matches its database's title);
//	                                  2022: page|database (multi-source databases left out),
//	                                  2025+: page|data_source; last_edited_time desc, then id
//	POST /v1/databases/{id}/query     2022 only (2025+: 400 invalid_request_url);
//	                                  a linked database: 400 MsgNoAccessibleDataSources
//	POST /v1/data_sources/{id}/query  2025+ only; filters and sorts are ignored
//
// Archived/in_trash: 2022-06-28 and 2025-09-03 send both "archived" and
// "in_trash"; 2026-03-11 sends only "in_trash". Cursors are the ID of the
// next result; an unknown one is 400 "The start_cursor provided is invalid".
//
// # Fixture
//
// Tokens (all 50 characters, real formats) and who they are:
//
//	TokenValid, TokenLegacy, TokenDemo  "Acme Sync" (AcmeSyncBotID) in Acme: every capability
//	TokenNoReadContent                  "Acme Metadata": retrievals 403 restricted_resource (no Read
//	                                    content), search results stripped to {"object","id"}
//	TokenRestricted                     "Acme Limited": users/me 200, content endpoints 403 restricted_resource
//	TokenRateLimited                    "Acme Sync": every request 429 rate_limited, Retry-After: 30
//	TokenFlaky                          "Acme Sync": 1st attempt of each distinct request fails
//	                                    (HTML 502 and JSON 503 alternately), retries succeed
//	TokenRevoked                        every request 401 unauthorized
//	TokenOtherWorkspace                 "Globex Bot" in Globex: sees only Globex Wiki and Globex CRM
//	TokenNothingShared                  "Fresh Integration" in Acme: search empty, every ID 404
//	TokenPersonal                       a personal access token of the person Ada Lovelace
//	                                    (UserAdaID): sees all of Acme but Finance, unshared
//	                                    Private Notes included; its 404s name no integration
//
// Acme content (shared with Acme Sync, Acme Metadata and Acme Limited
// unless marked), and what the Acme Sync tokens get:
//
//	Team Home          TeamHomePageID         page, workspace parent, shared; children:
//	  paragraph        TeamHomeParagraphID      block (#anchor target)
//	  Projects         ProjectsPageID           page → Roadmap 2026 RoadmapPageID (nested page)
//	  Tasks            TasksDatabaseID          full-page database, one source TasksDataSourceID,
//	                                            TasksRowCount rows (TasksRowID "Write onboarding guide"),
//	                                            view TasksViewID (only GET /v1/views knows it)
//	Sprint Board       SprintBoardPageID      page, workspace parent, shared; holds
//	  Sprint Backlog   SprintBacklogDatabaseID  inline database (is_inline, child_database block),
//	                                            source SprintBacklogDataSourceID, 3 rows
//	Content Calendar   ContentCalendarDatabaseID  workspace parent, shared; TWO sources:
//	                                            PostsDataSourceID "Posts" (3 rows),
//	                                            CampaignsDataSourceID "Campaigns" (2 rows);
//	                                            2022: GET/query 400, absent from search
//	Old Launch Plan    TrashedPageID          shared page in the trash: GET works (in_trash true),
//	                                            search leaves it out
//	Weekly Review      WeeklyReviewPageID     page, workspace parent, shared; holds two linked
//	                                            databases: LinkedTasksDatabaseID (of Tasks, view
//	                                            LinkedTasksViewID) and LinkedFinanceDatabaseID (of
//	                                            Finance, which is not shared; view LinkedFinanceViewID)
//	Finance            FinanceDatabaseID      NOT shared: 404 (also FinanceDataSourceID)
//	Private Notes      PrivateNotesPageID     NOT shared: 404
//	Generated DB NNNN  GeneratedDatabaseID(i) Options.ExtraDatabases of them, see GeneratedDatabaseID
//
// Globex content (TokenOtherWorkspace only; 404 to every Acme token):
// GlobexWikiPageID holding GlobexCRMDatabaseID (source GlobexCRMDataSourceID,
// 2 rows, view GlobexCRMViewID).
//
// Faults (Inject) add what a fixture cannot hold: 401, 403, 404, 429, a
// workspace-wide 429 with rate_limit_reason, 500, 502 (HTML), 503, 529
// service_overload, a Cloudflare HTML 403 block, hangs, resets, bad JSON,
// stripped objects and lists marked request_status incomplete.
//
// Browser URLs of these objects, as people paste them, are the *URL
// constants (TasksURL, TasksRowPeekURL, SprintBoardURL, …); PageURL gives
// the API's own "url" field.
package sandbox
