package neo4j

import (
	"strings"
	"testing"
)

func TestIsURI(t *testing.T) {
	for s, want := range map[string]bool{
		"neo4j://localhost:7687": true, "bolt+s://h": true, "http://x": true, "NEO4J://h": true,
		"ecoscope.db": false, "/data/eco.db": false, `C:\eco.db`: false, "./x://y": false, "://x": false, "": false,
	} {
		if got := IsURI(s); got != want {
			t.Errorf("IsURI(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestCheckURI(t *testing.T) {
	for _, s := range []string{"neo4j://localhost:7687", "neo4j+s://x.databases.neo4j.io", "neo4j+ssc://h", "bolt://h:7688", "bolt+s://h", "bolt+ssc://h", "BOLT://h"} {
		if err := CheckURI(s); err != nil {
			t.Errorf("CheckURI(%q): %v", s, err)
		}
	}
	for s, want := range map[string]string{
		"http://localhost:7474":          "neo4j://, neo4j+s://",
		"neo4j://":                       "names no host",
		"neo4j://neo4j:s3cret@localhost": "never in the URI",
	} {
		err := CheckURI(s)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("CheckURI(%q) = %v, want an error with %q", s, err, want)
		}
		if err != nil && strings.Contains(err.Error(), "s3cret") {
			t.Errorf("CheckURI(%q) shows the password: %v", s, err)
		}
	}
}

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"neo4j://neo4j:s3cret@localhost:7687": "neo4j://neo4j:***@localhost:7687",
		"neo4j://localhost:7687":              "neo4j://localhost:7687",
		"neo4j://neo4j@localhost":             "neo4j://neo4j@localhost",
		"bolt://u:p%zz@h":                     "bolt://u:***@h",
		"bolt://u:p@ss@h:7687/db?x=@":         "bolt://u:***@h:7687/db?x=@",
		"neo4j+s://u:a:b@h":                   "neo4j+s://u:***@h",
	} {
		if got := Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}
