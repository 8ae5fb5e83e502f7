// Interop: the networked tools, prompts and resources of notion-mcp, driven
// by the official TypeScript SDK's Client over stdio. Networked tools run
// with --demo, against the server's built-in sandbox workspace (no network),
// except the "missing token" case, which needs none. Every test starts its
// own server, so they are independent.
//
//   go build -o bin/notion-mcp ./cmd/notion-mcp
//   cd interop && npm ci && NOTION_MCP_BIN=$PWD/../bin/notion-mcp node --test

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { McpError } from '@modelcontextprotocol/sdk/types.js';

import { cancelCall, serverBinary, toolText, withClient } from './helpers.mjs';
import { startSandbox } from './sandbox.mjs';
import {
  ACME_SYNC_BOT_ID,
  ACME_SYNC_NAME,
  ACME_WORKSPACE_ID,
  ACME_WORKSPACE_NAME,
  ALL_TOKENS,
  FINANCE_DATABASE_ID,
  FINANCE_TITLE,
  FINANCE_URL,
  GLOBEX_CRM_DATABASE_ID,
  GLOBEX_CRM_URL,
  SEARCH_PAGE_SIZE,
  SHARED_DATABASE_IDS,
  SPRINT_BACKLOG_DATABASE_ID,
  SPRINT_BACKLOG_TITLE,
  SPRINT_BOARD_PAGE_ID,
  SPRINT_BOARD_URL,
  TOKEN_LEGACY,
  TOKEN_REVOKED,
  TOKEN_VALID,
} from './fixtures.mjs';

// Fail once, with the fix, rather than once per test.
serverBinary();

const TIMEOUT = { timeout: 10_000 };
const DEMO = ['--demo'];

// How many generated databases to ask the demo sandbox for, so that the
// listing spans several search pages. The server reads the variable in demo
// mode (internal/cli/config.go) and passes it on as sandbox
// Options.ExtraDatabases, like `notion-mcp sandbox --databases N`.
const SANDBOX_DATABASES_ENV = 'NOTION_MCP_SANDBOX_DATABASES';
const EXTRA_DATABASES = 250;
const BIG_DEMO = { args: DEMO, env: { [SANDBOX_DATABASES_ENV]: String(EXTRA_DATABASES) } };
// Under 2022-06-28 Notion (and the sandbox) leave databases with several
// data sources out: every 10th generated one and Content Calendar.
const BIG_DATABASES_2022 = EXTRA_DATABASES - Math.floor(EXTRA_DATABASES / 10) + SHARED_DATABASE_IDS.length - 1;

// ---------------------------------------------------------------- helpers

/**
 * call calls a tool, requires a non-error result and returns it. The SDK
 * has checked structuredContent against the tool's outputSchema (callTool
 * throws if it does not match): it has a validator from tools/list.
 */
async function call(client, name, args = {}) {
  assert.equal(typeof client.getToolOutputValidator(name), 'function', `the SDK has no outputSchema validator for ${name}`);
  const result = await client.callTool({ name, arguments: args });
  assert.ok(!result.isError, `${name} returned isError: ${toolText(result)}`);
  assert.ok(result.structuredContent, `${name} returned no structuredContent: ${toolText(result)}`);
  return result;
}

/**
 * assertNoSecrets fails if any sandbox token appears in what the server
 * sent (every message received over the wire) or wrote to stderr (its log).
 */
function assertNoSecrets(handle) {
  const received = JSON.stringify(handle.transport.wire.filter((w) => w.dir === 'received'));
  const stderr = handle.stderr();
  for (const secret of ALL_TOKENS) {
    assert.ok(!received.includes(secret), `a token (…${secret.slice(-4)}) appears in a message from the server`);
    assert.ok(!stderr.includes(secret), `a token (…${secret.slice(-4)}) appears in the server's stderr`);
  }
}

/** The wire position of the response to request `id`. */
function responseIndex(wire, id) {
  return wire.findIndex((w) => w.dir === 'received' && w.message.id === id && !('method' in w.message));
}

/** The last tools/call request the client sent. */
function lastToolCall(wire) {
  return wire.filter((w) => w.dir === 'sent' && w.message.method === 'tools/call').at(-1).message;
}

function assertIncreasing(progress) {
  let last = -Infinity;
  for (const p of progress) {
    assert.equal(typeof p.progress, 'number', `progress ${JSON.stringify(p)}`);
    assert.ok(p.progress > last, `progress went from ${last} to ${p.progress}`);
    last = p.progress;
  }
}

