package tools

import (
	"context"
	"fmt"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// Prompts lists the prompts: guided flows an assistant can offer the user.
func Prompts() []server.ServerPrompt {
	return []server.ServerPrompt{fixNotionAccess(), setupNotionIntegration()}
}

func fixNotionAccess() server.ServerPrompt {
	p := mcp.NewPrompt("fix_notion_access",
		mcp.WithPromptDescription("Find out why a Notion link, ID or error fails for the integration and walk the user through the fix."),
		mcp.WithArgument("target", mcp.ArgumentDescription("The failing Notion link or ID, or the error your app printed."), mcp.RequiredArgument()),
	)
	return server.ServerPrompt{Prompt: p, Handler: func(_ context.Context, req mcp.GetPromptRequest) (*mcp.GetPromptResult, error) {
		target := strings.TrimSpace(req.Params.Arguments["target"])
		if target == "" {
			return nil, fmt.Errorf("fix_notion_access needs the argument target: the failing link, ID or error text")
		}
		text := fmt.Sprintf(`Help me fix Notion access for this (a link, an ID or an error my app printed):

%s

Use the notion-mcp tools in this order:
1. validate_token — is the integration token set and accepted? If my project keeps it in a .env file, pass env_file instead of asking me for the token; never ask me to paste the token here. If the status is not "valid", stop and walk me through its next_steps.
2. diagnose_access with target set to the text above (and error set to my app's error, if I gave one). Report the verdict and the summary in one or two sentences.
3. Walk me through the numbered steps one at a time, naming the integration and the page or database as the result does. If the result has "use" IDs, tell me which ID goes where in my code or config.
4. When I say I have done them, run diagnose_access again and confirm the verdict is "accessible".`, target)
		return mcp.NewGetPromptResult("Fix Notion access", []mcp.PromptMessage{
			mcp.NewPromptMessage(mcp.RoleUser, mcp.NewTextContent(text)),
		}), nil
	}}
}

func setupNotionIntegration() server.ServerPrompt {
	p := mcp.NewPrompt("setup_notion_integration",
		mcp.WithPromptDescription("Set up a Notion integration from scratch: create it, store its token safely, share a database, and get the right IDs."),
		mcp.WithArgument("database", mcp.ArgumentDescription("Optional: the link of the database or page the integration should read.")),
	)
	return server.ServerPrompt{Prompt: p, Handler: func(_ context.Context, req mcp.GetPromptRequest) (*mcp.GetPromptResult, error) {
		goal := "the pages and databases I choose"
		if db := strings.TrimSpace(req.Params.Arguments["database"]); db != "" {
			goal = "this database or page: " + db
		}
		text := fmt.Sprintf(`Set up a Notion integration with me so it can read %s.

Follow the guide in the resource notion-mcp://guide/setup and check each step with the notion-mcp tools:
1. Run validate_token. If the status is "missing", ask whether this is for my own scripts or for a team's automation. For my own scripts, offer a personal access token (Notion's Developer portal, https://www.notion.so/developers → Personal access tokens): it acts as me, needs no sharing, and expires after a year. For team automation, guide me through creating an internal connection (older screens call it an internal integration: https://www.notion.so/profile/integrations) with Read content. Then help me put the token in NOTION_TOKEN in this MCP client's config or my project's .env; never ask me to paste the token into the chat. Run validate_token again (with env_file if I use a .env) until it is "valid", and tell me its kind and name.
2. With an internal connection, guide me to share the database: open it as a full page → ••• → Connections → Add connections → the connection's name. With a personal access token, skip this: I only need to be able to open the database myself.
3. Run list_shared_databases (with refresh) and show me the database ID and its data source IDs, explaining which one my code needs (database ID for /v1/databases, data source ID for queries since API 2025-09-03).
4. If something I expect is missing, run diagnose_access on its link and walk me through the steps.`, goal)
		return mcp.NewGetPromptResult("Set up a Notion integration", []mcp.PromptMessage{
			mcp.NewPromptMessage(mcp.RoleUser, mcp.NewTextContent(text)),
		}), nil
	}}
}
