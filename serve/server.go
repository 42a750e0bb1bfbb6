package serve

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/graph"
)

// Runner runs an analysis command as `ecoscope COMMAND --format json
// FLAGS...` would and returns what it writes on standard output; with
// fields, only those top-level keys of it, as report.FieldsWriter writes
// them. An error the request caused (a flag value that is not valid, an
// unknown unit, a field that is not a key) is a *RequestError; any other
// error is the server's.
type Runner func(ctx context.Context, command string, flags, fields []string) ([]byte, error)

// RequestError is an error the request caused: the API answers 400 with
// its message.
type RequestError struct{ Err error }

func (e *RequestError) Error() string { return e.Err.Error() }
func (e *RequestError) Unwrap() error { return e.Err }

// Commands are the analysis commands the API answers for, at
// /api/COMMAND, with the command's flags as query parameters.
var Commands = []string{"report", "metrics", "gaps", "growth", "check", "values"}

// refused are the flags of those commands that the API does not take: they
// choose the data set, write files or the store, or the output format.
var refused = map[string]string{
	"from":        "the server reads the data set it was started with",
	"from-format": "the server reads the data set it was started with",
	"map":         "the server reads the data set it was started with",
	"helix-attr":  "the server reads the data set it was started with",
	"programme":   "the server reads the data set it was started with",
	"country":     "the server reads the data set it was started with",
	"years":       "the server reads the data set it was started with",
	"out":         "the API writes no files",
	"o":           "the API writes no files",
	"save":        "the server is read-only",
	"format":      "the API always answers in JSON",
	"store":       "the server reads the data set it was started with",
	"config":      "the server reads the configuration it was started with",
	"quiet":       "the API shows no progress",
	"help":        "see docs/serve.md",
	"h":           "see docs/serve.md",
}

var paramName = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

// Options configure a Server.
type Options struct {
	// Addr is the address the server listens on (host:port, the port
	// resolved): the Host header of every request must name it (see
	// hostAllowed).
	Addr string
	// Data is every record of the data set, and Source where it came from.
	Data   *graph.Ecosystem
	Source string
	// Network is how /api/network makes the partner network; ?ties= sets
	// its tie source.
	Network analysis.Options
	// Seed fixes Louvain, the layout and the sampling of betweenness.
	Seed uint64
	// Run runs the analysis commands.
	Run Runner
	// Web is the page; nil means the one embedded in the binary.
	Web fs.FS
}

// Server answers the page and the API. It is read-only: nothing it does
// changes the store or a file.
type Server struct {
	opts  Options
	web   fs.FS
	cache *cache
	hosts func(string) bool
}

// New returns a server for opts.
func New(opts Options) (*Server, error) {
	if opts.Data == nil || opts.Run == nil {
		return nil, errors.New("serve: Data and Run are required")
	}
	web := opts.Web
	if web == nil {
		web = Web()
	}
	hosts, err := hostAllowed(opts.Addr)
	if err != nil {
		return nil, err
	}
	return &Server{opts: opts, web: web, cache: newCache(maxCacheBytes), hosts: hosts}, nil
}

// ContentSecurityPolicy is sent with every response: nothing from another
// host, no inline script or style, no plug-ins, no framing.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
	"connect-src 'self'; worker-src 'self' blob:; font-src 'self'; object-src 'none'; base-uri 'none'; " +
	"form-action 'self'; frame-ancestors 'none'"

// Handler returns the server's handler; computations run on ctx, which
// ends them when the server stops.
func (s *Server) Handler(ctx context.Context) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/{$}", s.index)
	mux.Handle("/static/", http.StripPrefix("/static/", s.static()))
	mux.HandleFunc("/api/{$}", s.endpoints)
	mux.HandleFunc("/api/network", func(w http.ResponseWriter, r *http.Request) { s.network(ctx, w, r) })
	for _, c := range Commands {
		mux.HandleFunc("/api/"+c, func(w http.ResponseWriter, r *http.Request) { s.command(ctx, w, r, c) })
	}
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no endpoint %s; the endpoints are %s", r.URL.Path, strings.Join(endpointList(), ", ")))
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "not found: "+r.URL.Path)
	})
	return s.guard(mux)
}

