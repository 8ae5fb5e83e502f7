// Interop: notion-mcp driven by the official TypeScript SDK's Client over
// stdio. Every test starts its own server, so they are independent.
//
//   go build -o bin/notion-mcp ./cmd/notion-mcp
//   cd interop && npm ci && NOTION_MCP_BIN=$PWD/../bin/notion-mcp node --test

import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { test } from 'node:test';

import { APIResponseError, Client as NotionClient, LogLevel } from '@notionhq/client';
import { LATEST_PROTOCOL_VERSION, McpError } from '@modelcontextprotocol/sdk/types.js';

import { callWithProgress, cancelCall, serverBinary, toolText, withClient } from './helpers.mjs';

// Fail once, with the fix, rather than once per test.
serverBinary();

const TIMEOUT = { timeout: 10_000 };

const DATABASE_ID = '1f2e3d4c-5b6a-7988-0123-456789abcdef';
const DATABASE_COMPACT = DATABASE_ID.replaceAll('-', '');
const VIEW_COMPACT = 'aa11bb22cc33dd44ee55ff6677889900';
const DATABASE_LINK = `https://www.notion.so/acme/Tasks-${DATABASE_COMPACT}?v=${VIEW_COMPACT}`;

// The body Notion sends for a database the integration cannot see.
const NOT_FOUND_BODY = JSON.stringify({
  object: 'error',
  status: 404,
  code: 'object_not_found',
  message:
    `Could not find database with ID: ${DATABASE_ID}. ` +
    'Make sure the relevant pages and databases are shared with your integration "Acme Sync".',
  request_id: '8b1c4a0e-1d2f-4e5a-9b6c-7d8e9f0a1b2c',
});

const HINTS = ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'];

test('connect: initialize negotiates the SDK’s latest protocol and the server exits on EOF', TIMEOUT, async (t) => {
  const h = await withClient(t, { listTools: false });
  const { client, transport } = h;

  assert.equal(transport.protocolVersion, LATEST_PROTOCOL_VERSION);
  const info = client.getServerVersion();
  assert.equal(info?.name, 'notion-mcp');
  assert.ok(info?.version, 'serverInfo.version is empty');
  assert.ok(client.getServerCapabilities()?.tools, 'server does not declare the tools capability');
  assert.match(client.getInstructions() ?? '', /extract_notion_id/, 'instructions do not describe the tools');
  await client.ping();

  assert.deepEqual(await h.close(), { code: 0, signal: null }, `server did not exit cleanly on EOF; stderr:\n${h.stderr()}`);
});

test('listTools: every tool has an outputSchema and sets all four hints', TIMEOUT, async (t) => {
  const { tools } = await withClient(t);

  assert.ok(tools.some((tool) => tool.name === 'extract_notion_id'), 'tools/list lacks extract_notion_id');
  for (const tool of tools) {
    assert.match(tool.name, /^[a-z]+(_[a-z]+)+$/, `tool name ${tool.name} is not snake_case verb_noun`);
    assert.ok(tool.description, `${tool.name} has no description`);
    assert.equal(tool.inputSchema?.type, 'object', `${tool.name} inputSchema`);
    assert.equal(tool.outputSchema?.type, 'object', `${tool.name} has no outputSchema`);
    for (const hint of HINTS) {
      assert.equal(typeof tool.annotations?.[hint], 'boolean', `${tool.name} does not set ${hint}`);
    }
  }
});

