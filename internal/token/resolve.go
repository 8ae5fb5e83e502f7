package token

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
)

// EnvNames are the environment variables searched for a token, in order.
var EnvNames = []string{"NOTION_TOKEN", "NOTION_API_KEY", "NOTION_API_TOKEN", "NOTION_INTEGRATION_TOKEN"}

// SourceArgument is the source name of a token passed as a tool argument.
const SourceArgument = "argument"

// Sentinel errors of Resolve, for errors.Is.
var (
	// ErrMissing: no token was found where the request said to look.
	ErrMissing = errors.New("no Notion token")
	// ErrTwoSources: the request named more than one place to take a token from.
	ErrTwoSources = errors.New("more than one token source")
)

// Source names a place a token can come from, e.g. "env:NOTION_TOKEN",
// "env_file:/p/.env#NOTION_TOKEN", "argument" or "env:MY_VAR".
type Source struct {
	Name string `json:"name"`
}

// Request says where to take the token from. At most one of TokenEnv, EnvFile
// and Literal may be set; with none, EnvNames are searched in order.
type Request struct {
	TokenEnv string // name of an environment variable holding the token
	EnvFile  string // path of a .env file
	EnvKey   string // key to read in EnvFile; default: EnvNames in order
	Literal  string // the token itself (passed through the conversation)
	// FromTool: the request comes from a tool call, whose arguments a model
	// wrote and text it read may have steered. Then TokenEnv and EnvKey must
	// name a variable whose name contains NOTION, and EnvFile a file of the
	// .env family (IsDotenvName); refused files all get the same message.
	// The command line leaves it false: a person typed the names.
	FromTool bool
}

// NoSource reports whether req names no source, so the environment is
// searched.
func (req Request) NoSource() bool {
	return req.TokenEnv == "" && req.EnvFile == "" && req.EnvKey == "" && req.Literal == ""
}

// NotionName reports whether a variable name says it holds a Notion token:
// it contains NOTION, in any case. Through a tool, only such variables are
// read, so a steered call cannot send AWS_SECRET_ACCESS_KEY to Notion.
func NotionName(name string) bool {
	return strings.Contains(strings.ToUpper(name), "NOTION")
}

// resolveError carries a user-facing message and the sentinel it matches.
type resolveError struct {
	msg  string
	kind error
}

// Error returns the user-facing message.
func (e *resolveError) Error() string { return e.msg }

// Unwrap returns the sentinel (ErrMissing or ErrTwoSources).
func (e *resolveError) Unwrap() error { return e.kind }

func errorf(kind error, format string, args ...any) error {
	return &resolveError{msg: fmt.Sprintf(format, args...), kind: kind}
}

// Resolve finds the token req points at. env is os.Getenv in production. The
// errors name variables and paths, never a value; a name or path that itself
// looks like a token is not echoed either. A value that cleans down to nothing
// (say, only quotes) still resolves: the Token IsZero and its Format says why.
func Resolve(env func(string) string, req Request) (*Token, error) {
	var set []string
	if req.TokenEnv != "" {
		set = append(set, "token_env")
	}
	if req.EnvFile != "" {
		set = append(set, "env_file")
	}
	if req.Literal != "" {
		set = append(set, "token")
	}
	if len(set) > 1 {
		return nil, errorf(ErrTwoSources, "give only one of token_env, env_file or token (got %s)", strings.Join(set, " and "))
	}
	if req.EnvKey != "" && req.EnvFile == "" {
		return nil, errors.New("env_key only applies together with env_file")
	}
	switch {
	case req.Literal != "":
		return New(req.Literal, SourceArgument), nil
	case req.TokenEnv != "":
		if !validName(req.TokenEnv) {
			return nil, fmt.Errorf("token_env must be the name of an environment variable, such as NOTION_TOKEN; got %s", safe(req.TokenEnv))
		}
		if req.FromTool && !NotionName(req.TokenEnv) {
			return nil, fmt.Errorf("token_env %s was not read: through a tool, token_env may only name a variable whose name contains NOTION (such as NOTION_TOKEN or ACME_NOTION_KEY), so that no other secret of this process is sent to Notion; rename the variable in the env block of your MCP client's config", safe(req.TokenEnv))
		}
		v := env(req.TokenEnv)
		if strings.TrimSpace(v) == "" {
			return nil, errorf(ErrMissing, "environment variable %s is not set (or is empty) in this server's process; set it in the env block of your MCP client's config for this server", req.TokenEnv)
		}
		return New(v, "env:"+req.TokenEnv), nil
	case req.EnvFile != "":
		return fromFile(req.EnvFile, req.EnvKey, req.FromTool)
	}
	for _, name := range EnvNames {
		if v := env(name); strings.TrimSpace(v) != "" {
			return New(v, "env:"+name), nil
		}
	}
	return nil, errorf(ErrMissing, "none of %s is set in this server's process; set NOTION_TOKEN in the env block of your MCP client's config for this server (a variable exported in your shell does not reach a server the client starts)", strings.Join(EnvNames, ", "))
}

