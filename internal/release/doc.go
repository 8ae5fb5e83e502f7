// Package release checks that what notion-mcp ships agrees with its code:
// the VERSION file, the registry entry (server.json), the MCP Bundle manifest
// (mcpb/manifest.json), the Dockerfile, .goreleaser.yaml and the version
// stamping of `make build` (scripts/version.sh). It has no code of its own
// beyond its tests; `go test ./internal/release -update` rewrites the bundle
// manifest's tool and prompt lists from the server's registry.
package release
