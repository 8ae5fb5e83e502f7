package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// The goals notion-mcp is held to.
const (
	goalStart = 15.0  // start → initialize at least this many times faster
	goalRSS   = 6.0   // peak RSS at least this many times smaller
	goalList  = 7.0   // tools/list at least this many times smaller, every tool with a full outputSchema
	goalCalls = 20000 // offline calls answered per second, pipelined

	// Against the bare mcp-go server (bench/baremcpgo).
	goalFloorCalls = 1.2 // pipelined calls/s at least this many times the bare server's
	goalFloorStart = 1.3 // start → initialize at most this many times the bare server's
	goalFloorRSS   = 1.5 // peak RSS at most this many times the bare server's
)

// diagRow is one diagnose_access target, cold and warm.
type diagRow struct {
	label, target string
	cold, warm    *diagnosis
}

// report collects every measurement for printing.
type report struct {
	runs, warmup int
	closed       string
	versions     [2]string
	runsOf       [4][]*run // [0] official, [1] notion-mcp, [2] bare mcp-go, [3] hand-written loop
	bursts       []*throughput
	floors       bool             // the floors were measured
	floorBursts  [2][]*throughput // [0] bare mcp-go, [1] hand-written loop
	diagnoses    []diagRow
}

func (r *report) print(w io.Writer) {
	off, us := r.runsOf[0], r.runsOf[1]
	initOf := func(rs []*run) []float64 { return collect(rs, func(x *run) float64 { return ms(x.initialize) }) }
	rssOf := func(rs []*run) []float64 { return collect(rs, func(x *run) float64 { return mib(x.peakRSS) }) }
	offInit, usInit := initOf(off), initOf(us)
	offRSS, usRSS := rssOf(off), rssOf(us)
	startRatio := median(offInit) / median(usInit)
	rssRatio := median(offRSS) / median(usRSS)
	offList, usList := off[0].listBytes, us[0].listBytes
	listRatio := float64(offList) / float64(usList)
	usFull := countTools(us[0].tools, func(t tool) bool { return t.fullOutput })
	allFull := usFull == len(us[0].tools)

	fmt.Fprintf(w, "\nofficial:   %s\nnotion-mcp: %s\n", r.versions[0], r.versions[1])
	fmt.Fprintf(w, "Each run starts the server, sends initialize, tools/list and one tools/call, reads VmHWM, closes stdin.\n")
	fmt.Fprintf(w, "%d measured runs per server, alternating which starts first; %d warm-up run(s) each not counted.\n", r.runs, r.warmup)
	fmt.Fprintf(w, "Both get NOTION_TOKEN=<dummy> and a base URL on %s (nothing listens): no request leaves the machine.\n\n", r.closed)

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "metric\tofficial\tnotion-mcp\tofficial/notion-mcp\tgoal\tresult")
	fmt.Fprintf(tw, "start → initialize, median\t%s\t%s\t%.1f×\t≥ %.0f× faster\t%s\n",
		fmtMS(median(offInit)), fmtMS(median(usInit)), startRatio, goalStart, met(startRatio >= goalStart))
	fmt.Fprintf(tw, "  min … max\t%s … %s\t%s … %s\t\t\t\n", fmtMS(slices.Min(offInit)), fmtMS(slices.Max(offInit)), fmtMS(slices.Min(usInit)), fmtMS(slices.Max(usInit)))
	fmt.Fprintf(tw, "peak RSS (VmHWM), median\t%.1f MiB\t%.1f MiB\t%.1f×\t≥ %.0f× smaller\t%s\n",
		median(offRSS), median(usRSS), rssRatio, goalRSS, met(rssRatio >= goalRSS))
	fmt.Fprintf(tw, "  min … max\t%.1f … %.1f MiB\t%.1f … %.1f MiB\t\t\t\n", slices.Min(offRSS), slices.Max(offRSS), slices.Min(usRSS), slices.Max(usRSS))
	fmt.Fprintf(tw, "tools/list response line\t%s B\t%s B\t%.1f×\t≥ %.0f× smaller, all full outputSchema\t%s\n",
		thousands(offList), thousands(usList), listRatio, goalList, met(listRatio >= goalList && allFull))
	fmt.Fprintf(tw, "  tools\t%d\t%d\t\t\t\n", len(off[0].tools), len(us[0].tools))
	fmt.Fprintf(tw, "  with outputSchema (full)\t%d (%d)\t%d (%d)\t\t\t\n",
		countTools(off[0].tools, func(t tool) bool { return t.hasOutput }), countTools(off[0].tools, func(t tool) bool { return t.fullOutput }),
		countTools(us[0].tools, func(t tool) bool { return t.hasOutput }), usFull)
	tw.Flush()
	fmt.Fprintf(w, "\ntools/call in each run:\n  official:   %s\n  notion-mcp: %s\n", off[0].call, us[0].call)
	if d := listDrift(off); d != "" {
		fmt.Fprintln(w, "  note: official tools/list size varied:", d)
	}
	if d := listDrift(us); d != "" {
		fmt.Fprintln(w, "  note: notion-mcp tools/list size varied:", d)
	}
	fmt.Fprintf(w, "start → initialize per run, ms, in order:\n  official:   %s\n  notion-mcp: %s\n", fmtList(offInit), fmtList(usInit))
	fmt.Fprintf(w, "peak RSS per run, MiB:\n  official:   %s\n  notion-mcp: %s\n", fmtList(offRSS), fmtList(usRSS))
	fmt.Fprintf(w, "notion-mcp tools: %s\n", toolNames(us[0].tools))

	r.printThroughput(w)
	r.printFloor(w)
	r.printDiagnoses(w)

	fmt.Fprintf(w, "\ngoals\n")
	rate := median(r.rates())
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  start → initialize ≥ %.0f× faster\t%.1f×\t%s\n", goalStart, startRatio, met(startRatio >= goalStart))
	fmt.Fprintf(tw, "  peak RSS ≥ %.0f× smaller\t%.1f×\t%s\n", goalRSS, rssRatio, met(rssRatio >= goalRSS))
	fmt.Fprintf(tw, "  tools/list ≥ %.0f× smaller, every tool a full outputSchema\t%.1f×, %d/%d\t%s\n", goalList, listRatio, usFull, len(us[0].tools), met(listRatio >= goalList && allFull))
	fmt.Fprintf(tw, "  ≥ %s offline calls/s pipelined\t%s/s\t%s\n", thousands(goalCalls), thousands(int(rate)), met(rate >= goalCalls))
	if r.floors {
		f := r.floor()
		fmt.Fprintf(tw, "  pipelined calls/s ≥ %.1f× the bare mcp-go server's\t%.2f×\t%s\n", goalFloorCalls, f.calls[0], met(f.calls[0] >= goalFloorCalls))
		fmt.Fprintf(tw, "  start → initialize ≤ %.1f× the bare mcp-go server's\t%.2f×\t%s\n", goalFloorStart, f.start[0], met(f.start[0] <= goalFloorStart))
		fmt.Fprintf(tw, "  peak RSS ≤ %.1f× the bare mcp-go server's\t%.2f×\t%s\n", goalFloorRSS, f.rss[0], met(f.rss[0] <= goalFloorRSS))
	}
	tw.Flush()
}

