// Interop: the official Notion JS SDK (@notionhq/client) pointed at
// `notion-mcp sandbox`, to prove the sandbox answers like Notion: its
// objects have the fields of the SDK's response types, its lists page like
// Notion's, and its errors become the SDK's APIResponseError with Notion's
// codes. Every test starts its own sandbox process, so they are independent.
//
//   go build -o bin/notion-mcp ./cmd/notion-mcp
//   cd interop && npm ci && NOTION_MCP_BIN=$PWD/../bin/notion-mcp node --test

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  APIErrorCode,
  APIResponseError,
  Client,
  collectPaginatedAPI,
  isFullDatabase,
  isFullDataSource,
  isFullUser,
  isNotionClientError,
  LogLevel,
} from '@notionhq/client';

import {
  ACME_SYNC_BOT_ID,
  ACME_SYNC_NAME,
  ACME_WORKSPACE_ID,
  ACME_WORKSPACE_NAME,
  CAMPAIGNS_DATA_SOURCE_ID,
  CONTENT_CALENDAR_DATABASE_ID,
  FINANCE_DATABASE_ID,
  POSTS_DATA_SOURCE_ID,
  SPRINT_BACKLOG_DATABASE_ID,
  SPRINT_BOARD_PAGE_ID,
  TASKS_DATA_SOURCE_ID,
  TASKS_DATABASE_ID,
  TASKS_TITLE,
  TEAM_HOME_PAGE_ID,
  TOKEN_REVOKED,
  TOKEN_VALID,
} from './fixtures.mjs';
import { serverBinary } from './helpers.mjs';
import { startSandbox } from './sandbox.mjs';

// Fail once, with the fix, rather than once per test.
serverBinary();

const TIMEOUT = { timeout: 10_000 };
const V2025 = '2025-09-03';
const V2022 = '2022-06-28';
const SPRINT_BACKLOG_DATA_SOURCE_ID = '225b9298-b4a4-8450-53b5-f4c22969f02e';

// The keys of the SDK's (5.26) response types, from
// build/src/api-endpoints/*.d.ts: a response missing one does not "parse"
// as that type for a TypeScript user.
const DATABASE_KEYS = [
  'object', 'id', 'title', 'description', 'parent', 'is_inline', 'in_trash', 'archived', 'is_locked',
  'created_time', 'last_edited_time', 'data_sources', 'icon', 'cover', 'url', 'public_url',
];
const DATA_SOURCE_KEYS = [
  'object', 'id', 'title', 'description', 'parent', 'database_parent', 'is_inline', 'in_trash', 'archived',
  'created_time', 'last_edited_time', 'created_by', 'last_edited_by', 'properties', 'icon', 'cover', 'url', 'public_url',
];
const RICH_TEXT_KEYS = ['type', 'plain_text', 'href', 'annotations'];
const SEARCH_KEYS = ['object', 'type', 'results', 'next_cursor', 'has_more'];

/**
 * withSandbox starts a sandbox for one test (stopped when the test ends)
 * and returns { baseUrl, notion(version, auth) } where notion() builds an
 * SDK client for it: no retries (every answer here is final) and only
 * error-level logs.
 */
async function withSandbox(t, options) {
  const sandbox = await startSandbox(options);
  t.after(() => sandbox.close());
  const notion = (notionVersion = undefined, auth = TOKEN_VALID) =>
    new Client({
      auth,
      baseUrl: sandbox.baseUrl,
      ...(notionVersion ? { notionVersion } : {}),
      logLevel: LogLevel.ERROR,
      retry: false,
      timeoutMs: 5_000,
    });
  return { ...sandbox, notion };
}

function assertKeys(obj, keys, what) {
  const missing = keys.filter((k) => !(k in obj));
  assert.deepEqual(missing, [], `${what} lacks fields of the SDK's type: ${missing.join(', ')}`);
}

function assertRichText(items, text, what) {
  assert.ok(Array.isArray(items) && items.length > 0, `${what} is not a rich text array`);
  for (const item of items) assertKeys(item, RICH_TEXT_KEYS, `${what} item`);
  assert.equal(items[0].type, 'text');
  assert.equal(items.map((i) => i.plain_text).join(''), text, what);
}

/**
 * rejectsWith awaits a call that must fail with Notion's error `code` and
 * HTTP `status`, checked the way SDK users do (isNotionClientError, then
 * the code against APIErrorCode), and returns the error.
 */
