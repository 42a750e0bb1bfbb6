package main

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/ecoscope/ecoscope/graph/neo4j"
)

// storeCommands are command lines that open the store: every command that
// takes --store works on an SQLite file or a Neo4j URI (issue 11).
var storeCommands = [][]string{
	{"import", example},
	{"import", "--replace", example},
	{"report"},
	{"metrics"},
	{"gaps"},
	{"growth"},
	{"diff", "--at", "2019", "--at", "2022"},
	{"check"},
	{"values"},
	{"export", "--format", "cypher"},
}

// TestStoreUnknownScheme: a --store that is a URI of another scheme is a
// usage error (exit 2) that lists the Neo4j schemes, for every command.
func TestStoreUnknownScheme(t *testing.T) {
	for _, uri := range []string{"http://x", "mongodb://x", "postgres://localhost:5432/db"} {
		for _, args := range storeCommands {
			r := ecoscope(t, nil, append([]string{"--store", uri}, args...)...)
			if r.code != exitUsage {
				t.Errorf("%s %v: exit %d, want 2; stderr:\n%s", uri, args, r.code, r.err)
				continue
			}
			for _, s := range neo4j.Schemes {
				if !strings.Contains(r.err, s+"://") {
					t.Errorf("%s %v: the error does not list %s://:\n%s", uri, args, s, r.err)
				}
			}
			if !strings.Contains(r.err, uri) {
				t.Errorf("%s %v: the error does not name the store:\n%s", uri, args, r.err)
			}
		}
	}
	// From the environment too.
	r := ecoscope(t, map[string]string{"ECOSCOPE_STORE": "mongodb://db"}, "report")
	if r.code != exitUsage || !strings.Contains(r.err, "bolt://") {
		t.Errorf("ECOSCOPE_STORE=mongodb://db: exit %d, stderr:\n%s", r.code, r.err)
	}
}

// TestStoreURIWithPassword: a password in the URI is refused, without
// repeating it.
func TestStoreURIWithPassword(t *testing.T) {
	for _, args := range storeCommands {
		r := ecoscope(t, nil, append([]string{"--store", "neo4j://user:secret@host"}, args...)...)
		if r.code != exitUsage || !strings.Contains(r.err, "ECOSCOPE_NEO4J_PASSWORD") {
			t.Errorf("%v: exit %d, want 2 and where to give the password; stderr:\n%s", args, r.code, r.err)
		}
		if strings.Contains(r.err+r.stdout, "secret") {
			t.Errorf("%v: the password is shown:\n%s%s", args, r.stdout, r.err)
		}
	}
}

// closedPort returns a local TCP port that nothing listens on.
func closedPort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return port
}

