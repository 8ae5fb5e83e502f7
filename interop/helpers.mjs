// Shared helpers for the interop tests: they start notion-mcp as a real
// client would (the official TypeScript SDK's Client over stdio) and drive
// calls with progress and cancellation. No MCP code of ours is used here, so
// a test that passes says an independent client agrees with the server.

import { accessSync, constants } from 'node:fs';
import { isAbsolute } from 'node:path';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

/** Default per-request timeout: every call here is local and quick. */
export const REQUEST_TIMEOUT_MS = 5_000;

/** Server stderr kept per client, enough for a failure message. */
const STDERR_LIMIT = 64 * 1024;

/**
 * serverBinary returns the absolute path in NOTION_MCP_BIN, or throws saying
 * how to set it.
 */
export function serverBinary() {
  const bin = process.env.NOTION_MCP_BIN;
  const how =
    'build the server and point NOTION_MCP_BIN at it, e.g. from the repo root: ' +
    'go build -o bin/notion-mcp ./cmd/notion-mcp && cd interop && NOTION_MCP_BIN=$PWD/../bin/notion-mcp node --test';
  if (!bin) {
    throw new Error(`NOTION_MCP_BIN is not set: ${how}`);
  }
  if (!isAbsolute(bin)) {
    throw new Error(`NOTION_MCP_BIN must be an absolute path, got ${JSON.stringify(bin)}: ${how}`);
  }
  try {
    accessSync(bin, constants.X_OK);
  } catch (err) {
    throw new Error(`NOTION_MCP_BIN=${bin} is not an executable file (${err.code ?? err.message}): ${how}`);
  }
  return bin;
}

// RecordingTransport is the SDK's stdio transport plus a record of what went
// over the wire, the negotiated protocol version and the server's exit status.
class RecordingTransport extends StdioClientTransport {
  constructor(params) {
    super(params);
    /** Every JSON-RPC message, in order: { dir: 'sent' | 'received', message }. */
    this.wire = [];
    /** Set by the Client after initialize. */
    this.protocolVersion = undefined;
    /** { code, signal } once the server process has exited. */
    this.exitStatus = undefined;
    this.started = false;
    this.exited = new Promise((resolve) => {
      this._resolveExited = resolve;
    });
    // The Client keeps a handler set before connect and calls it first.
    this.onmessage = (message) => this.wire.push({ dir: 'received', message });
  }

  async start() {
    await super.start();
    this.started = true;
    // _process is the SDK's; it is read only to learn how the server ended.
    this._process?.once('exit', (code, signal) => {
      this.exitStatus = { code, signal };
      this._resolveExited(this.exitStatus);
    });
  }

  send(message, options) {
    this.wire.push({ dir: 'sent', message });
    return super.send(message, options);
  }

  setProtocolVersion(version) {
    this.protocolVersion = version;
  }
}

/**
 * startClient spawns the server with the given extra environment and
 * arguments, connects (initialize), and by default lists the tools, as real
 * clients do: the SDK validates structuredContent only against output
 * schemas it has seen in tools/list.
 *
 * The server gets only the SDK's small default environment (PATH, HOME, …)
 * plus `env`, so a NOTION_TOKEN in the runner's environment never leaks in.
 *
 * Returns { client, transport, tools, errors, stderr(), close() }.
 */
