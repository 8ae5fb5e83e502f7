package token

// Portal names where connections (integrations) and their tokens are made,
// with both the current and the older labels and links, so that a step reads
// right whatever the user's screen shows (NOTION_API_NOTES.md, "Naming in
// Notion's UI and docs": the Developer portal says "connections"; most guides
// still show notion.so/profile/integrations and my-integrations).
const Portal = "Notion's Developer portal at https://www.notion.so/developers (on older screens https://www.notion.so/profile/integrations or notion.so/my-integrations, where connections are called integrations)"