// ---------------------------------------------------------------- validate_token

test('validate_token --demo: the demo token is valid for "Acme Sync" in "Acme"', TIMEOUT, async (t) => {
  const h = await withClient(t, { args: DEMO });
  const result = await call(h.client, 'validate_token');
  const got = result.structuredContent;

  assert.equal(got.status, 'valid');
  assert.equal(got.valid, true);
  assert.equal(got.sandbox, true, 'a demo result must say it comes from the sandbox');
  assert.equal(got.source, 'demo', 'with no token set, --demo uses its demo token');
  assert.deepEqual(got.bot, {
    id: ACME_SYNC_BOT_ID,
    name: ACME_SYNC_NAME,
    workspace_name: ACME_WORKSPACE_NAME,
    workspace_id: ACME_WORKSPACE_ID,
    owner_type: 'workspace',
  });
  assert.match(got.summary, /Acme Sync/);
  assert.deepEqual(JSON.parse(toolText(result)), got);
  assertNoSecrets(h);
});

test('validate_token --demo: a revoked NOTION_TOKEN named with token_env is status invalid, not an error', TIMEOUT, async (t) => {
  // In demo mode the environment's token is used only when a call names it.
  const h = await withClient(t, { args: DEMO, env: { NOTION_TOKEN: TOKEN_REVOKED } });
  const result = await call(h.client, 'validate_token', { token_env: 'NOTION_TOKEN' }); // isError false: an invalid token is a normal result
  const got = result.structuredContent;

  assert.equal(got.status, 'invalid');
  assert.equal(got.valid, false);
  assert.equal(got.source, 'env:NOTION_TOKEN');
  assert.ok(!got.bot, `an invalid token has no bot: ${JSON.stringify(got.bot)}`);
  assert.ok(got.next_steps?.length > 0, 'no next_steps for an invalid token');
  assert.match(got.summary, /401|unauthorized|revoked/i);
  assertNoSecrets(h);
});

test('validate_token --demo: a NOTION_TOKEN the call does not name is ignored; the demo token is used', TIMEOUT, async (t) => {
  const h = await withClient(t, { args: DEMO, env: { NOTION_TOKEN: TOKEN_REVOKED } });
  const got = (await call(h.client, 'validate_token')).structuredContent;
  assert.equal(got.status, 'valid');
  assert.equal(got.source, 'demo');
  assert.equal(got.sandbox, true);
  assertNoSecrets(h);
});

test('validate_token without --demo or any NOTION_* variable: status missing, with next steps', TIMEOUT, async (t) => {
  // startClient passes only the SDK's small default environment plus `env`,
  // so nothing from the runner's environment reaches the server; no request
  // is made for a missing token.
  const h = await withClient(t, { env: {} });
  const result = await call(h.client, 'validate_token'); // isError false, like an invalid token
  const got = result.structuredContent;

  assert.equal(got.status, 'missing');
  assert.equal(got.valid, false);
  assert.ok(!got.sandbox, 'not in demo mode, yet the result says sandbox');
  assert.ok(got.next_steps?.length > 0, 'no next_steps for a missing token');
  assert.match(got.next_steps.join('\n'), /NOTION_TOKEN/);
});

test('validate_token --demo: the source is the variable name (NOTION_API_KEY), never the token', TIMEOUT, async (t) => {
  const h = await withClient(t, { args: DEMO, env: { NOTION_API_KEY: TOKEN_VALID } });
  const result = await call(h.client, 'validate_token', { token_env: 'NOTION_API_KEY' });
  const got = result.structuredContent;

  assert.equal(got.status, 'valid');
  assert.equal(got.source, 'env:NOTION_API_KEY');
  assert.equal(got.bot?.name, ACME_SYNC_NAME);
  assert.ok(got.fingerprint && got.fingerprint.length < 16, `fingerprint ${got.fingerprint}`);
  assert.ok(TOKEN_VALID.endsWith(got.fingerprint.slice(-4)), `fingerprint ${got.fingerprint} is not of the token`);
  assertNoSecrets(h);
});

