package exporters

import (
	"fmt"

	"github.com/ecoscope/ecoscope/analysis"
)

// Exact betweenness costs a breadth-first search from every partner: a
// few seconds at 10,000 partners, about half a minute at 50,000 (docs/
// benchmarks.md). An export is asked
// for often and opened in tools that compute their own metrics, so above
// ExactBetweennessLimit partners the exports with node metrics (graphml,
// gexf, cytoscape, csv, kumu; the rule is applied by ecoscope export)
// estimate betweenness by sampling, within ±AutoApproxEpsilon with
// probability 0.9, unless --approx is given (--approx 0: exactly, however
// long it takes). The export says so on standard error, and the estimate
// is recorded where the format has room (network.json's notes).
const (
	ExactBetweennessLimit = 20000
	AutoApproxEpsilon     = 0.01
)

// NoteBetweennessApproximate is the code of the note that betweenness was
// estimated by sampling (in network.json of the CSV folder, whose
// nodes.csv has no room for it).
const NoteBetweennessApproximate = "betweenness_approximate"

// ApproxNote is the note that betweenness was estimated as approx says.
func ApproxNote(approx *analysis.Approximation) analysis.Note {
	return analysis.Note{
		Code: NoteBetweennessApproximate,
		Message: fmt.Sprintf("betweenness in nodes.csv is estimated by sampling: within ±%g of the exact value with probability %g (%d sampled paths)",
			approx.Epsilon, 1-approx.Delta, approx.Samples),
	}
}
