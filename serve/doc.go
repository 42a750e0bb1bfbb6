// Package serve is the web side of `ecoscope serve`: an interactive map of
// the ecosystem in the browser, and a JSON API under /api/ that answers
// what the command-line tool's --format json answers, with the commands'
// flags as query parameters (docs/serve.md).
//
// The server is read-only and local by default: it refuses requests whose
// Host header is not its own address (DNS rebinding), sends a
// Content-Security-Policy that allows nothing from another host, and
// computes each answer once (cache.go). The page, its scripts and styles
// are embedded (assets.go); the network's layout is computed on
// the server, once, in time about linear in the network (layout.go).
package serve