test('validate_token --demo with env_file: a .env holding a sandbox token is valid, source names file and variable', TIMEOUT, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'notion-mcp-interop-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const envFile = join(dir, '.env');
  writeFileSync(envFile, `# project settings\nAPP_NAME=demo\nNOTION_API_KEY="${TOKEN_LEGACY}"\n`);

  const h = await withClient(t, { args: DEMO });
  const result = await call(h.client, 'validate_token', { env_file: envFile });
  const got = result.structuredContent;

  assert.equal(got.status, 'valid');
  assert.equal(got.bot?.name, ACME_SYNC_NAME);
  assert.equal(got.format?.kind, 'legacy_internal');
  assert.ok(got.source.includes(envFile), `source ${got.source} does not name ${envFile}`);
  assert.ok(got.source.includes('NOTION_API_KEY'), `source ${got.source} does not name the variable`);
  assertNoSecrets(h);
});

// ---------------------------------------------------------------- list_shared_databases

test('list_shared_databases --demo: the shared databases, with data source IDs', TIMEOUT, async (t) => {
  const { client } = await withClient(t, { args: DEMO });
  const got = (await call(client, 'list_shared_databases')).structuredContent;

  assert.equal(got.complete, true);
  assert.equal(got.count, got.databases.length);
  assert.deepEqual(got.databases.map((d) => d.id).sort(), [...SHARED_DATABASE_IDS].sort());
  assert.equal(got.integration?.name, ACME_SYNC_NAME);
  for (const db of got.databases) {
    assert.ok(db.data_sources?.length > 0, `${db.title} has no data_sources under 2025-09-03`);
    for (const ds of db.data_sources) assert.notEqual(ds.id, db.id, `${db.title}: data source ID equals database ID`);
  }
  assert.ok(!got.databases.some((d) => d.id === FINANCE_DATABASE_ID), 'the unshared Finance database is listed');
});

test('list_shared_databases --demo: a second call is cached; refresh asks again', TIMEOUT, async (t) => {
  const { client } = await withClient(t, { args: DEMO });
  const first = (await call(client, 'list_shared_databases')).structuredContent;
  const second = (await call(client, 'list_shared_databases')).structuredContent;
  const refreshed = (await call(client, 'list_shared_databases', { refresh: true })).structuredContent;

  assert.equal(first.cached, false);
  assert.ok(first.requests > 0);
  assert.equal(second.cached, true);
  assert.equal(second.requests, 0);
  assert.deepEqual(second.databases, first.databases);
  assert.equal(refreshed.cached, false);
  assert.ok(refreshed.requests > 0);
});

/**
 * splitLateProgress separates the SDK errors that are progress notifications for
 * `token` dispatched after the call's response had retired the token. SDK
 * 1.32.2 dispatches notifications a microtask later than responses, so a
 * progress notification read in the same chunk as the response is reported
 * as "unknown token" although the server sent it first (known SDK bug:
 * modelcontextprotocol/typescript-sdk#2580). Returns { late, other }: the
 * params of those notifications, and every other error.
 */
function splitLateProgress(errors, token) {
  const late = [];
  const other = [];
  for (const err of errors) {
    const m = /Received a progress notification for an unknown token: (.*)$/s.exec(err?.message ?? '');
    const note = m && JSON.parse(m[1]);
    if (note && note.params?.progressToken === token) late.push(note.params);
    else other.push(err);
  }
  return { late, other };
}

/**
 * checkMultiPageListing runs a 2022-06-28 listing (search pages of
 * databases and no per-database retrievals, so the server's pacing of 3
 * requests/s costs little) and checks that it spans several search pages
 * and that its progress notifications carry the request's progressToken,
 * increase, and arrive before the result.
 */
