// Package examples holds example data sets, each a folder of CSV files
// (and the same data as one JSON document), with the programs that made
// them; see README.md. Its tests check that every example reads without
// problems and has the structure its README describes.
package examples

//go:generate go run ./energieke-regio/make.go -dir energieke-regio -json energieke-regio.json