func fromFile(path, key string, fromTool bool) (*Token, error) {
	// Everything about the names is checked before the file system is
	// touched.
	if looksLikeToken(path) {
		return nil, fmt.Errorf("env_file must be the path of a .env file; got %s", safe(path))
	}
	if key != "" && !validName(key) {
		return nil, fmt.Errorf("env_key must be a variable name, such as NOTION_TOKEN; got %s", safe(key))
	}
	if fromTool && key != "" && !NotionName(key) {
		return nil, fmt.Errorf("env_key %s was not read: through a tool, env_key may only name a variable whose name contains NOTION (such as NOTION_TOKEN), so that no other secret in the file is sent to Notion", safe(key))
	}
	if len(path) > maxPathLen || strings.IndexByte(path, 0) >= 0 {
		return nil, errors.New("env_file must be the path of a .env file; got a value too long to be a path, or holding a NUL byte")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	where := fmt.Sprintf("%q", path)
	if abs != path {
		where = fmt.Sprintf("%q (resolved against the server's working directory to %q)", path, abs)
	}
	if fromTool && !IsDotenvName(abs) {
		return nil, refusedFile(where)
	}
	data, err := readEnvFile(abs, fromTool)
	if err != nil {
		if fromTool {
			return nil, refusedFile(where)
		}
		return nil, fmt.Errorf("env_file %s was not read: %s", where, describeFileError(err))
	}
	// Names are listed only from a file that passed the checks above.
	vals, _ := ParseDotenv(data)
	keys := EnvNames
	if key != "" {
		keys = []string{key}
	}
	for _, k := range keys {
		if v, ok := vals[k]; ok && strings.TrimSpace(v) != "" {
			return New(v, "env_file:"+abs+"#"+k), nil
		}
	}
	present := make([]string, 0, len(vals))
	for k := range vals {
		if validName(k) {
			present = append(present, k)
		}
	}
	sort.Strings(present)
	have := "it defines no variables"
	if len(present) > 0 {
		have = "it defines " + strings.Join(present, ", ")
	}
	return nil, errorf(ErrMissing, "env_file %s has no non-empty %s (%s)", where, strings.Join(keys, " or "), have)
}

// Candidates lists the variables of EnvNames that hold a non-empty value, in
// order, so a tool can say which one was used and which were ignored.
func Candidates(env func(string) string) []Source {
	var out []Source
	for _, name := range EnvNames {
		if strings.TrimSpace(env(name)) != "" {
			out = append(out, Source{Name: "env:" + name})
		}
	}
	return out
}

// validName reports whether s can be an environment variable name (any case)
// and does not look like a token pasted in the wrong field.
func validName(s string) bool {
	return IsEnvName(s) && !looksLikeToken(s) && len(s) <= 128
}

// IsEnvName reports whether s is shaped like an environment variable name:
// letters of either case, digits and underscores, not starting with a digit.
func IsEnvName(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// looksLikeToken reports whether s holds a token-like run anywhere: a value
// such as "NOTION_TOKEN=ntn_…" or "Bearer ntn_…" typed where a name or path
// belongs must not be echoed either.
func looksLikeToken(s string) bool {
	return ShapedRun.MatchString(s)
}

// safe quotes s for an error message unless it looks like a secret.
func safe(s string) string {
	if looksLikeToken(s) {
		return "a value that looks like a token itself (hidden; never paste the token here)"
	}
	if len(s) > 40 {
		return "a value too long to be a name (hidden)"
	}
	return fmt.Sprintf("%q", s)
}

// reason is the part of a file error that does not repeat the path.
func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
