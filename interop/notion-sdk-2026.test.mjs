// Interop, Notion as of late 2026: the official Notion JS SDK
// (@notionhq/client 5.26) pointed at `notion-mcp sandbox` for what Notion
// added or changed — personal access tokens, views, linked databases,
// additional_data, 529, workspace 429s, Cloudflare blocks, stripped objects,
// request_status incomplete, app.notion.com URLs — so that the sandbox's
// shapes stay parseable by a client nobody here wrote, and the SDK's own
// classification (src/errors.ts) agrees with ours.
//
//   go build -o bin/notion-mcp ./cmd/notion-mcp
//   cd interop && npm ci && NOTION_MCP_BIN=$PWD/../bin/notion-mcp node --test

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  APIErrorCode,
  APIResponseError,
  Client,
  ClientErrorCode,
  isFullPage,
  isFullUser,
  LogLevel,
  UnknownHTTPResponseError,
} from '@notionhq/client';

import {
  CONTENT_CALENDAR_DATABASE_ID,
  LINKED_TASKS_DATABASE_ID,
  LINKED_TASKS_VIEW_ID,
  POSTS_DATA_SOURCE_ID,
  CAMPAIGNS_DATA_SOURCE_ID,
  TASKS_DATA_SOURCE_ID,
  TASKS_DATABASE_ID,
  TASKS_VIEW_ID,
  TEAM_HOME_PAGE_ID,
  TOKEN_NO_READ_CONTENT,
  TOKEN_PERSONAL,
  TOKEN_VALID,
  USER_ADA_ID,
  USER_ADA_NAME,
} from './fixtures.mjs';
import { serverBinary } from './helpers.mjs';
import { startSandbox } from './sandbox.mjs';

serverBinary();

const TIMEOUT = { timeout: 15_000 };
const V2025 = '2025-09-03';
const V2022 = '2022-06-28';

async function withSandbox(t, options) {
  const sandbox = await startSandbox(options);
  t.after(() => sandbox.close());
  const notion = (notionVersion = undefined, auth = TOKEN_VALID, retry = false) =>
    new Client({
      auth,
      baseUrl: sandbox.baseUrl,
      ...(notionVersion ? { notionVersion } : {}),
      logLevel: LogLevel.ERROR,
      retry,
      timeoutMs: 5_000,
    });
  return { ...sandbox, notion };
}

async function failure(promise) {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  assert.fail('the call succeeded; want an error');
}

test('users.me with a personal access token: the person, not a bot', TIMEOUT, async (t) => {
  const { notion } = await withSandbox(t);
  const me = await notion(undefined, TOKEN_PERSONAL).users.me({});
  assert.ok(isFullUser(me));
  assert.equal(me.type, 'person');
  assert.equal(me.id, USER_ADA_ID);
  assert.equal(me.name, USER_ADA_NAME);
  assert.equal(typeof me.person.email, 'string');
  assert.ok(!('bot' in me));
  // It opens what Ada can open, with nothing shared.
  const page = await notion(undefined, TOKEN_PERSONAL).pages.retrieve({ page_id: TEAM_HOME_PAGE_ID });
  assert.ok(isFullPage(page));
});

test('views.retrieve and views.list (2025-09-03): the view names its database and data source', TIMEOUT, async (t) => {
  const { notion } = await withSandbox(t);
  const view = await notion().views.retrieve({ view_id: TASKS_VIEW_ID });
  assert.equal(view.object, 'view');
  assert.equal(view.id, TASKS_VIEW_ID);
  assert.deepEqual(view.parent, { type: 'database_id', database_id: TASKS_DATABASE_ID });
  assert.equal(view.data_source_id, TASKS_DATA_SOURCE_ID);
  for (const k of ['name', 'type', 'created_time', 'last_edited_time', 'url']) assert.ok(k in view, `view lacks ${k}`);
  const list = await notion().views.list({ database_id: TASKS_DATABASE_ID });
  assert.equal(list.object, 'list');
  assert.equal(list.type, 'view');
  assert.deepEqual(list.results, [{ object: 'view', id: TASKS_VIEW_ID }]);
  const bySource = await notion().views.list({ data_source_id: TASKS_DATA_SOURCE_ID });
  assert.deepEqual(bySource.results.map((v) => v.id).sort(), [LINKED_TASKS_VIEW_ID, TASKS_VIEW_ID].sort());
  // A linked view's parent is the linked database; its data source is the source's.
  const linked = await notion().views.retrieve({ view_id: LINKED_TASKS_VIEW_ID });
  assert.equal(linked.parent.database_id, LINKED_TASKS_DATABASE_ID);
  assert.equal(linked.data_source_id, TASKS_DATA_SOURCE_ID);
  // Views do not exist under 2022-06-28.
  const err = await failure(notion(V2022).views.retrieve({ view_id: TASKS_VIEW_ID }));
  assert.ok(APIResponseError.isAPIResponseError(err));
  assert.equal(err.code, APIErrorCode.InvalidRequestURL);
});

test('a linked database: data_sources [] under 2025-09-03, a validation_error under 2022-06-28', TIMEOUT, async (t) => {
  const { notion } = await withSandbox(t);
  const db = await notion().databases.retrieve({ database_id: LINKED_TASKS_DATABASE_ID });
  assert.deepEqual(db.data_sources, []);
  const err = await failure(notion(V2022).databases.retrieve({ database_id: LINKED_TASKS_DATABASE_ID }));
  assert.ok(APIResponseError.isAPIResponseError(err));
  assert.equal(err.code, APIErrorCode.ValidationError);
  assert.equal(err.status, 400);
  assert.match(err.message, /is a linked database\. Database retrievals do not support linked databases\./);
});

