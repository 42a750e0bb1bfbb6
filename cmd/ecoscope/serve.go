package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os/exec"
	"runtime"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/ecoscope/ecoscope/graph"
	"github.com/ecoscope/ecoscope/report"
	"github.com/ecoscope/ecoscope/serve"
)

// defaultServeAddr is where ecoscope serve listens unless --addr says
// otherwise: the loopback interface, so that only this machine sees the
// data.
const defaultServeAddr = "127.0.0.1:8080"

type serveOptions struct {
	data dataFlags // --from and how to read it; --at and --unit choose what the page shows first
	ties tieFlags
	addr string
	open bool
	seed uint64
}

// serveReady, when set (by the tests), is called with the address served
// once the server listens.
var serveReady func(addr string)

// preloaded is the data set ecoscope serve read at start.
type preloaded struct {
	all    *graph.Ecosystem
	source string
}

// newServeCmd makes the command; runF runs it (a.runServe when nil), so
// that tests can check what the flags set without running it.
func (a *app) newServeCmd(runF func(context.Context, *serveOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.runServe
	}
	opts := &serveOptions{ties: newTieFlags()}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Show the ecosystem as an interactive map in the browser",
		Long: `Serve an interactive map of the ecosystem on a local web page: the network
coloured by helix type and sized by a centrality, a time slider that shows
the network as it was at each date with the growth under it, the unit tree
with each unit's coverage, check verdict, gaps and the candidates to invite
(highlighted on the map with who can introduce them), search by partner, and
the report's headline figures and helix mixing matrix, in English or Dutch.

The page works offline: everything it needs is in the ecoscope binary. It
reads the data set once, from --from or the store, when it starts; restart
it to see a later import.

The same answers are served as JSON under /api/ (report, metrics, gaps,
growth, check, values and network), exactly as --format json gives them,
with the commands' flags as query parameters:
  /api/report?at=2022&unit=fl-x    /api/metrics?level=nodes&ties=explicit
  /api/gaps?unit=team-x&top=3      /api/growth?every=quarter
See docs/serve.md.

It listens on ` + defaultServeAddr + ` (this machine only) unless --addr names another
address; then everyone who can reach that address sees the data, and it
says so. It changes nothing: no endpoint writes to the store or to a file.
Ctrl-C stops it.`,
		Example: `  ecoscope serve --from examples/energieke-regio --open
  ecoscope serve                          # the store (ecoscope.db)
  ecoscope serve --at 2021-06 --unit team-buurtbatterij   # open on a unit at a date
  ecoscope serve --ties explicit          # the network of the ties table only
  ecoscope serve --addr 127.0.0.1:9000
  ecoscope serve --addr 0.0.0.0:8080      # visible to the network (warns)
  curl 'http://127.0.0.1:8080/api/report?at=2022'`,
		Args: dataArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runF(cmd.Context(), opts)
		},
	}
	opts.data.registerSource(cmd, "open the page on this unit (its partners highlighted, its gaps and check shown)")
	f := cmd.Flags()
	f.StringVar(&opts.data.at, "at", "", "open the page at this date (YYYY, YYYY-MM or YYYY-MM-DD); default: the last date of the data")
	opts.ties.register(cmd)
	f.StringVar(&opts.addr, "addr", defaultServeAddr, "listen on this address (host:port); another than the loopback address makes the data visible to that network")
	f.BoolVar(&opts.open, "open", false, "open the page in the default browser")
	f.Uint64Var(&opts.seed, "seed", 1, "seed for the layout, Louvain and the sampling of betweenness")
	return cmd
}

