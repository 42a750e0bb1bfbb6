// Package generate makes synthetic Learning Community ecosystems, reproducible
// from a seed, for benchmarks, tests and demos.
package generate
