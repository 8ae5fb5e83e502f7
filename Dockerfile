# syntax=docker/dockerfile:1
# notion-mcp as a container: a static Go binary on distroless static (CA
# certificates, a nonroot user, no shell, no libc). MCP clients run it with
#   docker run -i --rm -e NOTION_TOKEN ghcr.io/notion-mcp/notion-mcp
# Multi-arch: docker buildx build --platform linux/amd64,linux/arm64 \
#   --build-arg VERSION=$(cat VERSION) --build-arg COMMIT=$(git rev-parse HEAD) .

# The build runs on the builder's own platform and cross-compiles, so an arm64
# image needs no emulation.
FROM --platform=$BUILDPLATFORM golang:1.25 AS build
ARG TARGETOS
ARG TARGETARCH
# VERSION defaults to the VERSION file's release; the release workflow passes
# the tag's version (the tests check the two agree).
ARG VERSION=0.1.0
ARG COMMIT=
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -trimpath \
      -ldflags "-s -w -X github.com/notion-mcp/notion-mcp/internal/cli.version=${VERSION} -X github.com/notion-mcp/notion-mcp/internal/cli.commit=${COMMIT}" \
      -o /out/notion-mcp ./cmd/notion-mcp

FROM gcr.io/distroless/static-debian12:nonroot
ARG VERSION=0.1.0
# The MCP Registry checks this label against server.json's name before it
# accepts the image (docs: registry package-types, "Docker/OCI Images").
LABEL io.modelcontextprotocol.server.name="io.github.notion-mcp/notion-mcp" \
      org.opencontainers.image.title="notion-mcp" \
      org.opencontainers.image.description="MCP server that gets a Notion integration working" \
      org.opencontainers.image.source="https://github.com/notion-mcp/notion-mcp" \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.version="${VERSION}"
COPY --from=build /out/notion-mcp /notion-mcp
USER nonroot:nonroot
ENTRYPOINT ["/notion-mcp"]