async function rejectsWith(promise, code, status) {
  let error;
  try {
    await promise;
  } catch (err) {
    error = err;
  }
  assert.ok(error, `the call succeeded; want ${code} ${status}`);
  assert.ok(isNotionClientError(error), `not a Notion client error: ${error?.name}: ${error?.message}`);
  assert.ok(APIResponseError.isAPIResponseError(error), `${error.name} (${error.code}) is not an APIResponseError: ${error.message}`);
  assert.equal(error.code, code, error.message);
  assert.equal(error.status, status);
  assert.ok(Object.values(APIErrorCode).includes(error.code));
  assert.match(error.request_id ?? '', /^[0-9a-f-]{36}$/, 'no request_id');
  const body = JSON.parse(error.body);
  assert.equal(body.object, 'error');
  assert.equal(body.code, code);
  assert.equal(body.status, status);
  return error;
}

// ---------------------------------------------------------------- users

test('users.me: the bot user "Acme Sync" with its workspace, under both versions', TIMEOUT, async (t) => {
  const { notion } = await withSandbox(t);
  for (const version of [V2025, V2022]) {
    const me = await notion(version).users.me({});
    assert.ok(isFullUser(me), `${version}: not a full user`);
    assert.equal(me.object, 'user');
    assert.equal(me.type, 'bot', version);
    assert.equal(me.id, ACME_SYNC_BOT_ID);
    assert.equal(me.name, ACME_SYNC_NAME);
    assert.ok('avatar_url' in me);
    assert.deepEqual(me.bot.owner, { type: 'workspace', workspace: true });
    assert.equal(me.bot.workspace_name, ACME_WORKSPACE_NAME);
    assert.equal(me.bot.workspace_id, ACME_WORKSPACE_ID);
    assert.equal(typeof me.bot.workspace_limits?.max_file_upload_size_in_bytes, 'number');
  }
});

// ---------------------------------------------------------------- databases

test('databases.retrieve (2025-09-03, the SDK default): data_sources instead of properties', TIMEOUT, async (t) => {
  const { notion } = await withSandbox(t);
  const client = notion();
  const tasks = await client.databases.retrieve({ database_id: TASKS_DATABASE_ID });

  assert.ok(isFullDatabase(tasks));
  assert.equal(tasks.id, TASKS_DATABASE_ID);
  assertRichText(tasks.title, TASKS_TITLE, 'title');
  assert.deepEqual(tasks.data_sources, [{ id: TASKS_DATA_SOURCE_ID, name: TASKS_TITLE }]);
  assert.ok(!('properties' in tasks), 'a 2025-09-03 database has no properties (they moved to its data sources)');
  assert.deepEqual(tasks.parent, { type: 'page_id', page_id: TEAM_HOME_PAGE_ID });
  assert.equal(tasks.is_inline, false);
  assert.equal(tasks.in_trash, false);
  // Since about April 2026 url fields point at app.notion.com (dvanoni/notero#823).
  assert.match(tasks.url, /^https:\/\/app\.notion\.com\/p\/[0-9a-f]{32}$/);

  // An ID without dashes works too, and a database can have two sources.
  const calendar = await client.databases.retrieve({ database_id: CONTENT_CALENDAR_DATABASE_ID.replaceAll('-', '') });
  assert.equal(calendar.id, CONTENT_CALENDAR_DATABASE_ID);
  assert.deepEqual(calendar.data_sources.map((d) => d.id).sort(), [CAMPAIGNS_DATA_SOURCE_ID, POSTS_DATA_SOURCE_ID].sort());
  for (const ds of calendar.data_sources) assert.equal(typeof ds.name, 'string');

  // The inline database inside Sprint Board.
  const backlog = await client.databases.retrieve({ database_id: SPRINT_BACKLOG_DATABASE_ID });
  assert.equal(backlog.is_inline, true);
  assert.equal(backlog.parent.type, 'page_id');
  assert.equal(backlog.parent.page_id, SPRINT_BOARD_PAGE_ID);
});

test('databases.retrieve (2025-09-03): every field of the SDK’s DatabaseObjectResponse is there', TIMEOUT, async (t) => {
  const { notion } = await withSandbox(t);
  const tasks = await notion().databases.retrieve({ database_id: TASKS_DATABASE_ID });
  assertKeys(tasks, DATABASE_KEYS, 'the database');
  assert.equal(typeof tasks.is_locked, 'boolean');
});

