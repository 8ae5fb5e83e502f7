#!/usr/bin/env bash
# Side-by-side benchmark: notion-mcp against the official Node server
# @notionhq/notion-mcp-server, and against two floors built here from
# bench/baremcpgo (a bare mcp-go stdio server with one trivial tool) and
# bench/bareloop (a hand-written JSON-RPC loop), all measured in the same run
# on this machine. Run from anywhere: `make bench` or `bash bench/run.sh`.
# Extra arguments go to the measuring program (e.g. -runs 21 -calls 50000;
# `-only floor` skips the official server and its npm install). Not run by CI.
#
# Needs Go, Node and npm, and the npm registry for the one install; neither
# server is pointed at the real Notion API.
set -euo pipefail

cd "$(dirname "$0")/.."

# Before building, so that the build and install do not count.
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

OFFICIAL_PKG="@notionhq/notion-mcp-server@2.5.2"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/notion-mcp-bench.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

# The same flags for notion-mcp and the floors (make build's): a static
# binary without symbol table or DWARF, which are never loaded but leave
# fewer of the binary's pages in memory when dropped.
LDFLAGS="${LDFLAGS:--s -w}"
echo "== building notion-mcp" >&2
CGO_ENABLED=${CGO_ENABLED:-0} go build -ldflags="$LDFLAGS" -o bin/notion-mcp ./cmd/notion-mcp

echo "== building the floors: bench/baremcpgo and bench/bareloop" >&2
CGO_ENABLED=${CGO_ENABLED:-0} go build -ldflags="$LDFLAGS" -o "$tmp/baremcpgo" ./bench/baremcpgo
CGO_ENABLED=${CGO_ENABLED:-0} go build -ldflags="$LDFLAGS" -o "$tmp/bareloop" ./bench/bareloop

only=""
prev=""
for a in "$@"; do
  case "$a" in -only=*|--only=*) only="${a#*=}" ;; esac
  case "$prev" in -only|--only) only="$a" ;; esac
  prev="$a"
done

official=()
if [ -z "$only" ]; then
  echo "== installing $OFFICIAL_PKG into $tmp" >&2
  npm install --prefix "$tmp" --no-audit --no-fund --loglevel=error "$OFFICIAL_PKG" >&2

  pkgdir="$tmp/node_modules/@notionhq/notion-mcp-server"
  # "bin" is either a path or a map of command name to path; take the first.
  entry="$(node -e '
    const p = require(process.argv[1] + "/package.json");
    const b = typeof p.bin === "string" ? p.bin : Object.values(p.bin || {})[0];
    if (!b) { console.error("no bin in package.json"); process.exit(1); }
    console.log(require("path").resolve(process.argv[1], b));
  ' "$pkgdir")"
  official=(-official "$entry" -node "$(command -v node)")
fi

cmd=(go run ./bench/sidebyside -ours bin/notion-mcp "${official[@]}" -baremcpgo "$tmp/baremcpgo" -bareloop "$tmp/bareloop" "$@")

echo "notion-mcp side-by-side benchmark"
echo "command:    bash bench/run.sh${*:+ $*}   (make bench runs it after make build)"
echo "measuring:  ${cmd[*]}"
echo "date:       $(date -u '+%Y-%m-%dT%H:%M:%SZ')"
echo "commit:     $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
echo "go version: $(go version)"
[ -n "$only" ] || echo "node:       $(node --version), npm $(npm --version 2>/dev/null)"
echo "nproc:      $(nproc)"
echo "cpu:        $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)"
echo "kernel:     $(uname -sr)"
echo "load avg:   $load_before (before building; other work on the machine slows both servers)"
if awk -v n="$(nproc)" '{ exit !($1 >= n / 2) }' <<<"$load_before"; then
  echo "WARNING:    the machine is busy (1-minute load ≥ nproc/2): times and throughput will not be representative"
fi
echo "binary:     bin/notion-mcp, $(wc -c <bin/notion-mcp) bytes, $(go version -m bin/notion-mcp | grep -o 'CGO_ENABLED=[01]'), -ldflags=\"$LDFLAGS\""
echo "floors:     bench/baremcpgo $(wc -c <"$tmp/baremcpgo") bytes, bench/bareloop $(wc -c <"$tmp/bareloop") bytes (same build flags)"

"${cmd[@]}"
