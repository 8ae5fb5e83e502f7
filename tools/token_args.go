package tools

import "github.com/notion-mcp/notion-mcp/internal/token"

// TokenArgs are the token-source arguments every networked tool takes. At
// most one may be given; with none, NOTION_TOKEN, NOTION_API_KEY,
// NOTION_API_TOKEN and NOTION_INTEGRATION_TOKEN are searched in order.
type TokenArgs struct {
	TokenEnv string `json:"token_env,omitempty" jsonschema:"Read the token from this environment variable; its name must contain NOTION."`
	EnvFile  string `json:"env_file,omitempty" jsonschema:"Read the token from this .env file (.env, .env.*, *.env; it never enters the chat)."`
	EnvKey   string `json:"env_key,omitempty" jsonschema:"Variable to read in env_file (name must contain NOTION); default NOTION_TOKEN, NOTION_API_KEY, …"`
	Token    string `json:"token,omitempty" jsonschema:"The token itself; avoid (it passes through the chat)."`
}

func (a TokenArgs) request() token.Request {
	return token.Request{TokenEnv: a.TokenEnv, EnvFile: a.EnvFile, EnvKey: a.EnvKey, Literal: a.Token, FromTool: true}
}