// guard checks what every request must satisfy and sets the headers every
// response carries.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		// DNS rebinding: a page on another site whose name was made to
		// point at this machine sends its own name as the Host.
		if !s.hosts(r.Host) {
			writeError(w, http.StatusForbidden, fmt.Sprintf("host %q is not this server's address %s; open http://%s/", r.Host, s.opts.Addr, s.opts.Addr))
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			h.Set("Allow", "GET, HEAD")
			writeError(w, http.StatusMethodNotAllowed, "the server is read-only: only GET and HEAD")
			return
		}
		next.ServeHTTP(w, r)
	})
}

func endpointList() []string {
	out := []string{"/api/network"}
	for _, c := range Commands {
		out = append(out, "/api/"+c)
	}
	return out
}

func (s *Server) endpoints(w http.ResponseWriter, r *http.Request) {
	b, _ := json.Marshal(map[string]any{"name": s.opts.Data.Name, "source": s.opts.Source, "endpoints": endpointList()})
	writeAnswer(w, r, newAnswer(http.StatusOK, b))
}

func (s *Server) index(w http.ResponseWriter, r *http.Request) {
	b, err := fs.ReadFile(s.web, "index.html")
	if err != nil {
		writeError(w, http.StatusInternalServerError, "the page is missing from this build: "+err.Error())
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(b)
}

// static serves the page's files, without folder listings.
func (s *Server) static() http.Handler {
	files := http.FileServerFS(s.web)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := path.Clean("/" + r.URL.Path)[1:]
		if fi, err := fs.Stat(s.web, name); err != nil || fi.IsDir() || name == "index.html" {
			writeError(w, http.StatusNotFound, "not found: /static/"+r.URL.Path)
			return
		}
		w.Header().Set("Cache-Control", "no-cache")
		files.ServeHTTP(w, r)
	})
}

// network answers /api/network?ties=all|explicit|units.
func (s *Server) network(ctx context.Context, w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	opts := s.opts.Network
	for k, vs := range q {
		if k != "ties" {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("unknown parameter %q: /api/network takes ties=explicit|units|all", k))
			return
		}
		switch vs[len(vs)-1] {
		case "all", "":
			opts.Ties = analysis.TiesAll
		case "explicit":
			opts.Ties = analysis.TiesExplicit
		case "units":
			opts.Ties = analysis.TiesUnits
		default:
			writeError(w, http.StatusBadRequest, fmt.Sprintf("ties: %q is not one of explicit, units, all", vs[len(vs)-1]))
			return
		}
	}
	if a := s.networkAnswer(ctx, r.Context(), opts); a != nil {
		writeAnswer(w, r, a)
	}
}

// networkAnswer is the network for opts, computed on ctx; nil when wait is
// done first and no one else waits for it (cache.get).
func (s *Server) networkAnswer(ctx, wait context.Context, opts analysis.Options) *answer {
	return s.cache.get(ctx, wait, "network?ties="+opts.Ties.String(), func(ctx context.Context) (*answer, bool) {
		net, err := BuildNetwork(ctx, s.opts.Data, s.opts.Source, opts, s.opts.Seed)
		if err != nil {
			return errorAnswer(http.StatusInternalServerError, err.Error()), false
		}
		b, err := json.Marshal(net)
		if err != nil {
			return errorAnswer(http.StatusInternalServerError, err.Error()), false
		}
		return newAnswer(http.StatusOK, b), true
	})
}

// Warm computes, in the background, what the page asks for first (the
// network with every tie and its layout), so that it is ready, or under
// way, when the browser asks.
func (s *Server) Warm(ctx context.Context) {
	go s.networkAnswer(ctx, ctx, s.opts.Network)
}

