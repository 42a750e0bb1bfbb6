// Package charts draws the charts of the HTML and Markdown reports as SVG
// with gonum.org/v1/plot (the vg/vgsvg backend): a bar chart of counts per
// helix type, a heat map (the helix mixing matrix), growth lines over dates,
// grouped bars (value cycles × outcome levels) and a drawing of the partner
// network from a deterministic force-directed layout.
//
// The inputs are plain structs and slices, and every label comes from the
// caller, so that one chart serves every language; the text alternative a
// chart returns is written in English or Dutch (Lang "nl").
//
// The SVG is one standalone document without an XML prolog, so it can be
// written as a file or inlined in HTML: it has role="img" and a <title>
// holding the text alternative, a viewBox so that it scales, text escaped,
// fonts named with a local fallback list and never fetched, and no reference
// to another document (the only URL in it is the SVG namespace). The same
// input gives the same bytes. See docs/report-html.md.
package charts
