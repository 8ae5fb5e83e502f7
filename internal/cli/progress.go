package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mattn/go-isatty"

	"github.com/notion-mcp/notion-mcp/internal/notion"
)

// progressEvery is how often the progress line is redrawn; it first appears
// after one interval, so quick commands never draw it.
const progressEvery = 250 * time.Millisecond

// progress draws one line on stderr while a long command runs: objects
// received so far, requests sent and waits for Notion's rate limit. It draws
// only when stderr is a terminal and the output is not --json; a nil
// *progress does nothing.
type progress struct {
	w       io.Writer
	what    string
	meter   *notion.Meter
	objects atomic.Int64
	stop    chan struct{}
	once    sync.Once
	wg      sync.WaitGroup
}

// stderrIsTerminal reports whether a person is watching stderr.
func (a *app) stderrIsTerminal() bool {
	if a.Terminal != nil {
		return a.Terminal()
	}
	f, ok := a.Stderr.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// startProgress returns ctx with a request meter and the progress line, or
// ctx and nil when nothing is to be drawn.
func (a *app) startProgress(ctx context.Context, what string) (context.Context, *progress) {
	if a.opts.json || !a.stderrIsTerminal() {
		return ctx, nil
	}
	p := &progress{w: a.Stderr, what: what, meter: &notion.Meter{}, stop: make(chan struct{})}
	p.wg.Add(1)
	go p.loop()
	return notion.WithMeter(ctx, p.meter), p
}

// seen records how many objects have been received; listing.Request.Progress
// calls it.
func (p *progress) seen(n int) {
	if p != nil {
		p.objects.Store(int64(n))
	}
}

func (p *progress) loop() {
	defer p.wg.Done()
	t := time.NewTicker(progressEvery)
	defer t.Stop()
	drawn := false
	for {
		select {
		case <-p.stop:
			if drawn {
				fmt.Fprint(p.w, "\r\033[K")
			}
			return
		case <-t.C:
			line := fmt.Sprintf("%s: %s so far, %s", p.what, plural(int(p.objects.Load()), "object"), plural(int(p.meter.Requests()), "request"))
			if w := p.meter.Waits(); w > 0 {
				line += fmt.Sprintf(", %s for Notion's rate limit", plural(int(w), "wait"))
			}
			fmt.Fprint(p.w, "\r\033[K"+line)
			drawn = true
		}
	}
}

// done erases the line; call it before printing the result. Calling it
// again does nothing.
func (p *progress) done() {
	if p != nil {
		p.once.Do(func() { close(p.stop) })
		p.wg.Wait()
	}
}
