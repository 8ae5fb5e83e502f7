package rawjson

import (
	"testing"

	"github.com/notion-mcp/notion-mcp/internal/testsupport"
)

// TestMain ends the binary without the race runtime's exit sleep (testsupport.Exit).
func TestMain(m *testing.M) { testsupport.Run(m) }
