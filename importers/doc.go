// Package importers reads a data set (a folder of CSV files or one JSON
// document) into a validated *graph.Ecosystem, reporting every problem with
// its file, line and column.
//
// The input format, with the accepted Dutch file and column names and the
// vocabulary synonyms, is described in docs/input.md.
package importers
