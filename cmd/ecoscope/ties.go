package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/config"
	"github.com/ecoscope/ecoscope/graph"
	"github.com/ecoscope/ecoscope/report"
)

// tieFlags are the flags of every command that makes a partner network or
// counts ties: which ties make it, and how large a unit may be and still
// join its members. Every such command has the same default.
type tieFlags struct {
	source *enumFlag
	// maxUnitSize is read by config.Load (the setting ties.max_unit_size),
	// not here: use app.cfg.Ties.MaxUnitSize.
	maxUnitSize int
}

func newTieFlags() tieFlags {
	return tieFlags{source: newEnum("all", "explicit", "units", "all")}
}

func (t *tieFlags) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.Var(t.source, "ties", "which ties make the network: explicit (the ties table), units (partners in the same working unit) or all (both)")
	f.IntVar(&t.maxUnitSize, "max-unit-size", config.DefaultMaxUnitSize,
		"a unit with more direct partners makes no co-membership ties; 0: no limit (also ties.max_unit_size in "+config.FileName+")")
}

// value returns the tie source the flags select.
func (t *tieFlags) value() analysis.TieSource { return tieSource(t.source.value) }

// String returns the tie source as the JSON and text outputs name it.
func (t *tieFlags) String() string { return t.source.value }

func tieSource(s string) analysis.TieSource {
	switch s {
	case "explicit":
		return analysis.TiesExplicit
	case "units":
		return analysis.TiesUnits
	}
	return analysis.TiesAll
}

// maxUnitSize turns the setting (0: no limit) into analysis's convention
// (0: the default, negative: no limit).
func (a *app) maxUnitSize() int {
	if a.cfg.Ties.MaxUnitSize == 0 {
		return -1
	}
	return a.cfg.Ties.MaxUnitSize
}

// networkOptions are the options of analysis.New the flags select.
func (a *app) networkOptions(t *tieFlags) analysis.Options {
	return analysis.Options{Ties: t.value(), MaxUnitSize: a.maxUnitSize()}
}

// network builds the partner network of e as the flags say and prints its
// notes on standard error.
func (a *app) network(e *graph.Ecosystem, t *tieFlags) *analysis.Network {
	net := analysis.New(e, a.networkOptions(t))
	a.printNotes(net.Notes())
	return net
}

// printNotes writes every note on standard error.
func (a *app) printNotes(notes analysis.Notes) {
	for _, n := range notes {
		fmt.Fprintf(a.io.Err, "note: %s\n", report.Printable(n.Message))
	}
}