func (a *app) runServe(ctx context.Context, opts *serveOptions) error {
	host, _, err := net.SplitHostPort(opts.addr)
	if err != nil {
		return usagef("--addr: %q is not host:port (e.g. %s)", opts.addr, defaultServeAddr)
	}
	q, err := opts.data.query()
	if err != nil {
		return err
	}
	// Every record: the page moves through time and between units itself.
	allFlags := opts.data
	allFlags.at, allFlags.unit = "", ""
	all, meta, err := a.load(ctx, &allFlags)
	a.endAnalysis()
	if err != nil {
		return err
	}
	if q.Unit != "" {
		if _, err := all.Subtree(q.Unit); err != nil {
			return err // a *graph.NotFoundError naming the closest ids
		}
	}
	view := url.Values{}
	if opts.data.at != "" {
		view.Set("at", q.At.String())
	}
	if q.Unit != "" {
		view.Set("unit", q.Unit)
	}
	if t := opts.ties.String(); t != "all" {
		view.Set("ties", t)
	}
	ln, err := net.Listen("tcp", opts.addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer ln.Close()
	addr := ln.Addr().String()
	if !serve.IsLoopback(opts.addr) {
		what := "the network of " + host
		if host == "" || net.ParseIP(host) != nil && net.ParseIP(host).IsUnspecified() {
			what = "every network this machine is on"
		}
		fmt.Fprintf(a.io.Err, "warning: listening on %s: the data is visible to %s, to anyone who can reach this machine\n", addr, what)
	}
	pre := &preloaded{all: all, source: meta.Source}
	srv, err := serve.New(serve.Options{
		Addr: addr, Data: all, Source: meta.Source,
		Network: a.networkOptions(&opts.ties),
		Seed:    opts.seed,
		Run:     a.runner(pre),
	})
	if err != nil {
		return err
	}
	srv.Warm(ctx)
	hs := &http.Server{
		Handler:           srv.Handler(ctx),
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	page := "http://" + browsable(addr) + "/"
	if len(view) > 0 {
		page += "?" + view.Encode()
	}
	fmt.Fprintf(a.io.Out, "Serving %s (%s) at %s\nCtrl-C stops it.\n", report.Printable(all.Name), report.Printable(meta.Source), page)
	if serveReady != nil {
		serveReady(addr)
	}
	if opts.open {
		if err := openBrowser(page); err != nil {
			fmt.Fprintf(a.io.Err, "note: could not open a browser (%v); open %s yourself\n", err, page)
		}
	}
	select {
	case err := <-done:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	// Ctrl-C: the requests under way have a few seconds to finish.
	stop, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(stop); err != nil {
		hs.Close()
	}
	fmt.Fprintln(a.io.Err, "stopped")
	return nil
}

// browsable returns addr as a browser may open it: an unspecified address
// (0.0.0.0, ::) as 127.0.0.1.
func browsable(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port)
}

// openBrowser opens url in the default browser.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	return cmd.Start()
}

// runner runs the API's commands on the data set read at start, each as
// `ecoscope COMMAND --format json FLAGS` would on it, on an app of its own
// (the configuration shared, read-only), and returns what it writes.
func (a *app) runner(pre *preloaded) serve.Runner {
	return func(ctx context.Context, command string, flags, fields []string) ([]byte, error) {
		var out chunks
		var errs bytes.Buffer
		var stdout io.Writer = &out
		if fields != nil {
			// report.WriteJSON, every command's JSON writer, encodes
			// only these keys.
			stdout = &report.FieldsWriter{Writer: &out, Fields: fields}
		}
		sub := &app{
			io:         IOStreams{In: strings.NewReader(""), Out: stdout, Err: &errs, Env: a.io.Env},
			configFile: a.configFile, cfg: a.cfg, quiet: true, pre: pre,
		}
		var cmd *cobra.Command
		switch command {
		case "report":
			cmd = sub.newReportCmd(nil)
		case "metrics":
			cmd = sub.newMetricsCmd(nil)
		case "gaps":
			cmd = sub.newGapsCmd(nil)
		case "growth":
			cmd = sub.newGrowthCmd(nil)
		case "check":
			cmd = sub.newCheckCmd(nil)
		case "values":
			cmd = sub.newValuesCmd(nil)
		default:
			return nil, &serve.RequestError{Err: fmt.Errorf("no command %q", command)}
		}
		cmd.SetArgs(append([]string{"--format=json"}, flags...))
		cmd.SetIn(sub.io.In)
		cmd.SetOut(&out)
		cmd.SetErr(&errs)
		cmd.SilenceUsage, cmd.SilenceErrors = true, true
		cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
		if err := cmd.ExecuteContext(ctx); err != nil {
			var ue *usageError
			var nf *graph.NotFoundError
			var fe *report.FieldsError
			if errors.As(err, &fe) {
				return nil, &serve.RequestError{Err: fmt.Errorf("fields: %w", fe)}
			}
			if errors.As(err, &ue) || errors.As(err, &nf) || isCobraUsage(err) {
				return nil, &serve.RequestError{Err: err}
			}
			return nil, err
		}
		return out.Bytes(), nil
	}
}

// chunks gathers an answer in pieces of up to chunkSize bytes and joins
// them once, at the end. A bytes.Buffer doubles as it grows: for the 47 MB
// of node metrics of 50,000 partners it allocated, zeroed and copied about
// 128 MB, which took 0.6 s of the answer's CPU time.
type chunks struct {
	full [][]byte
	n    int
}

const chunkSize = 1 << 20

func (c *chunks) Write(p []byte) (int, error) {
	c.n += len(p)
	for rest := p; len(rest) > 0; {
		if k := len(c.full); k == 0 || len(c.full[k-1]) == cap(c.full[k-1]) {
			c.full = append(c.full, make([]byte, 0, chunkSize))
		}
		last := &c.full[len(c.full)-1]
		m := min(len(rest), cap(*last)-len(*last))
		*last = append(*last, rest[:m]...)
		rest = rest[m:]
	}
	return len(p), nil
}

// Bytes returns everything written, in one slice.
func (c *chunks) Bytes() []byte {
	if len(c.full) == 1 {
		return c.full[0]
	}
	b := make([]byte, 0, c.n)
	for _, f := range c.full {
		b = append(b, f...)
	}
	return b
}