export async function startClient({
  env = {},
  args = [],
  listTools = true,
  clientInfo = { name: 'notion-mcp-interop', version: '0.0.0' },
  capabilities = {},
} = {}) {
  const transport = new RecordingTransport({
    command: serverBinary(),
    args,
    env,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr.on('data', (chunk) => {
    if (stderr.length < STDERR_LIMIT) stderr += chunk.toString('utf8');
  });

  const client = new Client(clientInfo, { capabilities });
  // Errors the SDK reports outside any request (a reply to a cancelled
  // request, a progress token it does not know); tests may assert on them.
  const errors = [];
  client.onerror = (err) => errors.push(err);

  const handle = {
    client,
    transport,
    errors,
    tools: [],
    stderr: () => stderr,
    close: () => closeClient(handle),
  };
  try {
    await client.connect(transport, { timeout: REQUEST_TIMEOUT_MS });
    if (listTools) {
      handle.tools = (await client.listTools(undefined, { timeout: REQUEST_TIMEOUT_MS })).tools;
    }
  } catch (err) {
    await closeClient(handle);
    err.message += `\nserver stderr:\n${stderr}`;
    throw err;
  }
  return handle;
}

/**
 * closeClient closes the connection the way the SDK does (end stdin, then
 * SIGTERM after 2 s, SIGKILL after 4 s) and returns the server's exit
 * status: { code: 0, signal: null } when it stopped by itself on EOF, or
 * undefined if the server never started.
 */
export async function closeClient(handle) {
  await handle.client.close();
  if (!handle.transport.started) return undefined;
  return handle.transport.exitStatus ?? (await handle.transport.exited);
}

/**
 * withClient starts a client for one test and closes it when the test ends,
 * pass or fail.
 */
export async function withClient(t, options) {
  const handle = await startClient(options);
  t.after(() => closeClient(handle));
  return handle;
}

/**
 * callWithProgress calls a tool with a progress token and collects every
 * notifications/progress the server sends for it. Each notification resets
 * the request timeout, so a long call that keeps reporting is not cut off;
 * maxTotalTimeout still bounds it.
 *
 * Returns { result, progress } where progress is a list of
 * { progress, total?, message? } in arrival order.
 */
export async function callWithProgress(
  client,
  params,
  { timeout = REQUEST_TIMEOUT_MS, maxTotalTimeout = 4 * REQUEST_TIMEOUT_MS } = {},
) {
  const progress = [];
  const result = await client.callTool(params, undefined, {
    onprogress: (p) => progress.push(p),
    resetTimeoutOnProgress: true,
    timeout,
    maxTotalTimeout,
  });
  return { result, progress };
}

/**
 * cancelCall calls a tool and cancels it through an AbortSignal, which makes
 * the SDK send notifications/cancelled and reject the call.
 *
 * `when` says when to abort:
 *   'sent'     — right after the request is written (before any reply can
 *                be read, so the abort always wins);
 *   'progress' — on the first progress notification;
 *   a number   — after that many milliseconds.
 *
 * Returns { error, progress }: the rejection (an McpError carrying `reason`
 * in its message) and the progress seen before the abort. Throws if the call
 * finished before it was cancelled.
 */
export async function cancelCall(
  client,
  params,
  { when = 'sent', reason = 'cancelled by the interop test', timeout = REQUEST_TIMEOUT_MS } = {},
) {
  if (!(when === 'sent' || when === 'progress' || typeof when === 'number')) {
    throw new TypeError(`cancelCall: when must be 'sent', 'progress' or a number, not ${JSON.stringify(when)}`);
  }
  const controller = new AbortController();
  const progress = [];
  const options = { signal: controller.signal, timeout };
  if (when === 'progress') {
    options.onprogress = (p) => {
      progress.push(p);
      controller.abort(reason);
    };
  }
  const call = client.callTool(params, undefined, options);
  let timer;
  if (when === 'sent') {
    controller.abort(reason);
  } else if (typeof when === 'number') {
    timer = setTimeout(() => controller.abort(reason), when);
  }
  let result;
  try {
    result = await call;
  } catch (error) {
    if (!controller.signal.aborted) throw error;
    return { error, progress };
  } finally {
    clearTimeout(timer);
  }
  const err = new Error(`${params.name} finished before it was cancelled (when=${JSON.stringify(when)})`);
  err.result = result;
  throw err;
}

/** toolText joins the text content of a tool result. */
export function toolText(result) {
  return (result.content ?? [])
    .filter((c) => c.type === 'text')
    .map((c) => c.text)
    .join('\n');
}