func (r *report) rates() []float64 { return rates(r.bursts) }

func rates(bs []*throughput) []float64 {
	return collect(bs, func(t *throughput) float64 { return float64(t.calls) / t.elapsed.Seconds() })
}

// floorRatios are notion-mcp's medians divided by the floors' ([0] bare
// mcp-go, [1] hand-written loop).
type floorRatios struct{ calls, start, rss [2]float64 }

func (r *report) floor() floorRatios {
	var f floorRatios
	us := r.runsOf[1]
	usInit := median(collect(us, func(x *run) float64 { return ms(x.initialize) }))
	usRSS := median(collect(us, func(x *run) float64 { return mib(x.peakRSS) }))
	usRate := median(r.rates())
	for i := range 2 {
		them := r.runsOf[2+i]
		f.calls[i] = usRate / median(rates(r.floorBursts[i]))
		f.start[i] = usInit / median(collect(them, func(x *run) float64 { return ms(x.initialize) }))
		f.rss[i] = usRSS / median(collect(them, func(x *run) float64 { return mib(x.peakRSS) }))
	}
	return f
}

// printFloor compares notion-mcp with the bare mcp-go server and the
// hand-written loop, measured in the same run.
func (r *report) printFloor(w io.Writer) {
	if !r.floors {
		return
	}
	names := [3]string{"notion-mcp", "bare mcp-go v1.2.1", "hand-written loop"}
	runs := [3][]*run{r.runsOf[1], r.runsOf[2], r.runsOf[3]}
	bursts := [3][]*throughput{r.bursts, r.floorBursts[0], r.floorBursts[1]}
	f := r.floor()
	fmt.Fprintf(w, "\nthe floor: notion-mcp against a bare mcp-go v1.2.1 stdio server with one trivial tool (bench/baremcpgo)\n")
	fmt.Fprintf(w, "and a hand-written one-goroutine JSON-RPC loop (bench/bareloop), built and measured in this run;\n")
	fmt.Fprintf(w, "start → initialize and peak RSS from the start-to-exit runs above (each server's own tool call), calls/s\n")
	fmt.Fprintf(w, "from %d pipelined bursts of %s calls each (notion-mcp: extract_notion_id; the floors: echo)\n", len(r.bursts), thousands(r.bursts[0].calls))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "server\tstart → initialize, median\tpeak RSS, median\tpipelined calls/s, median (min … max)\tCPU µs/call")
	for i := range names {
		init := collect(runs[i], func(x *run) float64 { return ms(x.initialize) })
		rss := collect(runs[i], func(x *run) float64 { return mib(x.peakRSS) })
		rs := rates(bursts[i])
		cpu := collect(bursts[i], func(t *throughput) float64 { return float64(t.cpu.Microseconds()) / float64(t.calls) })
		fmt.Fprintf(tw, "%s\t%s\t%.1f MiB\t%s (%s … %s)\t%.1f\n", names[i], fmtMS(median(init)), median(rss),
			thousands(int(median(rs))), thousands(int(slices.Min(rs))), thousands(int(slices.Max(rs))), median(cpu))
	}
	tw.Flush()
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "notion-mcp ÷\tbare mcp-go\thand-written loop\tgoal (bare mcp-go)\tresult")
	fmt.Fprintf(tw, "pipelined calls/s\t%.2f×\t%.2f×\t≥ %.1f×\t%s\n", f.calls[0], f.calls[1], goalFloorCalls, met(f.calls[0] >= goalFloorCalls))
	fmt.Fprintf(tw, "start → initialize\t%.2f×\t%.2f×\t≤ %.1f×\t%s\n", f.start[0], f.start[1], goalFloorStart, met(f.start[0] <= goalFloorStart))
	fmt.Fprintf(tw, "peak RSS\t%.2f×\t%.2f×\t≤ %.1f×\t%s\n", f.rss[0], f.rss[1], goalFloorRSS, met(f.rss[0] <= goalFloorRSS))
	tw.Flush()
	fmt.Fprintf(w, "per-burst calls/s, in order:\n")
	for i := range names {
		fmt.Fprintf(w, "  %-19s %s\n", names[i]+":", fmtInts(rates(bursts[i])))
	}
}

