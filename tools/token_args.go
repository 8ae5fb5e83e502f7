package tools

import "github.com/notion-mcp/notion-mcp/internal/token"

// TokenArgs are the token-source arguments every networked tool takes. At
// most one may be given; with none, NOTION_TOKEN, NOTION_API_KEY,
// NOTION_API_TOKEN and NOTION_INTEGRATION_TOKEN are searched in order.
type TokenArgs struct {
	TokenEnv string `json:"token_env,omitempty" jsonschema:"Env var with the token (name has NOTION)."`
	EnvFile  string `json:"env_file,omitempty" jsonschema:"A .env file with the token."`
	EnvKey   string `json:"env_key,omitempty" jsonschema:"Its variable; default NOTION_TOKEN, …"`
	Token    string `json:"token,omitempty" jsonschema:"The token (avoid: it enters the chat)."`
}

func (a TokenArgs) request() token.Request {
	return token.Request{TokenEnv: a.TokenEnv, EnvFile: a.EnvFile, EnvKey: a.EnvKey, Literal: a.Token, FromTool: true}
}
