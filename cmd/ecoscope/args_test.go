package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDataSetAsArgument: an analysis command given a data set as an
// argument says to use --from, keeping the flags given, with exit code 2.
func TestDataSetAsArgument(t *testing.T) {
	for _, cmd := range []string{"report", "metrics", "gaps", "growth", "diff", "check", "values"} {
		t.Run(cmd, func(t *testing.T) {
			r := ecoscope(t, nil, cmd, example)
			want := "error: " + cmd + " takes no arguments; to analyse the data set in " + example + ", use: ecoscope " + cmd + " --from " + example + "\n"
			if r.code != exitUsage || !strings.HasPrefix(r.err, want) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 2 and %q", r.code, r.err, want)
			}
			if !strings.Contains(r.err, "Usage:") {
				t.Errorf("no usage after the error:\n%s", r.err)
			}
		})
	}
	dir := filepath.Join(t.TempDir(), "my data")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"flags kept", []string{"diff", "--at", "2019", example, "--at", "2025", "--format", "json"},
			"use: ecoscope diff --from " + example + " --at 2019 --at 2025 --format json\n"},
		{"two data sets", []string{"report", example, example},
			"to analyse the data sets in " + example + " and " + example + ", use: ecoscope report --from " + example + " --from " + example + "\n"},
		{"a path with a space", []string{"report", dir}, "use: ecoscope report --from '" + dir + "'\n"},
		{"not a path", []string{"report", "summary"},
			`error: report takes no arguments, and there is no file or folder "summary"; give a data set with --from PATH (ecoscope report --from examples/energieke-regio), or import it first (ecoscope import PATH)`},
		{"control characters", []string{"report", "x\x1b[2J"}, `no file or folder "x\x1b[2J"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ecoscope(t, nil, tt.args...)
			if r.code != exitUsage || !strings.Contains(r.err, tt.want) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 2 and %q", r.code, r.err, tt.want)
			}
			if strings.ContainsRune(r.err, 0x1b) {
				t.Errorf("raw ESC on standard error: %q", r.err)
			}
		})
	}
}
