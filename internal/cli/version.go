package cli

import (
	"encoding/json"
	goruntime "runtime"
	"runtime/debug"
	"strings"
)

// version is stamped at build time by `make build` and GoReleaser:
//
//	go build -ldflags "-X github.com/notion-mcp/notion-mcp/internal/cli.version=1.2.3"
//
// When it is empty, Version falls back to the module's build info. commit is
// stamped the same way, for builds made without VCS stamping (-buildvcs=false).
var version, commit string

// BuildInfo is what `notion-mcp version --json` prints.
type BuildInfo struct {
	Version   string `json:"version"`            // semantic version, without a leading v
	Commit    string `json:"commit,omitempty"`   // VCS revision the binary was built from, when known
	Modified  bool   `json:"modified,omitempty"` // built from a tree with uncommitted changes
	GoVersion string `json:"go_version"`         // Go toolchain that built it
	Platform  string `json:"platform"`           // GOOS/GOARCH
	Source    string `json:"version_source"`     // "ldflags", "module" or "vcs": where Version came from
}

// Version is the binary's semantic version: the one stamped with -ldflags -X,
// else the module version from the build info (`go install …@v1.2.3`), else
// 0.0.0-dev plus the VCS revision when the build recorded one.
func Version() string { return readBuildInfo().Version }

func readBuildInfo() BuildInfo {
	b := BuildInfo{GoVersion: goruntime.Version(), Platform: goruntime.GOOS + "/" + goruntime.GOARCH}
	bi, ok := debug.ReadBuildInfo()
	if ok {
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				b.Commit = s.Value
			case "vcs.modified":
				b.Modified = s.Value == "true"
			}
		}
	}
	if commit != "" {
		b.Commit = commit
	}
	switch {
	case version != "":
		b.Version, b.Source = strings.TrimPrefix(version, "v"), "ldflags"
	case ok && bi.Main.Version != "" && bi.Main.Version != "(devel)":
		// A tagged `go install`, or (Go 1.24+) a pseudo-version such as
		// v0.0.0-20261201174400-ec6c752abcde+dirty built from a checkout.
		b.Version, b.Source = strings.TrimPrefix(bi.Main.Version, "v"), "module"
	default:
		b.Version, b.Source = devVersion(b.Commit, b.Modified), "vcs"
	}
	return b
}

// devVersion is a semantic version for a build that knows no release:
// 0.0.0-dev, with the short revision and a dirty mark as build metadata.
func devVersion(commit string, modified bool) string {
	var meta []string
	if len(commit) >= 12 {
		meta = append(meta, commit[:12])
	}
	if modified {
		meta = append(meta, "dirty")
	}
	if len(meta) == 0 {
		return "0.0.0-dev"
	}
	return "0.0.0-dev+" + strings.Join(meta, ".")
}

func (b BuildInfo) json() []byte {
	out, _ := json.MarshalIndent(b, "", "  ")
	return append(out, '\n')
}