test('databases.retrieve (2022-06-28): properties, no data_sources; a two-source database is a validation_error', TIMEOUT, async (t) => {
  const { notion } = await withSandbox(t);
  const client = notion(V2022);
  const tasks = await client.databases.retrieve({ database_id: TASKS_DATABASE_ID });

  assert.equal(tasks.object, 'database');
  assert.equal(tasks.id, TASKS_DATABASE_ID);
  assert.ok(!('data_sources' in tasks), 'a 2022-06-28 database has no data_sources');
  assert.equal(typeof tasks.properties, 'object');
  const props = Object.entries(tasks.properties);
  assert.ok(props.length > 0, 'no properties');
  const titles = props.filter(([, p]) => p.type === 'title');
  assert.equal(titles.length, 1, 'a database has exactly one title property');
  for (const [name, p] of props) {
    assert.equal(p.name, name);
    assert.equal(typeof p.id, 'string');
    assert.ok(p.type in p, `property ${name} lacks its "${p.type}" configuration`);
  }

  const err = await rejectsWith(
    client.databases.retrieve({ database_id: CONTENT_CALENDAR_DATABASE_ID }),
    APIErrorCode.ValidationError,
    400,
  );
  assert.match(err.message, /multiple data sources/);
});

// ---------------------------------------------------------------- data sources

test('dataSources.retrieve (2025-09-03): the schema, with the database as parent', TIMEOUT, async (t) => {
  const { notion } = await withSandbox(t);
  const ds = await notion().dataSources.retrieve({ data_source_id: TASKS_DATA_SOURCE_ID });

  assert.ok(isFullDataSource(ds));
  assertKeys(ds, DATA_SOURCE_KEYS, 'the data source');
  assert.equal(ds.id, TASKS_DATA_SOURCE_ID);
  assertRichText(ds.title, TASKS_TITLE, 'title');
  assert.deepEqual(ds.parent, { type: 'database_id', database_id: TASKS_DATABASE_ID });
  assert.deepEqual(ds.database_parent, { type: 'page_id', page_id: TEAM_HOME_PAGE_ID });
  const props = Object.values(ds.properties);
  assert.equal(props.filter((p) => p.type === 'title').length, 1, 'exactly one title property');
  for (const p of props) assert.ok(p.type in p, `property ${p.name} lacks its "${p.type}" configuration`);
});

// ---------------------------------------------------------------- search

test('search (2025-09-03): filter data_source, paged with start_cursor, same as one page', TIMEOUT, async (t) => {
  const { notion } = await withSandbox(t);
  const client = notion();
  const filter = { property: 'object', value: 'data_source' };

  const whole = await client.search({ filter, page_size: 100 });
  assertKeys(whole, SEARCH_KEYS, 'the search response');
  assert.equal(whole.object, 'list');
  assert.equal(whole.type, 'page_or_data_source');
  assert.equal(whole.has_more, false);
  assert.equal(whole.next_cursor, null);
  for (const r of whole.results) {
    assert.equal(r.object, 'data_source');
    assert.ok(isFullDataSource(r));
  }
  assert.deepEqual(
    whole.results.map((r) => r.id).sort(),
    [TASKS_DATA_SOURCE_ID, SPRINT_BACKLOG_DATA_SOURCE_ID, POSTS_DATA_SOURCE_ID, CAMPAIGNS_DATA_SOURCE_ID].sort(),
  );

  // Page by page, as the SDK's own helper does: start_cursor = next_cursor.
  const cursors = [];
  const paged = await collectPaginatedAPI(
    (args) => {
      cursors.push(args.start_cursor);
      return client.search(args);
    },
    { filter, page_size: 1 },
  );
  assert.deepEqual(paged.map((r) => r.id), whole.results.map((r) => r.id), 'paging changed the results or their order');
  assert.equal(cursors.length, whole.results.length, 'one request per result with page_size 1');
  assert.equal(cursors[0], undefined);
  for (const c of cursors.slice(1)) assert.equal(typeof c, 'string');

  // "database" is no filter value from 2025-09-03 on.
  await rejectsWith(client.search({ filter: { property: 'object', value: 'database' } }), APIErrorCode.ValidationError, 400);
});

