package main

import (
	"github.com/ecoscope/ecoscope/importers"
	"github.com/ecoscope/ecoscope/internal/progress"
)

// progressDelay is how long work runs before its bar shows (a variable
// for the tests).
var progressDelay = progress.Delay

var _ importers.Progress = (*progress.Bar)(nil)

// progress returns the bar that shows how far reading, importing and
// analysing are: on stderr when it is a terminal and --quiet is not given,
// for work longer than progressDelay; nil, which shows nothing, otherwise.
func (a *app) progress() *progress.Bar {
	if !a.barMade {
		a.barMade = true
		if progress.IsTerminal(a.io.Err) && !a.quiet {
			a.bar = progress.New(a.io.Err, progressDelay)
		}
	}
	return a.bar
}

// readProgress returns the progress for importers.Options: nil when none
// is shown, so that the importers do not count for nothing.
func (a *app) readProgress() importers.Progress {
	if b := a.progress(); b != nil {
		return b
	}
	return nil
}

// startAnalysis shows a spinner, once the data is loaded, while the
// command analyses it (for a second or more); writeOut, or the end of the
// command, stops it.
func (a *app) startAnalysis() {
	a.endAnalysis()
	if b := a.progress(); b != nil {
		a.analysing = b.Spin("analysing")
	}
}

// endAnalysis stops the spinner of startAnalysis, if it runs.
func (a *app) endAnalysis() {
	if a.analysing != nil {
		a.analysing()
		a.analysing = nil
	}
}
