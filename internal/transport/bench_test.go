package transport

import (
	"bufio"
	"context"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/server"

	"github.com/notion-mcp/notion-mcp/internal/testsupport"
)

// BenchmarkPipelined writes b.N echo calls at once and reads every answer:
// this loop, against mcp-go's own StdioServer serving the same MCPServer.
// bench/run.sh measures the whole binaries side by side. cpu-ns/op (the
// process's CPU time, client included) moves less than ns/op with the
// machine's load.
func BenchmarkPipelined(b *testing.B) {
	for _, tc := range []struct {
		name  string
		serve func(srv *server.MCPServer, in io.Reader, out io.Writer) error
	}{
		{"transport", func(srv *server.MCPServer, in io.Reader, out io.Writer) error {
			return New(srv, in, out, Options{Queued: queuedTools}).Serve(context.Background())
		}},
		{"mcp-go-stdio", func(srv *server.MCPServer, in io.Reader, out io.Writer) error {
			return server.NewStdioServer(srv).Listen(context.Background(), in, out)
		}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			g := &gates{release: make(chan struct{}), started: make(chan string, 1), stuck: make(chan struct{}), ended: make(chan string, 1)}
			var input strings.Builder
			input.WriteString(`{"jsonrpc":"2.0","id":"init","method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}` + "\n")
			for i := range b.N {
				input.WriteString(toolCall(strconv.Itoa(i), "echo", "https://www.notion.so/acme/Tasks-c6eda3ce729981de014cafc354107b25") + "\n")
			}
			inR, inW := io.Pipe()
			outR, outW := io.Pipe()
			srv := testServer(g, func() *Server { return nil })
			done := make(chan error, 1)
			b.ResetTimer()
			cpu0 := testsupport.CPUTime()
			go func() { done <- tc.serve(srv, inR, outW); outW.Close() }()
			go func() { io.WriteString(inW, input.String()) }()
			r := bufio.NewReaderSize(outR, 1<<16)
			for range b.N + 1 {
				if _, err := r.ReadBytes('\n'); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			b.ReportMetric(float64(testsupport.CPUTime()-cpu0)/float64(b.N), "cpu-ns/op")
			inW.Close()
			go io.Copy(io.Discard, outR)
			<-done
		})
	}
}
