# notion-mcp — `make test` is the whole test command (CI runs exactly this).
GO          ?= go
BIN         := bin/notion-mcp
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: build test lint unit interop docs bench demo clean release-check cross mcpb mcpb-validate package

# The version stamped into the binary, from `git describe` (scripts/version.sh),
# and the commit; the same -X flags as .goreleaser.yaml and the Dockerfile.
VERSION_STAMP ?= $(shell sh scripts/version.sh)
COMMIT        ?= $(shell git rev-parse HEAD 2>/dev/null)
LDFLAGS       := -s -w -X github.com/notion-mcp/notion-mcp/internal/cli.version=$(VERSION_STAMP) \
                 -X github.com/notion-mcp/notion-mcp/internal/cli.commit=$(COMMIT)

# A static binary: without libc and ld.so it starts faster and uses less
# memory; without the symbol table and DWARF (-s -w) fewer of its pages stay
# resident (about 2 MiB less peak RSS). Stack traces keep function names.
build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/notion-mcp

## test: formatting, vet, staticcheck, unit/e2e tests under -race (including the
## README tool-list check), then the interop tests through the official SDKs
## (TypeScript in interop/, Go in interop/gosdk, its own module), then the packaging checks. It prints how
## long each stage took.
test:
	@start=$$(date +%s); \
	for stage in lint unit interop package; do \
	  t0=$$(date +%s); \
	  $(MAKE) --no-print-directory $$stage || { echo "== make $$stage failed after $$(( $$(date +%s) - t0 )) s"; exit 1; }; \
	  echo "== make $$stage: $$(( $$(date +%s) - t0 )) s"; \
	done; \
	echo "== make test: $$(( $$(date +%s) - start )) s (load average now: $$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null))"

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './interop/*')); \
	  if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	# The release builds for macOS and Windows too: their code and tests must compile.
	GOOS=darwin $(GO) vet ./...
	GOOS=windows $(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

unit:
	$(GO) test -race -count=1 ./...

interop: build
	cd interop && npm ci --no-audit --no-fund --loglevel=error
	cd interop && NOTION_MCP_BIN="$(abspath $(BIN))" node --test
	cd interop/gosdk && $(GO) vet ./... && NOTION_MCP_BIN="$(abspath $(BIN))" $(GO) test -race -count=1 ./...

## docs: regenerate the README's tool list from the tool definitions.
docs:
	$(GO) test ./internal/cli -run "TestREADMEToolList|TestREADMEVerdicts" -update

## bench: side-by-side benchmark against the official Node server, a bare mcp-go
## server and a hand-written JSON-RPC loop, all in one run (not run by CI).
bench: build
	bash bench/run.sh

demo:
	$(GO) run ./cmd/notion-mcp doctor --demo

clean:
	rm -rf bin dist interop/node_modules mcpb/node_modules

# --- Packaging: release archives, MCP Bundles, registry entry (see .goreleaser.yaml, mcpb/, server.json).
GORELEASER := $(GO) run github.com/goreleaser/goreleaser/v2@v2.15.1
PLATFORMS  := linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64

## release-check: validate .goreleaser.yaml and build every release target into dist/ as a snapshot
## (GoReleaser is compiled from the Go module proxy on first use: minutes).
release-check:
	$(GORELEASER) check
	$(GORELEASER) build --snapshot --clean

## cross: build every release target with the plain Go toolchain (no GoReleaser).
cross:
	@for p in $(PLATFORMS); do echo "go build $$p"; \
	  GOOS=$${p%/*} GOARCH=$${p#*/} CGO_ENABLED=0 $(GO) build -trimpath -ldflags "$(LDFLAGS)" -o /dev/null ./cmd/notion-mcp || exit 1; done

mcpb/node_modules: mcpb/package-lock.json
	cd mcpb && npm ci --no-audit --no-fund --loglevel=error

## mcpb-validate: check mcpb/manifest.json with the pinned mcpb CLI.
mcpb-validate: mcpb/node_modules
	mcpb/node_modules/.bin/mcpb validate mcpb/manifest.json

## mcpb: pack one MCP Bundle per platform of server.json into dist/, from the snapshot build.
mcpb: release-check mcpb/node_modules
	node mcpb/pack.mjs --dist dist

## package (part of test): every release target built by GoReleaser from the real config, the bundle manifest
## validated and the bundles packed. PACKAGE_BUILD=cross builds the targets with plain `go build` instead.
## (The consistency of VERSION, server.json, the manifest and the Dockerfile is checked by `unit`.)
PACKAGE_BUILD ?= mcpb
package: mcpb-validate $(PACKAGE_BUILD)