func fmtInts(xs []float64) string {
	var out []string
	for _, x := range xs {
		out = append(out, thousands(int(x)))
	}
	return strings.Join(out, " ")
}

func (r *report) printThroughput(w io.Writer) {
	rates := r.rates()
	elapsed := collect(r.bursts, func(t *throughput) float64 { return ms(t.elapsed) })
	rss := collect(r.bursts, func(t *throughput) float64 { return mib(t.peakRSS) })
	rate := median(rates)
	fmt.Fprintf(w, "\nnotion-mcp only: pipelined extract_notion_id, %s calls written at once on one connection, %d bursts (fresh process each)\n",
		thousands(r.bursts[0].calls), len(r.bursts))
	fmt.Fprintf(w, "  every id answered exactly once, none an error\n")
	fmt.Fprintf(w, "  time to all answered, median %s (min … max %s … %s)\n", fmtMS(median(elapsed)), fmtMS(slices.Min(elapsed)), fmtMS(slices.Max(elapsed)))
	fmt.Fprintf(w, "  throughput, median %s calls/s (min … max %s … %s)   goal ≥ %s calls/s: %s\n",
		thousands(int(rate)), thousands(int(slices.Min(rates))), thousands(int(slices.Max(rates))), thousands(goalCalls), met(rate >= goalCalls))
	cpuPerCall := collect(r.bursts, func(t *throughput) float64 { return float64(t.cpu.Microseconds()) / float64(t.calls) })
	fmt.Fprintf(w, "  server CPU (user+sys, whole process) per call, median %.1f µs → %s calls per CPU-second; machine load is in the header\n",
		median(cpuPerCall), thousands(int(1e6/median(cpuPerCall))))
	fmt.Fprintf(w, "  peak RSS after a burst, median %.1f MiB\n", median(rss))
}

