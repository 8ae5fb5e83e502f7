#!/usr/bin/env node
// Packs notion-mcp's MCP Bundles (.mcpb), one per platform, from a GoReleaser
// build (dist/artifacts.json): the platforms are those of server.json's mcpb
// packages, so the registry entry and the bundles cannot drift apart.
//
//   node mcpb/pack.mjs [--dist dist] [--server-json server.json --write-sha]
//
// Each bundle holds mcpb/manifest.json (its version set to the build's, its
// platforms narrowed to the bundle's OS), icon.png, LICENSE and one binary at
// server/notion-mcp (server/notion-mcp.exe on Windows, which the manifest's
// platform_overrides names). macOS gets the universal binary: a manifest can
// choose a command per OS, not per CPU (modelcontextprotocol/mcpb#10).
// --write-sha writes each bundle's SHA-256 into server.json (release only).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, copyFileSync, mkdirSync, openSync, readFileSync, readSync, closeSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const mcpbCLI = path.join(here, "node_modules", ".bin", "mcpb");

const args = { dist: "dist", "server-json": "server.json", "write-sha": false };
for (let i = 2; i < process.argv.length; i++) {
  const key = process.argv[i].replace(/^--/, "");
  if (!(key in args)) throw new Error(`unknown argument ${process.argv[i]}`);
  args[key] = typeof args[key] === "boolean" ? true : process.argv[++i];
}
const dist = path.resolve(root, args.dist);
const serverJSONPath = path.resolve(root, args["server-json"]);

const metadata = JSON.parse(readFileSync(path.join(dist, "metadata.json"), "utf8"));
const artifacts = JSON.parse(readFileSync(path.join(dist, "artifacts.json"), "utf8"));
const version = metadata.version.replace(/^v/, "");
const serverJSON = JSON.parse(readFileSync(serverJSONPath, "utf8"));
const manifest = JSON.parse(readFileSync(path.join(here, "manifest.json"), "utf8"));

// notion-mcp_<version>_<os>_<arch>.mcpb → the OS as the manifest names it.
const mcpbOS = { darwin: "darwin", linux: "linux", windows: "win32" };
const bundles = serverJSON.packages
  .filter((p) => p.registryType === "mcpb")
  .map((p) => {
    const m = /_(darwin|linux|windows)_(universal|amd64|arm64)\.mcpb$/.exec(p.identifier);
    if (!m) throw new Error(`server.json: cannot tell the platform of ${p.identifier}`);
    return { pkg: p, goos: m[1], arch: m[2], file: `notion-mcp_${version}_${m[1]}_${m[2]}.mcpb` };
  });
if (bundles.length === 0) throw new Error("server.json lists no mcpb package");

function binaryFor(goos, arch) {
  const goarch = arch === "universal" ? "all" : arch;
  const a = artifacts.find((x) => x.type === "Binary" && x.goos === goos && x.goarch === goarch);
  if (!a) throw new Error(`dist/artifacts.json has no ${goos}/${goarch} binary`);
  return path.resolve(root, a.path);
}

// A Mach-O fat binary starts with 0xcafebabe and lists its CPU types; a
// one-architecture binary would install fine and fail on half the Macs.
function assertUniversal(file) {
  const fd = openSync(file, "r");
  try {
    const head = Buffer.alloc(8 + 20 * 4);
    readSync(fd, head, 0, head.length, 0);
    if (head.readUInt32BE(0) !== 0xcafebabe) throw new Error(`${file} is not a universal binary`);
    const cpus = new Set();
    for (let i = 0; i < head.readUInt32BE(4) && i < 4; i++) cpus.add(head.readUInt32BE(8 + 20 * i));
    for (const [cpu, name] of [[0x01000007, "x86_64"], [0x0100000c, "arm64"]]) {
      if (!cpus.has(cpu)) throw new Error(`${file} has no ${name} slice`);
    }
  } finally {
    closeSync(fd);
  }
}

for (const b of bundles) {
  const stage = path.join(dist, "mcpb", `${b.goos}_${b.arch}`);
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(path.join(stage, "server"), { recursive: true });
  const exe = b.goos === "windows" ? "notion-mcp.exe" : "notion-mcp";
  const bin = binaryFor(b.goos, b.arch);
  if (b.arch === "universal") assertUniversal(bin);
  copyFileSync(bin, path.join(stage, "server", exe));
  chmodSync(path.join(stage, "server", exe), 0o755);
  copyFileSync(path.join(here, "icon.png"), path.join(stage, "icon.png"));
  copyFileSync(path.join(root, "LICENSE"), path.join(stage, "LICENSE"));
  const m = structuredClone(manifest);
  m.version = version;
  m.server.entry_point = `server/${exe}`;
  m.compatibility.platforms = [mcpbOS[b.goos]];
  writeFileSync(path.join(stage, "manifest.json"), JSON.stringify(m, null, 2) + "\n");
  execFileSync(mcpbCLI, ["validate", path.join(stage, "manifest.json")], { stdio: "inherit" });
  const out = path.join(dist, b.file);
  execFileSync(mcpbCLI, ["pack", stage, out], { stdio: "inherit" });
  b.sha256 = createHash("sha256").update(readFileSync(out)).digest("hex");
  console.log(`${b.file}  sha256 ${b.sha256}`);
}

if (args["write-sha"]) {
  for (const b of bundles) {
    if (!b.pkg.identifier.endsWith("/" + b.file)) {
      throw new Error(`server.json names ${b.pkg.identifier}, but this build packed ${b.file}: is VERSION the tag's version?`);
    }
    b.pkg.fileSha256 = b.sha256;
  }
  writeFileSync(serverJSONPath, JSON.stringify(serverJSON, null, 2) + "\n");
  console.log(`wrote the bundles' SHA-256 into ${path.relative(root, serverJSONPath)}`);
}