// TestNeo4jUnreachableHidesPassword: a Neo4j store that does not answer is
// a one-line error naming the URI, quickly, for every command, and the
// password given in the environment or the file is nowhere in the output.
//
// Until graph/neo4j.Open is built the error is "not built yet"; the test
// holds then too, and checks the real connection error after the merge.
func TestNeo4jUnreachableHidesPassword(t *testing.T) {
	const secret = "s3cr3t-XYZ"
	uri := fmt.Sprintf("bolt://127.0.0.1:%d", closedPort(t))
	dir := t.TempDir()
	conf := filepath.Join(dir, "ecoscope.yaml")
	if err := os.WriteFile(conf, []byte("neo4j:\n  user: neo4j\n  password: "+secret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	envs := map[string]map[string]string{
		"env":  {"ECOSCOPE_NEO4J_PASSWORD": secret, "ECOSCOPE_NEO4J_USER": "neo4j"},
		"file": {},
	}
	for name, env := range envs {
		for i, args := range storeCommands {
			line := append([]string{"--store", uri}, args...)
			if name == "file" {
				if i > 2 { // import, import --replace and report: the rest as with env
					break
				}
				line = append([]string{"--config", conf}, line...)
			}
			start := time.Now()
			r := ecoscope(t, env, line...)
			took := time.Since(start)
			if r.code == exitOK || r.code == exitUsage {
				t.Errorf("%s %v: exit %d, want a run-time error; stderr:\n%s", name, args, r.code, r.err)
			}
			if strings.Contains(r.stdout+r.err, secret) {
				t.Errorf("%s %v: the password is shown:\n%s%s", name, args, r.stdout, r.err)
			}
			if strings.Count(r.err, "\n") != 1 || !strings.HasPrefix(r.err, "error: ") || !strings.Contains(r.err, uri) {
				t.Errorf("%s %v: want one line naming %s, got:\n%s", name, args, uri, r.err)
			}
			if took > 15*time.Second {
				t.Errorf("%s %v: took %v", name, args, took)
			}
		}
	}
}

// TestNoPasswordFlag: no command takes a password on the command line, and
// no help text shows one.
func TestNoPasswordFlag(t *testing.T) {
	a := &app{io: IOStreams{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		check := func(f *pflag.Flag) {
			if strings.Contains(strings.ToLower(f.Name), "pass") || strings.Contains(strings.ToLower(f.Name), "secret") {
				t.Errorf("%s has the flag --%s", c.CommandPath(), f.Name)
			}
		}
		c.Flags().VisitAll(check)
		c.PersistentFlags().VisitAll(check)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(a.newRootCmd())

	env := map[string]string{"ECOSCOPE_NEO4J_PASSWORD": "s3cr3t-XYZ", "ECOSCOPE_STORE": "neo4j://localhost"}
	for _, args := range append(storeCommands, []string{"--help"}, []string{"init", "--help"}) {
		r := ecoscope(t, env, append(args, "--help")...)
		if r.code != exitOK || strings.Contains(r.stdout+r.err, "s3cr3t") {
			t.Errorf("%v --help: exit %d or the password shown", args, r.code)
		}
		if !strings.Contains(r.stdout, "SQLite file or Neo4j URI (neo4j://, neo4j+s://, bolt://, …)") {
			t.Errorf("%v --help: --store does not say it takes a Neo4j URI:\n%s", args, r.stdout)
		}
	}
}

// TestStoreURIPrecedence: the store URI is taken from the file, then the
// environment, then --store, like a file path (the message names the one
// that won).
func TestStoreURIPrecedence(t *testing.T) {
	dir := t.TempDir()
	conf := filepath.Join(dir, "ecoscope.yaml")
	if err := os.WriteFile(conf, []byte("store: ftp://from-file\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{nil, nil, "ftp://from-file"},
		{map[string]string{"ECOSCOPE_STORE": "ftp://from-env"}, nil, "ftp://from-env"},
		{map[string]string{"ECOSCOPE_STORE": "ftp://from-env"}, []string{"--store", "ftp://from-flag"}, "ftp://from-flag"},
	} {
		r := ecoscope(t, tt.env, append([]string{"--config", conf, "report"}, tt.args...)...)
		if r.code != exitUsage || !strings.Contains(r.err, "in "+tt.want+":") {
			t.Errorf("%v %v: exit %d, want 2 naming %s; stderr:\n%s", tt.env, tt.args, r.code, tt.want, r.err)
		}
	}
}

// TestSQLiteStoreUnchanged: a file path is still an SQLite store, and a
// missing one still says to import first; --dry-run and --from open no
// store, so a Neo4j URI there is not even asked.
func TestSQLiteStoreUnchanged(t *testing.T) {
	env, path := storeEnv(t)
	r := ecoscope(t, env, "report")
	if r.code != exitError || !strings.Contains(r.err, "no store at "+path+": import data first") {
		t.Errorf("missing store: exit %d, stderr:\n%s", r.code, r.err)
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("a reader created the store")
	}
	if r := ecoscope(t, env, "import", example); r.code != exitOK || !strings.Contains(r.stdout, "into "+path+"\n") {
		t.Fatalf("import: exit %d\n%s%s", r.code, r.stdout, r.err)
	}
	if m := reportJSON(t, env); m["partners"] == nil {
		t.Error("no partners read back")
	}
	uri := fmt.Sprintf("bolt://127.0.0.1:%d", closedPort(t))
	if r := ecoscope(t, nil, "--store", uri, "report", "--from", example); r.code != exitOK {
		t.Errorf("--from with a Neo4j store: exit %d\n%s", r.code, r.err)
	}
	if r := ecoscope(t, nil, "--store", uri, "import", "--dry-run", "--replace", example); r.code != exitOK {
		t.Errorf("import --dry-run --replace with a Neo4j store: exit %d\n%s", r.code, r.err)
	}
}

// TestHidePassword: whatever error holds the password (a driver's message,
// say) is printed with *** in its place, and still unwraps to itself.
func TestHidePassword(t *testing.T) {
	a := &app{}
	a.cfg.Neo4j.Password = "s3cr3t-XYZ"
	inner := errors.New("auth failed for neo4j/s3cr3t-XYZ at bolt://h")
	err := a.hidePassword(fmt.Errorf("open bolt://h: %w", inner))
	if strings.Contains(err.Error(), "s3cr3t") || !strings.Contains(err.Error(), "neo4j/*** at") {
		t.Errorf("hidePassword: %v", err)
	}
	if !errors.Is(err, inner) {
		t.Error("the error no longer unwraps")
	}
	plain := errors.New("no password here")
	if a.hidePassword(plain) != plain {
		t.Error("an error without the password was changed")
	}
}