test('extract_notion_id: a database link with ?v= passes the SDK’s outputSchema check', TIMEOUT, async (t) => {
  const { client } = await withClient(t);
  // The SDK validates structuredContent only with a validator it built from
  // tools/list; make sure it has one, or the check below proves nothing.
  assert.equal(typeof client.getToolOutputValidator('extract_notion_id'), 'function');

  // callTool throws an McpError if structuredContent does not match.
  const result = await client.callTool({ name: 'extract_notion_id', arguments: { input: DATABASE_LINK } });

  assert.ok(!result.isError, toolText(result));
  const got = result.structuredContent;
  assert.equal(got.id, DATABASE_ID);
  assert.equal(got.compact, DATABASE_COMPACT);
  assert.equal(got.kind, 'database');
  assert.equal(got.view_id, VIEW_COMPACT.replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-'));
  assert.equal(got.source, 'url');
  // Clients without structuredContent read the text: it must say the same.
  assert.deepEqual(JSON.parse(toolText(result)), got);
});

test('extract_notion_id: pasted 404 errors give the database ID', TIMEOUT, async (t) => {
  const { client } = await withClient(t);
  const pasted = {
    'the raw response body': NOT_FOUND_BODY,
    'what @notionhq/client prints for it': await notionClientError(NOT_FOUND_BODY),
  };
  for (const [name, input] of Object.entries(pasted)) {
    await t.test(name, async () => {
      const result = await client.callTool({ name: 'extract_notion_id', arguments: { input } });
      assert.ok(!result.isError, toolText(result));
      assert.equal(result.structuredContent.id, DATABASE_ID);
      assert.equal(result.structuredContent.kind, 'database');
      assert.equal(result.structuredContent.source, 'text');
    });
  }
});

test('extract_notion_id: input with no ID is an isError result saying how to copy a link', TIMEOUT, async (t) => {
  const { client } = await withClient(t);
  const result = await client.callTool({ name: 'extract_notion_id', arguments: { input: 'my Tasks database' } });

  assert.equal(result.isError, true);
  assert.equal(result.structuredContent, undefined);
  assert.match(toolText(result), /Copy link/);
});

test('extract_notion_id: an argument of the wrong type is an isError result naming it', TIMEOUT, async (t) => {
  const { client } = await withClient(t);
  const result = await client.callTool({ name: 'extract_notion_id', arguments: { input: 42 } });

  assert.equal(result.isError, true);
  assert.match(toolText(result), /"input"/);
});

test('an unknown tool rejects with an McpError and the session goes on', TIMEOUT, async (t) => {
  const { client } = await withClient(t);
  await assert.rejects(client.callTool({ name: 'no_such_tool', arguments: {} }), (err) => {
    assert.ok(err instanceof McpError, `got ${err?.constructor?.name}: ${err}`);
    assert.equal(typeof err.code, 'number');
    assert.match(err.message, /no_such_tool/);
    return true;
  });
  await client.ping();
});

test('a call with a progress token is answered (callWithProgress)', TIMEOUT, async (t) => {
  const { client, errors } = await withClient(t);
  const { result, progress } = await callWithProgress(client, {
    name: 'extract_notion_id',
    arguments: { input: DATABASE_COMPACT },
  });

  assert.ok(!result.isError, toolText(result));
  assert.equal(result.structuredContent.id, DATABASE_ID);
  // A quick tool may send none; any it sends must be well formed and rising.
  let last = -Infinity;
  for (const p of progress) {
    assert.equal(typeof p.progress, 'number');
    assert.ok(p.progress > last, `progress went from ${last} to ${p.progress}`);
    last = p.progress;
  }
  assert.deepEqual(errors, []);
});

test('a cancelled call rejects and the session goes on (cancelCall)', TIMEOUT, async (t) => {
  const { client, transport } = await withClient(t);
  const { error } = await cancelCall(
    client,
    { name: 'extract_notion_id', arguments: { input: DATABASE_LINK } },
    { when: 'sent', reason: 'user pressed stop' },
  );
  assert.ok(error instanceof McpError, `got ${error?.constructor?.name}: ${error}`);
  assert.match(error.message, /user pressed stop/);
  const sent = transport.wire.filter((w) => w.dir === 'sent').map((w) => w.message);
  const call = sent.find((m) => m.method === 'tools/call');
  assert.ok(
    sent.some((m) => m.method === 'notifications/cancelled' && m.params.requestId === call.id),
    'the SDK sent no notifications/cancelled for the call',
  );

  // The server got notifications/cancelled for a request it may already have
  // answered; it must keep serving.
  await client.ping();
  const result = await client.callTool({ name: 'extract_notion_id', arguments: { input: DATABASE_LINK } });
  assert.equal(result.structuredContent.id, DATABASE_ID);
});

// notionClientError returns what the official Notion SDK prints when a call
// gets `body` with status 404: what a user would paste from a terminal. The
// "API" is a loopback server; nothing leaves the machine.
async function notionClientError(body) {
  const server = createServer((_req, res) => {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const notion = new NotionClient({
      auth: 'ntn_interop_not_a_real_token',
      baseUrl: `http://127.0.0.1:${server.address().port}`,
      logLevel: LogLevel.ERROR,
      retry: false,
    });
    await notion.databases.retrieve({ database_id: DATABASE_COMPACT });
  } catch (err) {
    assert.ok(err instanceof APIResponseError, `got ${err}`);
    return err.stack;
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  assert.fail('@notionhq/client did not throw for a 404');
}
