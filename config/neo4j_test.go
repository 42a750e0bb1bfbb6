package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

func envOf(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func writeConfig(t *testing.T, text string) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), FileName)
	if err := os.WriteFile(f, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return f
}

// TestNeo4jDefaults: without a file, the neo4j settings are the defaults.
func TestNeo4jDefaults(t *testing.T) {
	cfg, err := Load(Options{Dir: t.TempDir(), Env: envOf(nil)})
	if err != nil {
		t.Fatal(err)
	}
	want := Neo4j{User: "neo4j", Database: "neo4j", BatchSize: 10000, TxRecords: 100000}
	if cfg.Neo4j != want {
		t.Errorf("neo4j defaults %+v, want %+v", cfg.Neo4j, want)
	}
}

// TestNeo4jPrecedence: the file gives the neo4j settings and the
// environment overrides each of them; no flag does.
func TestNeo4jPrecedence(t *testing.T) {
	file := writeConfig(t, "store: neo4j://file:7687\nneo4j:\n  user: fileuser\n  password: filepass\n  database: filedb\n  batch_size: 500\n  tx_records: 2000\n")
	cfg, err := Load(Options{File: file, Env: envOf(nil)})
	if err != nil {
		t.Fatal(err)
	}
	want := Neo4j{User: "fileuser", Password: "filepass", Database: "filedb", BatchSize: 500, TxRecords: 2000}
	if cfg.Neo4j != want || cfg.Store != "neo4j://file:7687" {
		t.Errorf("from the file: %q %+v, want %+v", cfg.Store, cfg.Neo4j, want)
	}

	env := map[string]string{
		"ECOSCOPE_STORE":            "bolt://env:7687",
		"ECOSCOPE_NEO4J_USER":       "envuser",
		"ECOSCOPE_NEO4J_PASSWORD":   "envpass",
		"ECOSCOPE_NEO4J_DATABASE":   "envdb",
		"ECOSCOPE_NEO4J_BATCH_SIZE": "64",
		"ECOSCOPE_NEO4J_TX_RECORDS": "128",
	}
	cfg, err = Load(Options{File: file, Env: envOf(env)})
	if err != nil {
		t.Fatal(err)
	}
	want = Neo4j{User: "envuser", Password: "envpass", Database: "envdb", BatchSize: 64, TxRecords: 128}
	if cfg.Neo4j != want || cfg.Store != "bolt://env:7687" {
		t.Errorf("env over file: %q %+v, want %+v", cfg.Store, cfg.Neo4j, want)
	}

	// One variable overrides one setting; the rest stay the file's.
	cfg, err = Load(Options{File: file, Env: envOf(map[string]string{"ECOSCOPE_NEO4J_PASSWORD": "only"})})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Neo4j.Password != "only" || cfg.Neo4j.User != "fileuser" || cfg.Neo4j.Database != "filedb" {
		t.Errorf("password from the env: %+v", cfg.Neo4j)
	}

	// The store URI from a flag beats the env and the file.
	fs := pflag.NewFlagSet("t", pflag.ContinueOnError)
	fs.String("store", DefaultStore, "")
	// A flag named like a setting does not reach it: only store and
	// max-unit-size are flags.
	fs.String("password", "", "")
	if err := fs.Parse([]string{"--store", "neo4j+s://flag.example", "--password", "fromflag"}); err != nil {
		t.Fatal(err)
	}
	cfg, err = Load(Options{File: file, Env: envOf(env), Flags: fs})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Store != "neo4j+s://flag.example" || cfg.Neo4j.Password != "envpass" {
		t.Errorf("flag over env: store %q, password from %q", cfg.Store, string(cfg.Neo4j.Password))
	}
}

// TestNeo4jNumbers: batch_size and tx_records are checked like every
// number, from the file (with the line) and the environment, and must be
// positive.
func TestNeo4jNumbers(t *testing.T) {
	for _, tt := range []struct{ yaml, want string }{
		{"neo4j:\n  batch_size: 2.5\n", `:2: neo4j.batch_size: "2.5" is not a whole number`},
		{"neo4j:\n  user: u\n  tx_records: 1e6\n", `:3: neo4j.tx_records: "1e6" is not a whole number`},
		{"neo4j:\n  batch_size: 0\n", `neo4j.batch_size: 0 is not a batch size`},
		{"neo4j:\n  tx_records: -5\n", `neo4j.tx_records: -5 is not a number of records`},
		{"neo4j:\n  batchsize: 10\n", `unknown setting "neo4j.batchsize" (did you mean "batch_size"?) (known under neo4j: batch_size, database, password, tx_records, user)`},
		{"neo4j:\n  password: [a, s3cr3t-list]\n", `neo4j.password: want a text, not a list or a section`},
	} {
		_, err := Load(Options{File: writeConfig(t, tt.yaml), Env: envOf(nil)})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: err = %v, want it to contain %q", tt.yaml, err, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), "s3cr3t") {
			t.Errorf("%q: the error shows the password: %v", tt.yaml, err)
		}
	}
	for _, tt := range []struct{ env, val, want string }{
		{"ECOSCOPE_NEO4J_BATCH_SIZE", "many", `ECOSCOPE_NEO4J_BATCH_SIZE: neo4j.batch_size: "many" is not a whole number`},
		{"ECOSCOPE_NEO4J_TX_RECORDS", "0", `neo4j.tx_records: 0 is not a number of records`},
	} {
		_, err := Load(Options{Dir: t.TempDir(), Env: envOf(map[string]string{tt.env: tt.val})})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s=%s: err = %v, want it to contain %q", tt.env, tt.val, err, tt.want)
		}
	}
	// A number as the password is a text.
	cfg, err := Load(Options{File: writeConfig(t, "neo4j:\n  password: 12345678\n"), Env: envOf(nil)})
	if err != nil || cfg.Neo4j.Password != "12345678" {
		t.Errorf("numeric password: %q, %v", string(cfg.Neo4j.Password), err)
	}
}

// TestPasswordNeverFormatted: a Config printed whole shows no password.
func TestPasswordNeverFormatted(t *testing.T) {
	cfg, err := Load(Options{File: writeConfig(t, "neo4j:\n  password: s3cr3t-XYZ\n"), Env: envOf(nil)})
	if err != nil {
		t.Fatal(err)
	}
	if string(cfg.Neo4j.Password) != "s3cr3t-XYZ" {
		t.Fatalf("password %q", string(cfg.Neo4j.Password))
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
		for _, x := range []any{cfg, &cfg, cfg.Neo4j, cfg.Neo4j.Password} {
			if s := fmt.Sprintf(verb, x); strings.Contains(s, "s3cr3t") {
				t.Errorf("%s of %T shows the password: %s", verb, x, s)
			}
		}
	}
	if s := fmt.Sprintf("%v", cfg.Neo4j); !strings.Contains(s, "***") {
		t.Errorf("a set password is not shown as ***: %s", s)
	}
}
