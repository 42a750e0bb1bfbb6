// Package analysis holds ecoscope's analyses of an ecosystem, one file per
// command, and the helix-aware measures, over the partner network built once
// from a snapshot on the engine of package analysis/network.
package analysis
