// startSandbox runs `notion-mcp sandbox` (the built-in sandbox workspace
// served as the Notion HTTP API) as a child process on a free loopback port
// and returns its base URL once it listens.

import { spawn } from 'node:child_process';

import { serverBinary } from './helpers.mjs';

/** The line Serve writes (internal/sandbox/http.go): "notion sandbox listening on http://HOST:PORT". */
const LISTENING = /notion sandbox listening on (http:\/\/[^\s]+)/;

const START_TIMEOUT_MS = 5_000;

/**
 * startSandbox spawns the sandbox with --listen 127.0.0.1:0 (the kernel
 * picks the port) and resolves when it has printed its address.
 *
 * Returns { baseUrl, child, stderr(), close() }; close() sends SIGTERM (then
 * SIGKILL after 2 s) and resolves with the exit status.
 */
export async function startSandbox({ databases = 0, faults = [] } = {}) {
  const args = ['sandbox', '--listen', '127.0.0.1:0'];
  if (databases > 0) args.push('--databases', String(databases));
  // KIND[:PATH_PREFIX], e.g. '529' or 'html_403:/v1/pages' (notion-mcp help sandbox).
  for (const f of faults) args.push('--fault', f);
  // The sandbox needs no environment; keep the runner's NOTION_* out anyway.
  const child = spawn(serverBinary(), args, {
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });

  const baseUrl = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`notion-mcp sandbox did not print its address within ${START_TIMEOUT_MS} ms; stderr:\n${stderr}`)),
      START_TIMEOUT_MS,
    );
    child.stderr.on('data', (chunk) => {
      stderr += chunk.toString('utf8');
      const m = LISTENING.exec(stderr);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    exited.then((status) => {
      clearTimeout(timer);
      reject(new Error(`notion-mcp sandbox exited (${JSON.stringify(status)}) before listening; stderr:\n${stderr}`));
    });
  }).catch(async (err) => {
    child.kill('SIGKILL');
    await exited;
    throw err;
  });

  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
      const status = await exited;
      clearTimeout(timer);
      return status;
    }
    return exited;
  };
  return { baseUrl, child, stderr: () => stderr, close };
}