test('the multi-source 400 carries additional_data the SDK exposes', TIMEOUT, async (t) => {
  const { notion } = await withSandbox(t);
  const err = await failure(notion(V2022).databases.retrieve({ database_id: CONTENT_CALENDAR_DATABASE_ID }));
  assert.ok(APIResponseError.isAPIResponseError(err));
  assert.deepEqual(err.additional_data, {
    error_type: 'multiple_data_sources_for_database',
    database_id: CONTENT_CALENDAR_DATABASE_ID,
    child_data_source_ids: [POSTS_DATA_SOURCE_ID, CAMPAIGNS_DATA_SOURCE_ID],
    minimum_api_version: V2025,
  });
});

test('a malformed ID: the value is backticked in the validation message', TIMEOUT, async (t) => {
  const { notion } = await withSandbox(t);
  const err = await failure(notion().databases.retrieve({ database_id: 'Tasks-c6eda3ce' }));
  assert.equal(err.code, APIErrorCode.ValidationError);
  assert.equal(err.message, 'path failed validation: path.database_id should be a valid uuid, instead was `"Tasks-c6eda3ce"`.');
});

test('url fields point at app.notion.com', TIMEOUT, async (t) => {
  const { notion } = await withSandbox(t);
  const page = await notion().pages.retrieve({ page_id: TEAM_HOME_PAGE_ID });
  assert.match(page.url, /^https:\/\/app\.notion\.com\/p\/Team-Home-[0-9a-f]{32}$/);
});

test('without Read content a retrieve is 403 restricted_resource', TIMEOUT, async (t) => {
  const { notion } = await withSandbox(t);
  const err = await failure(notion(undefined, TOKEN_NO_READ_CONTENT).pages.retrieve({ page_id: TEAM_HOME_PAGE_ID }));
  assert.ok(APIResponseError.isAPIResponseError(err));
  assert.equal(err.code, APIErrorCode.RestrictedResource);
  assert.equal(err.status, 403);
});

test('the stripped-object fault: a partial page the SDK tells from a full one', TIMEOUT, async (t) => {
  const { notion } = await withSandbox(t, { faults: ['stripped:/v1/pages'] });
  const page = await notion().pages.retrieve({ page_id: TEAM_HOME_PAGE_ID });
  assert.deepEqual(page, { object: 'page', id: TEAM_HOME_PAGE_ID });
  assert.ok(!isFullPage(page));
});

test('529 is the SDK’s service_overload, retried by it like a 429', TIMEOUT, async (t) => {
  const { notion, baseUrl } = await withSandbox(t, { faults: ['529:/v1/pages'] });
  const err = await failure(notion().pages.retrieve({ page_id: TEAM_HOME_PAGE_ID }));
  assert.ok(APIResponseError.isAPIResponseError(err));
  assert.equal(err.code, APIErrorCode.ServiceOverload);
  assert.equal(err.status, 529);
  assert.equal(err.headers.get('retry-after'), '1');
  // With retries on, the SDK tries again (Client.canRetry) before failing.
  let calls = 0;
  const counting = new Client({
    auth: TOKEN_VALID,
    baseUrl,
    logLevel: LogLevel.ERROR,
    retry: { maxRetries: 1, initialRetryDelayMs: 10, maxRetryDelayMs: 2_000 },
    timeoutMs: 5_000,
    fetch: (...args) => {
      calls++;
      return fetch(...args);
    },
  });
  const again = await failure(counting.pages.retrieve({ page_id: TEAM_HOME_PAGE_ID }));
  assert.equal(again.code, APIErrorCode.ServiceOverload);
  assert.equal(calls, 2, 'the SDK retries a 529 once with maxRetries 1');
});

test('a workspace-wide 429 carries additional_data.rate_limit_reason', TIMEOUT, async (t) => {
  const { notion } = await withSandbox(t, { faults: ['429_workspace'] });
  const err = await failure(notion().users.me({}));
  assert.ok(APIResponseError.isAPIResponseError(err));
  assert.equal(err.code, APIErrorCode.RateLimited);
  assert.equal(typeof err.additional_data.rate_limit_reason, 'string');
  assert.match(err.additional_data.rate_limit_reason, /workspace/);
  assert.equal(err.headers.get('retry-after'), '90');
});

test('a Cloudflare HTML 403: the SDK says a network security rule blocked it', TIMEOUT, async (t) => {
  const { notion } = await withSandbox(t, { faults: ['html_403:/v1/pages'] });
  const err = await failure(notion().pages.retrieve({ page_id: TEAM_HOME_PAGE_ID }));
  assert.ok(UnknownHTTPResponseError.isUnknownHTTPResponseError(err), `${err.name}: ${err.message}`);
  assert.equal(err.code, ClientErrorCode.ResponseError);
  assert.equal(err.status, 403);
  assert.match(err.ray_id ?? '', /^[0-9a-f]{16}-[A-Z]{3}$/);
  assert.equal(err.request_id, undefined);
  assert.match(err.message, /blocked by a network security rule/);
});

test('request_status incomplete on a search answer', TIMEOUT, async (t) => {
  const { notion } = await withSandbox(t, { faults: ['incomplete:/v1/search'] });
  const res = await notion().search({ filter: { property: 'object', value: 'data_source' } });
  assert.deepEqual(res.request_status, { type: 'incomplete', incomplete_reason: 'query_result_limit_reached' });
  assert.ok(res.results.length > 0);
});
