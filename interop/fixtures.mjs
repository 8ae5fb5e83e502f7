// Values of the built-in sandbox workspace, copied from
// internal/sandbox/fixtures.go (keep in sync). The tests use them to drive
// `notion-mcp --demo` and `notion-mcp sandbox` and to check their answers.
//
// Tokens are written as concatenations, as in the Go file, so that no line
// holds a whole string matching Notion's token pattern (secret scanners
// would flag it). They are fake: only the sandbox knows them.

/** Belongs to "Acme Sync" in workspace "Acme"; Tasks, Sprint Board, Content Calendar are shared. */
export const TOKEN_VALID = 'ntn_' + '23332901172' + 'SbxValidGeO2ulxSwGqBgjnYYABzhC7vhoP';
/** Old-format ("secret_") token of the same integration. */
export const TOKEN_LEGACY = 'secret_' + 'SbxLegacyRR9dHjo40qxDrOC6CqwgfPBX4IXoCCHd8X';
/** Revoked: every request answers 401 unauthorized. */
export const TOKEN_REVOKED = 'ntn_' + '22401450026' + 'SbxRevokedelCyviAVW17qq6EHaszMPeqFO';
/** The token --demo uses; answers like TOKEN_VALID. */
export const TOKEN_DEMO = 'ntn_' + '00033460753' + 'SbxDemomKlljB2zMTiNcIw1Gy9RPGeYYMnB';

/** A personal access token of the person Ada Lovelace: users/me answers the person. */
export const TOKEN_PERSONAL = 'ntn_' + '58812094431' + 'SbxPatQ7tKw3mVfZr2LcYhN0pXeJu8dWbA1';
/** "Acme Metadata", without Read content: retrievals answer 403 restricted_resource. */
export const TOKEN_NO_READ_CONTENT = 'ntn_' + '31283817824' + 'SbxNoReadx4mthkG4Bt0gB0aaFdPeT6CJjP';

/** Every sandbox token, for "never appears in any output" checks. */
export const ALL_TOKENS = [TOKEN_VALID, TOKEN_LEGACY, TOKEN_REVOKED, TOKEN_DEMO, TOKEN_PERSONAL, TOKEN_NO_READ_CONTENT];

export const ACME_WORKSPACE_ID = 'b7df451e-12c1-83c8-f76e-4a7d8ef80360';
export const ACME_WORKSPACE_NAME = 'Acme';
export const ACME_SYNC_BOT_ID = '5459de79-c15b-8af0-4c68-bc3999965cd9';
export const ACME_SYNC_NAME = 'Acme Sync';

// Acme pages.
export const TEAM_HOME_PAGE_ID = 'c1181571-9d77-8e00-ac6c-3b2e7fe7b566';
export const SPRINT_BOARD_PAGE_ID = 'c011555a-5c99-8059-f335-8056dda52449'; // page holding the inline Sprint Backlog
export const SPRINT_BOARD_TITLE = 'Sprint Board';

// Acme databases and data sources.
export const TASKS_DATABASE_ID = 'c6eda3ce-7299-81de-014c-afc354107b25';
export const TASKS_TITLE = 'Tasks';
export const TASKS_DATA_SOURCE_ID = 'e29f6486-8937-81b2-6a7d-aa6010ff10df';
export const SPRINT_BACKLOG_DATABASE_ID = '69a267a7-d5a9-837b-9946-1c17c6ce7c18';
export const SPRINT_BACKLOG_TITLE = 'Sprint Backlog';
export const CONTENT_CALENDAR_DATABASE_ID = 'b54f0728-5ac9-8af4-e468-afc41d548a16';
export const POSTS_DATA_SOURCE_ID = '604eecd8-f7c5-85b6-d32d-d63b2be3cf83';
export const CAMPAIGNS_DATA_SOURCE_ID = 'df569b75-e807-8ada-81cf-2ea7a16ea256';
export const FINANCE_DATABASE_ID = 'c0c4fde2-9ed5-896e-5073-7ef5053075b6'; // NOT shared: 404 everywhere
export const FINANCE_TITLE = 'Finance';

/** Shared databases of the default sandbox (no generated ones). */
export const SHARED_DATABASE_IDS = [TASKS_DATABASE_ID, SPRINT_BACKLOG_DATABASE_ID, CONTENT_CALENDAR_DATABASE_ID];

// Globex (another workspace).
export const GLOBEX_CRM_DATABASE_ID = '1a2bacf8-fb02-8698-593a-4aab0e7ffa1c';

// Browser URLs, as copied from the Notion app.
export const SPRINT_BOARD_URL = 'https://www.notion.so/acme/Sprint-Board-c011555a5c998059f3358056dda52449';
export const FINANCE_URL =
  'https://www.notion.so/acme/Finance-c0c4fde29ed5896e50737ef5053075b6?v=90cf8fe9912a8ec5475029b85904960a';
export const GLOBEX_CRM_URL =
  'https://www.notion.so/globex/Globex-CRM-1a2bacf8fb028698593a4aab0e7ffa1c?v=716bfc6b3c7581ef0001d956265dc487';

/** Notion's search page size (and the server's): a bigger listing spans pages. */
export const SEARCH_PAGE_SIZE = 100;

// Notion as of late 2026 (see internal/sandbox/doc.go).
export const USER_ADA_ID = '32079ea1-8961-8a33-3195-37339541b69f';
export const USER_ADA_NAME = 'Ada Lovelace';
export const TASKS_VIEW_ID = '6577a14a-5f17-8f3d-e253-66373c2d9a1f';
/** A linked view of Tasks placed on the page "Weekly Review". */
export const LINKED_TASKS_DATABASE_ID = '770714d6-21d5-8a90-e042-1151b88c4484';
export const LINKED_TASKS_VIEW_ID = '65821a55-9d66-87f2-83b2-be945854af58';
