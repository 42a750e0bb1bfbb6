// Package outfile writes the output of a command to a path without leaving
// half a file there.
package outfile
