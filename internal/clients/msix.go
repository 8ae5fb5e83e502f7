package clients

import (
	"fmt"
	"os"
	"sort"
	"strings"
)

// Claude Desktop for Windows has been an MSIX package since February 2026,
// from the Microsoft Store and from claude.ai/download alike. A packaged
// app's %APPDATA% is redirected into its package folder, so it reads
// %LOCALAPPDATA%\Packages\Claude_<publisher id>\LocalCache\Roaming\Claude\claude_desktop_config.json
// and never the %APPDATA%\Claude\claude_desktop_config.json its
// documentation names, which Settings → Developer → Edit Config may still
// open. Entries written there are silently ignored: no server starts and no
// log is written. Sources: the reports in anthropics/claude-code#26073
// (package Claude_pzs8sxrjxfjjc, build 1.1.3189.0) and the fixes other MCP
// installers made for it (akitaonrails/ai-memory#250, hannesill/m4#54,
// taiste/harvest-mcp-server#12).

// msixPackagePrefix begins the package folder's name; the publisher id
// after it is matched whatever it is.
const msixPackagePrefix = "Claude_"

// msixConfigs are the config files of the packaged Claude Desktops under
// the user's %LOCALAPPDATA%\Packages (in name order; normally one), for
// goos "windows"; none elsewhere, or when the folder cannot be listed.
func msixConfigs(o Options) []string {
	if o.GOOS != "windows" {
		return nil
	}
	local := o.Getenv("LOCALAPPDATA")
	if local == "" {
		home := o.Getenv("USERPROFILE")
		if home == "" {
			home = o.Getenv("HOME")
		}
		if home == "" {
			return nil
		}
		local = home + `\AppData\Local`
	}
	readDir := o.ReadDir
	if readDir == nil {
		readDir = dirNames
	}
	names, err := readDir(local + `\Packages`)
	if err != nil {
		return nil
	}
	var out []string
	for _, n := range names {
		if len(n) > len(msixPackagePrefix) && strings.EqualFold(n[:len(msixPackagePrefix)], msixPackagePrefix) {
			out = append(out, local+`\Packages\`+n+`\LocalCache\Roaming\Claude\claude_desktop_config.json`)
		}
	}
	sort.Strings(out)
	return out
}

// dirNames lists a folder's entries by name.
func dirNames(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = e.Name()
	}
	return names, nil
}

// msixShadowed flags Claude Desktop's %APPDATA% config (appData) when a
// packaged Claude Desktop reads another file (msix, from msixConfigs): its
// servers are ignored. It is an error when the packaged app's own config
// has no Notion server (the user's entry is lost), a warning otherwise
// (edits to this file do nothing).
func msixShadowed(rep *Report, msix []string, appData string) {
	if len(msix) == 0 {
		return
	}
	msixHasNotion := false
	for _, c := range rep.Configs {
		for _, m := range msix {
			if c.Client == ClaudeDesktop && c.Path == SafePath(m) && len(c.Servers) > 0 {
				msixHasNotion = true
			}
		}
	}
	for i := range rep.Configs {
		c := &rep.Configs[i]
		if c.Client != ClaudeDesktop || c.Status == StatusMissing || c.Path != SafePath(appData) {
			continue
		}
		c.ignored = true
		sev := SevError
		lost := "the Notion entry here never reaches it"
		if msixHasNotion || len(c.Servers) == 0 {
			sev, lost = SevWarning, "nothing written here takes effect"
		}
		c.Problems = append(c.Problems, Problem{Code: "config_not_read", Severity: sev,
			Message: fmt.Sprintf("Claude Desktop is installed as an MSIX package, which reads %s instead of this file (Windows redirects the packaged app's %%APPDATA%%): %s, and it starts no server and writes no log to say so.",
				SafePath(msix[0]), lost),
			Fix: fmt.Sprintf("Put the Notion server's entry in %s (create the file if it is missing; Settings → Developer → Edit Config may open this one instead), then quit Claude Desktop from the system tray and start it again.",
				SafePath(msix[0]))})
	}
}

// claudeAppDataConfig is the Claude Desktop config its documentation names
// for o.GOOS (on Windows, under %APPDATA%).
func claudeAppDataConfig(o Options) string {
	for _, l := range Locations(o.GOOS, o.Getenv, "") {
		if l.Client == ClaudeDesktop {
			return l.Path
		}
	}
	return ""
}
