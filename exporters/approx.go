package exporters

import (
	"fmt"

	"github.com/ecoscope/ecoscope/analysis"
)

// Exact betweenness costs a breadth-first search from every partner: a
// few seconds at 10,000 partners, minutes at 50,000. An export is asked
// for often and opened in tools that compute their own metrics, so above
// ExactBetweennessLimit partners the exports with node metrics (csv, kumu)
// estimate betweenness by sampling, within ±AutoApproxEpsilon with
// probability 0.9, unless --approx is given (--approx 0: exactly, however
// long it takes). The export says so on standard error, and the estimate
// is recorded where the format has room (network.json's notes).
const (
	ExactBetweennessLimit = 20000
	AutoApproxEpsilon     = 0.01
)

// AutoApprox returns the --approx an export of n partners uses when none
// is given: 0 (exact) up to ExactBetweennessLimit partners, else
// AutoApproxEpsilon.
func AutoApprox(n int) float64 {
	if n > ExactBetweennessLimit {
		return AutoApproxEpsilon
	}
	return 0
}

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