async function checkMultiPageListing(h, why) {
  const { client, transport } = h;
  // Arrival order as the client sees it: each progress callback, then the
  // call's resolution.
  const order = [];
  const delivered = [];
  const result = await client.callTool(
    { name: 'list_shared_databases', arguments: { api_version: '2022-06-28' } },
    undefined,
    {
      onprogress: (p) => {
        order.push('progress');
        delivered.push(p);
      },
      resetTimeoutOnProgress: true,
      timeout: 5_000,
    },
  );
  order.push('result');
  // Let the SDK dispatch notifications read with the response.
  await new Promise((resolve) => setImmediate(resolve));

  assert.ok(!result.isError, toolText(result));
  const got = result.structuredContent;
  assert.equal(got.count, BIG_DATABASES_2022, `expected ${BIG_DATABASES_2022} databases, got ${got.count}: ${why}`);
  assert.equal(got.complete, true);
  const pages = Math.ceil(BIG_DATABASES_2022 / SEARCH_PAGE_SIZE);
  assert.ok(got.requests >= pages, `${got.requests} requests for ${pages} search pages`);

  // On the wire: at least one notifications/progress per search page, each
  // with the request's progressToken, increasing to the number of objects
  // seen, all before the response.
  const request = lastToolCall(transport.wire);
  const token = request.params._meta?.progressToken;
  assert.notEqual(token, undefined, 'the SDK sent no progressToken');
  const notes = transport.wire
    .filter((w) => w.dir === 'received' && w.message.method === 'notifications/progress')
    .map((w) => w.message.params);
  assert.ok(notes.length >= pages, `${notes.length} progress notifications for ${pages} search pages`);
  for (const n of notes) assert.equal(n.progressToken, token);
  assertIncreasing(notes);
  assert.equal(notes.at(-1).progress, BIG_DATABASES_2022);
  const resultAt = responseIndex(transport.wire, request.id);
  const arrival = transport.wire
    .map((w, i) => (w.message.method === 'notifications/progress' ? 'progress' : i === resultAt ? 'result' : null))
    .filter(Boolean);
  assert.deepEqual(arrival, [...notes.map(() => 'progress'), 'result'], `wire arrival order: ${arrival.join(', ')}`);

  // In the client: the progress it delivered came before the result, in
  // order; any it did not deliver are the trailing ones the SDK dispatched
  // after the response (typescript-sdk#2580), never an earlier one.
  assert.deepEqual(order, [...delivered.map(() => 'progress'), 'result']);
  const { late, other } = splitLateProgress(h.errors, token);
  assert.deepEqual(other, [], 'the SDK reported errors');
  const strip = ({ progressToken, ...p }) => p;
  assert.deepEqual([...delivered, ...late.map(strip)], notes.map(strip), 'progress lost or reordered in the client');
}

/**
 * assertBigListing makes sure the workspace is big enough for a listing to
 * be cancelled half-way, with a quick 2022-06-28 listing (a few requests),
 * and returns that listing.
 */
async function assertBigListing(client, why) {
  const got = (await call(client, 'list_shared_databases', { api_version: '2022-06-28' })).structuredContent;
  assert.equal(got.count, BIG_DATABASES_2022, `expected ${BIG_DATABASES_2022} databases: ${why}`);
  return got;
}

/**
 * cancelBigListing starts a 2025-09-03 listing and cancels it on its first
 * progress. Under 2025-09-03 the listing goes on after the first search
 * page (more pages, then a retrieval per multi-source database, paced at
 * 3/s: seconds of work), so the cancellation reaches the server while it
 * works.
 */
function cancelBigListing(client) {
  return cancelCall(
    client,
    { name: 'list_shared_databases', arguments: { refresh: true } },
    { when: 'progress', reason: 'user pressed stop' },
  );
}

// Two ways to get a big workspace: the demo sandbox sized by
// NOTION_MCP_SANDBOX_DATABASES (what --demo users get), and the sandbox
// served over HTTP by `notion-mcp sandbox --databases N` with the server
// pointed at it by --base-url (the server's real HTTP path).
const BIG_SETUPS = [
  {
    name: `--demo with ${SANDBOX_DATABASES_ENV}=${EXTRA_DATABASES}`,
    why: `does the server honour ${SANDBOX_DATABASES_ENV} in demo mode (internal/cli/config.go)?`,
    start: (t) => withClient(t, BIG_DEMO),
  },
  {
    name: `--base-url to \`notion-mcp sandbox --databases ${EXTRA_DATABASES}\``,
    why: `does \`notion-mcp sandbox --databases ${EXTRA_DATABASES}\` generate them?`,
    start: async (t) => {
      const sandbox = await startSandbox({ databases: EXTRA_DATABASES });
      t.after(() => sandbox.close());
      return withClient(t, { args: ['--base-url', sandbox.baseUrl], env: { NOTION_TOKEN: TOKEN_VALID } });
    },
  },
];

