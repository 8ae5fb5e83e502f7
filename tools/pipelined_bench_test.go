package tools

import (
	"bufio"
	"context"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/rs/zerolog"

	"github.com/notion-mcp/notion-mcp/internal/testsupport"
	"github.com/notion-mcp/notion-mcp/internal/transport"
	"github.com/notion-mcp/notion-mcp/session"
)

// BenchmarkPipelinedExtract writes b.N extract_notion_id calls at once to
// the real server over the stdio loop and reads every answer: the per-call
// cost bench/run.sh measures on the binary, without process start.
// cpu-ns/op is the process's CPU time per call, client included.
func BenchmarkPipelinedExtract(b *testing.B) {
	sess, err := session.New(session.Config{Getenv: func(string) string { return "" }})
	if err != nil {
		b.Fatal(err)
	}
	deps := &Deps{Session: sess, Logger: zerolog.Nop()}
	srv := NewServer(deps, "bench")
	var input strings.Builder
	input.WriteString(`{"jsonrpc":"2.0","id":"init","method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}` + "\n")
	for i := range b.N {
		input.WriteString(`{"jsonrpc":"2.0","id":` + strconv.Itoa(i) + `,"method":"tools/call","params":{"name":"extract_notion_id","arguments":{"input":"https://www.notion.so/acme/Tasks-c6eda3ce729981de014cafc354107b25?v=0123456789abcdef0123456789abcdef"}}}` + "\n")
	}
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	loop := transport.New(srv, inR, outW, transport.Options{Queued: func(tool string) bool { return !Offline(tool) }, Direct: DirectHandler(deps, srv)})
	deps.Notifier = loop
	done := make(chan error, 1)
	b.ResetTimer()
	cpu0 := testsupport.CPUTime()
	go func() { done <- loop.Serve(context.Background()); outW.Close() }()
	go func() { io.WriteString(inW, input.String()) }()
	r := bufio.NewReaderSize(outR, 1<<16)
	for range b.N + 1 {
		line, err := r.ReadBytes('\n')
		if err != nil {
			b.Fatal(err)
		}
		if strings.Contains(string(line), `"isError":true`) || strings.Contains(string(line), `"error":`) {
			b.Fatalf("an error answer: %s", line)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(testsupport.CPUTime()-cpu0)/float64(b.N), "cpu-ns/op")
	inW.Close()
	go io.Copy(io.Discard, outR)
	<-done
}