// command answers /api/COMMAND with the command's JSON: every query
// parameter name=value is the flag --name=value.
func (s *Server) command(ctx context.Context, w http.ResponseWriter, r *http.Request, command string) {
	q := r.URL.Query()
	var fields []string
	if fs, ok := q["fields"]; ok {
		for _, f := range fs {
			for _, name := range strings.Split(f, ",") {
				if name = strings.TrimSpace(name); name != "" {
					fields = append(fields, name)
				}
			}
		}
		delete(q, "fields")
	}
	var flags []string
	for _, k := range slices.Sorted(maps.Keys(q)) {
		if why, ok := refused[k]; ok {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("parameter %q is not taken: %s", k, why))
			return
		}
		if !paramName.MatchString(k) {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("parameter %q is not a flag of ecoscope %s", k, command))
			return
		}
		for _, v := range q[k] {
			flags = append(flags, "--"+k+"="+v)
		}
	}
	key := command + "?" + url.Values(q).Encode()
	if fields != nil {
		// The chosen keys alone are encoded (report.FieldsWriter): the
		// whole report of 50,000 partners is about 60 MB of JSON.
		key += "&fields=" + strings.Join(slices.Compact(slices.Sorted(slices.Values(fields))), ",")
	}
	if a := s.commandAnswer(ctx, r.Context(), key, command, flags, fields); a != nil {
		writeAnswer(w, r, a)
	}
}

// commandAnswer runs the command once for key, on ctx; nil when wait is
// done first and no one else waits for it (cache.get).
func (s *Server) commandAnswer(ctx, wait context.Context, key, command string, flags, fields []string) *answer {
	return s.cache.get(ctx, wait, key, func(ctx context.Context) (*answer, bool) {
		b, err := s.opts.Run(ctx, command, flags, fields)
		var re *RequestError
		switch {
		case errors.As(err, &re):
			return errorAnswer(http.StatusBadRequest, err.Error()), true
		case err != nil:
			return errorAnswer(http.StatusInternalServerError, err.Error()), false
		}
		return newAnswer(http.StatusOK, b), true
	})
}

func errorAnswer(status int, msg string) *answer {
	b, _ := json.Marshal(map[string]string{"error": msg})
	return newAnswer(status, b)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(errorAnswer(status, msg).body)
}

// writeAnswer writes a, gzipped when the client takes gzip.
func writeAnswer(w http.ResponseWriter, r *http.Request, a *answer) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("Vary", "Accept-Encoding")
	body := a.body
	if acceptsGzip(r) {
		if gz := a.gzipped(); gz != nil {
			h.Set("Content-Encoding", "gzip")
			body = gz
		}
	}
	h.Set("Content-Length", fmt.Sprint(len(body)))
	w.WriteHeader(a.status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(enc), "gzip") && strings.ReplaceAll(q, " ", "") != "q=0" {
			return true
		}
	}
	return false
}

// hostAllowed returns the check of the Host header for a server listening
// on addr. On a loopback address the host must be a loopback name or
// address (localhost, 127.0.0.1, [::1]) with the server's port: a page of
// another site, whose name was made to resolve to 127.0.0.1 (DNS
// rebinding), is refused. On another address the host must be an IP
// address, localhost or this machine's name, with the port.
func hostAllowed(addr string) (func(string) bool, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("serve: address %q: %w", addr, err)
	}
	loopback := isLoopback(host)
	names := map[string]bool{"localhost": true}
	if name, err := os.Hostname(); err == nil && !loopback {
		names[strings.ToLower(name)] = true
	}
	return func(h string) bool {
		hh, hp, err := net.SplitHostPort(h)
		if err != nil { // no port: the default port of http
			hh, hp = h, "80"
		}
		if hp != port {
			return false
		}
		hh = strings.ToLower(strings.TrimSuffix(hh, "."))
		if names[hh] {
			return true
		}
		ip := net.ParseIP(strings.Trim(hh, "[]"))
		if ip == nil {
			return false
		}
		return !loopback || ip.IsLoopback()
	}, nil
}

// isLoopback reports whether host (a name or an address) is a loopback one.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// IsLoopback reports whether the address host:port listens on the
// loopback interface only.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	return err == nil && isLoopback(host)
}