for (const setup of BIG_SETUPS) {
  test(`list_shared_databases ${setup.name}: a multi-page listing reports progress before its result`, TIMEOUT, async (t) => {
    const h = await setup.start(t);
    await checkMultiPageListing(h, setup.why);
    assertNoSecrets(h);
  });

  test(`list_shared_databases ${setup.name}: a listing cancelled on its first progress rejects and the server keeps serving`, TIMEOUT, async (t) => {
    const h = await setup.start(t);
    const { client, transport } = h;

    const before = await assertBigListing(client, setup.why);
    const { error, progress } = await cancelBigListing(client);
    assert.ok(error instanceof McpError, `got ${error?.constructor?.name}: ${error}`);
    assert.match(error.message, /user pressed stop/);
    assert.equal(progress.length, 1);
    const request = lastToolCall(transport.wire);
    assert.ok(
      transport.wire.some(
        (w) => w.dir === 'sent' && w.message.method === 'notifications/cancelled' && w.message.params.requestId === request.id,
      ),
      'the SDK sent no notifications/cancelled',
    );

    // The server goes on: a ping, then a full (quick, 2022-06-28) listing.
    await client.ping();
    const after = (await call(client, 'list_shared_databases', { api_version: '2022-06-28', refresh: true })).structuredContent;
    assert.equal(after.complete, true);
    assert.equal(after.cached, false);
    assert.deepEqual(after.databases, before.databases);
  });

  test(`list_shared_databases ${setup.name}: a cancelled listing gets no response (MCP: receivers SHOULD NOT respond to a cancelled request)`, TIMEOUT, async (t) => {
    const h = await setup.start(t);
    const { client, transport } = h;
    await assertBigListing(client, setup.why);
    await cancelBigListing(client);
    const request = lastToolCall(transport.wire);
    // The listing had seconds of work left; give the server time to stop.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await client.ping();

    const answers = transport.wire.filter((w) => w.dir === 'received' && w.message.id === request.id).map((w) => w.message);
    assert.deepEqual(answers, [], 'the server answered the cancelled request');
    // A progress notification already on its way when the cancellation was
    // sent is fine; a response the SDK no longer expects is what it reports.
    const { other } = splitLateProgress(h.errors, request.params._meta?.progressToken);
    assert.deepEqual(other.map(String), [], 'the SDK reported errors');
  });
}

// ---------------------------------------------------------------- diagnose_access

test('diagnose_access --demo: the Sprint Board page link with a database 404 is wrong_type, naming the inline database', TIMEOUT, async (t) => {
  const { client } = await withClient(t, { args: DEMO });
  assert.equal(typeof client.getToolOutputValidator('diagnose_access'), 'function');
  const error =
    `Could not find database with ID: ${SPRINT_BOARD_PAGE_ID}. ` +
    'Make sure the relevant pages and databases are shared with your integration "Acme Sync".';
  const got = (await call(client, 'diagnose_access', { target: SPRINT_BOARD_URL, error })).structuredContent;

  assert.equal(got.verdict, 'wrong_type', got.summary);
  assert.equal(got.checked_live, true);
  assert.equal(got.expect, 'database');
  assert.equal(got.object?.id, SPRINT_BOARD_PAGE_ID);
  assert.equal(got.object?.type, 'page');
  assert.deepEqual(got.databases_in_page, [{ id: SPRINT_BACKLOG_DATABASE_ID, title: SPRINT_BACKLOG_TITLE }]);
  assert.ok(got.steps.join('\n').includes(SPRINT_BACKLOG_DATABASE_ID), 'the steps do not give the database ID to use');
  assert.ok(got.evidence.length > 0, 'no evidence for a live check');
});

test('diagnose_access --demo: the Finance link is not_shared, with steps naming "Acme Sync"', TIMEOUT, async (t) => {
  const { client } = await withClient(t, { args: DEMO });
  const got = (await call(client, 'diagnose_access', { target: FINANCE_URL })).structuredContent;

  assert.equal(got.verdict, 'not_shared', got.summary);
  assert.equal(got.extracted?.id, FINANCE_DATABASE_ID);
  assert.equal(got.integration?.name, ACME_SYNC_NAME);
  const steps = got.steps.join('\n');
  assert.match(steps, /Acme Sync/);
  assert.match(steps, /Add connections/);
  assert.ok(steps.includes(FINANCE_TITLE), 'the steps do not name the database from its link');
  assert.ok(got.evidence.some((e) => e.status === 404), `no 404 in the evidence: ${JSON.stringify(got.evidence)}`);
});

test('diagnose_access --demo: the Globex CRM link is workspace_mismatch', TIMEOUT, async (t) => {
  const { client } = await withClient(t, { args: DEMO });
  const got = (await call(client, 'diagnose_access', { target: GLOBEX_CRM_URL })).structuredContent;

  assert.equal(got.verdict, 'workspace_mismatch', got.summary);
  assert.equal(got.extracted?.id, GLOBEX_CRM_DATABASE_ID);
  assert.equal(got.extracted?.workspace, 'globex');
  assert.match(got.summary, /globex/i);
  assert.match(got.summary, /Acme/);
  assert.ok(got.steps.length > 0);
});

