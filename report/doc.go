// Package report turns analysis results into reports for people (text) and
// machines (JSON).
package report