func (r *report) printDiagnoses(w io.Writer) {
	fmt.Fprintf(w, "\nnotion-mcp only: diagnose_access against --demo (in-process sandbox, zero latency); cold = first call of a process, warm = identity cached\n")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "target\tcall\tverdict\trequests\tafter users/me\tround trips (est.)\ttime (incl. pacing)")
	for _, d := range r.diagnoses {
		for _, c := range []struct {
			name string
			d    *diagnosis
		}{{"cold", d.cold}, {"warm", d.warm}} {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t%s\n", d.label, c.name, c.d.verdict, c.d.requests, c.d.afterMe, c.d.roundTrips, fmtMS(ms(c.d.elapsed)))
		}
	}
	tw.Flush()
	for _, d := range r.diagnoses {
		fmt.Fprintf(w, "  evidence, %s (cold), completion order: %s\n", d.label, strings.Join(d.cold.evidence, "; "))
	}
	fmt.Fprintf(w, "  round trips (est.): users/me, then one parallel wave of page/database/data_source probes, every later request counted as its own; BenchmarkDiagnose measures them exactly\n")
	fmt.Fprintf(w, "  time includes the client's own pacing at Notion's 3 requests/s average: a warm call right after a cold one waits for its rate-limit tokens\n")
}

func collect[T any](xs []T, f func(T) float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

func median(xs []float64) float64 {
	s := slices.Sorted(slices.Values(xs))
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func countTools(ts []tool, f func(tool) bool) int {
	n := 0
	for _, t := range ts {
		if f(t) {
			n++
		}
	}
	return n
}

func toolNames(ts []tool) string {
	var names []string
	for _, t := range ts {
		names = append(names, t.name)
	}
	return strings.Join(names, ", ")
}

// listDrift lists the tools/list sizes seen if they were not all the same.
func listDrift(rs []*run) string {
	sizes := map[int]bool{}
	for _, r := range rs {
		sizes[r.listBytes] = true
	}
	if len(sizes) < 2 {
		return ""
	}
	var out []string
	for s := range sizes {
		out = append(out, thousands(s))
	}
	slices.Sort(out)
	return strings.Join(out, ", ")
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
func mib(b int64) float64        { return float64(b) / (1 << 20) }

func fmtMS(v float64) string {
	if v < 10 {
		return fmt.Sprintf("%.2f ms", v)
	}
	return fmt.Sprintf("%.1f ms", v)
}

func fmtList(xs []float64) string {
	var out []string
	for _, x := range xs {
		out = append(out, fmt.Sprintf("%.1f", x))
	}
	return strings.Join(out, " ")
}

func met(ok bool) string {
	if ok {
		return "met"
	}
	return "NOT met"
}

// thousands formats n with comma separators.
func thousands(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