// ---------------------------------------------------------------- prompts

test('prompts: both are listed, with their arguments', TIMEOUT, async (t) => {
  const { client } = await withClient(t, { listTools: false });
  assert.ok(client.getServerCapabilities()?.prompts, 'server does not declare the prompts capability');
  const { prompts } = await client.listPrompts();
  const byName = Object.fromEntries(prompts.map((p) => [p.name, p]));

  assert.deepEqual(Object.keys(byName).sort(), ['fix_notion_access', 'setup_notion_integration']);
  assert.deepEqual(
    byName.fix_notion_access.arguments.map((a) => [a.name, !!a.required]),
    [['target', true]],
  );
  assert.deepEqual(
    byName.setup_notion_integration.arguments.map((a) => [a.name, !!a.required]),
    [['database', false]],
  );
});

test('prompts: fix_notion_access with a target is a user message naming the tools and the target', TIMEOUT, async (t) => {
  const { client } = await withClient(t, { listTools: false });
  const got = await client.getPrompt({ name: 'fix_notion_access', arguments: { target: FINANCE_URL } });

  assert.equal(got.messages.length, 1);
  const [msg] = got.messages;
  assert.equal(msg.role, 'user');
  assert.equal(msg.content.type, 'text');
  assert.match(msg.content.text, /validate_token/);
  assert.match(msg.content.text, /diagnose_access/);
  assert.ok(msg.content.text.includes(FINANCE_URL), 'the prompt does not quote the target');
});

test('prompts: setup_notion_integration works without its optional argument and quotes it when given', TIMEOUT, async (t) => {
  const { client } = await withClient(t, { listTools: false });
  const plain = await client.getPrompt({ name: 'setup_notion_integration' });
  assert.equal(plain.messages[0].role, 'user');
  assert.match(plain.messages[0].content.text, /notion-mcp:\/\/guide\/setup/);

  const withDb = await client.getPrompt({ name: 'setup_notion_integration', arguments: { database: FINANCE_URL } });
  assert.ok(withDb.messages[0].content.text.includes(FINANCE_URL));
});

test('prompts: fix_notion_access without its required target fails, and the session goes on', TIMEOUT, async (t) => {
  const { client } = await withClient(t, { listTools: false });
  await assert.rejects(client.getPrompt({ name: 'fix_notion_access' }), (err) => {
    assert.ok(err instanceof McpError, `got ${err?.constructor?.name}: ${err}`);
    assert.match(err.message, /target/);
    return true;
  });
  await assert.rejects(client.getPrompt({ name: 'fix_notion_access', arguments: { target: '  ' } }), McpError);
  await client.ping();
});

// ---------------------------------------------------------------- resources

test('resources: both guides are listed as markdown and read back', TIMEOUT, async (t) => {
  const { client } = await withClient(t, { listTools: false });
  assert.ok(client.getServerCapabilities()?.resources, 'server does not declare the resources capability');
  const { resources } = await client.listResources();
  const uris = resources.map((r) => r.uri).sort();
  assert.deepEqual(uris, ['notion-mcp://guide/errors', 'notion-mcp://guide/setup']);
  for (const r of resources) {
    assert.ok(r.name, `${r.uri} has no name`);
    assert.equal(r.mimeType, 'text/markdown');
  }

  const expected = {
    'notion-mcp://guide/setup': /Add connections/,
    'notion-mcp://guide/errors': /restricted_resource/,
  };
  for (const [uri, pattern] of Object.entries(expected)) {
    const { contents } = await client.readResource({ uri });
    assert.equal(contents.length, 1, uri);
    assert.equal(contents[0].uri, uri);
    assert.equal(contents[0].mimeType, 'text/markdown');
    assert.match(contents[0].text, /^#/m, `${uri} is not markdown`);
    assert.match(contents[0].text, pattern, uri);
  }
});

test('resources: an unknown URI rejects with an McpError', TIMEOUT, async (t) => {
  const { client } = await withClient(t, { listTools: false });
  await assert.rejects(client.readResource({ uri: 'notion-mcp://guide/nope' }), McpError);
  await client.ping();
});