test('search (2022-06-28): filter database, paged with start_cursor', TIMEOUT, async (t) => {
  const { notion } = await withSandbox(t);
  const client = notion(V2022);
  const filter = { property: 'object', value: 'database' };

  const seen = [];
  let cursor;
  let pages = 0;
  do {
    const page = await client.search({ filter, page_size: 1, ...(cursor ? { start_cursor: cursor } : {}) });
    pages++;
    assert.equal(page.object, 'list');
    assert.equal(page.type, 'page_or_database');
    assert.ok(page.results.length <= 1);
    for (const r of page.results) {
      assert.equal(r.object, 'database');
      assert.ok('properties' in r, 'a 2022-06-28 database in search has properties');
      seen.push(r.id);
    }
    assert.equal(page.has_more, page.next_cursor !== null);
    cursor = page.next_cursor;
  } while (cursor && pages < 10);

  // Two-source databases (Content Calendar) are left out under 2022-06-28.
  assert.deepEqual(seen.sort(), [TASKS_DATABASE_ID, SPRINT_BACKLOG_DATABASE_ID].sort());
  assert.equal(new Set(seen).size, seen.length, 'a database came twice');

  await rejectsWith(client.search({ filter: { property: 'object', value: 'data_source' } }), APIErrorCode.ValidationError, 400);
});

test('search: a bigger workspace (--databases 150) pages past 100 results', TIMEOUT, async (t) => {
  const { notion } = await withSandbox(t, { databases: 150 });
  const client = notion(V2022);
  const first = await client.search({ filter: { property: 'object', value: 'database' }, page_size: 100 });
  assert.equal(first.results.length, 100);
  assert.equal(first.has_more, true);
  const all = await collectPaginatedAPI(client.search, { filter: { property: 'object', value: 'database' } });
  // Every 10th generated database has two sources and is left out.
  assert.equal(all.length, 150 - 15 + 2);
  assert.equal(new Set(all.map((r) => r.id)).size, all.length);
});

// ---------------------------------------------------------------- errors

test('errors: a revoked token is unauthorized (401)', TIMEOUT, async (t) => {
  const { notion } = await withSandbox(t);
  for (const version of [V2025, V2022]) {
    const err = await rejectsWith(notion(version, TOKEN_REVOKED).users.me({}), APIErrorCode.Unauthorized, 401);
    assert.match(err.message, /API token is invalid/);
    assert.ok(!err.message.includes(TOKEN_REVOKED) && !err.body.includes(TOKEN_REVOKED), 'the error echoes the token');
  }
});

test('errors: an unshared database is object_not_found (404) with Notion’s message', TIMEOUT, async (t) => {
  const { notion } = await withSandbox(t);
  const err = await rejectsWith(
    notion().databases.retrieve({ database_id: FINANCE_DATABASE_ID }),
    APIErrorCode.ObjectNotFound,
    404,
  );
  assert.equal(
    err.message,
    `Could not find database with ID: ${FINANCE_DATABASE_ID}. ` +
      `Make sure the relevant pages and databases are shared with your integration "${ACME_SYNC_NAME}".`,
  );
  // Before 2025-09-03 Notion's message does not name the integration.
  const old = await rejectsWith(
    notion(V2022).databases.retrieve({ database_id: FINANCE_DATABASE_ID }),
    APIErrorCode.ObjectNotFound,
    404,
  );
  assert.equal(
    old.message,
    `Could not find database with ID: ${FINANCE_DATABASE_ID}. Make sure the relevant pages and databases are shared with your integration.`,
  );
});

test('errors: a page ID given to databases.retrieve is a validation_error (400)', TIMEOUT, async (t) => {
  const { notion } = await withSandbox(t);
  const err = await rejectsWith(
    notion().databases.retrieve({ database_id: SPRINT_BOARD_PAGE_ID }),
    APIErrorCode.ValidationError,
    400,
  );
  assert.ok(err.message.includes(SPRINT_BOARD_PAGE_ID), err.message);
  assert.match(err.message, /is a page, not a database/);
});

test('errors: dataSources.retrieve under 2022-06-28 is invalid_request_url (400)', TIMEOUT, async (t) => {
  const { notion } = await withSandbox(t);
  const err = await rejectsWith(
    notion(V2022).dataSources.retrieve({ data_source_id: TASKS_DATA_SOURCE_ID }),
    APIErrorCode.InvalidRequestURL,
    400,
  );
  assert.equal(err.message, 'Invalid request URL.');
});
