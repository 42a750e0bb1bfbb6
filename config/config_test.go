package config

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

func TestLoadPrecedence(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, FileName), []byte("store: from-file.db\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	env := func(m map[string]string) func(string) (string, bool) {
		return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
	}
	flags := func(args ...string) *pflag.FlagSet {
		fs := pflag.NewFlagSet("t", pflag.ContinueOnError)
		fs.String("store", DefaultStore, "")
		if err := fs.Parse(args); err != nil {
			t.Fatal(err)
		}
		return fs
	}
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"default", Options{Dir: t.TempDir(), Env: env(nil), Flags: flags()}, DefaultStore},
		{"file", Options{Dir: dir, Env: env(nil), Flags: flags()}, "from-file.db"},
		{"env over file", Options{Dir: dir, Env: env(map[string]string{"ECOSCOPE_STORE": "env.db"}), Flags: flags()}, "env.db"},
		{"flag over env", Options{Dir: dir, Env: env(map[string]string{"ECOSCOPE_STORE": "env.db"}), Flags: flags("--store", "flag.db")}, "flag.db"},
		{"explicit file", Options{File: filepath.Join(dir, FileName), Env: env(nil)}, "from-file.db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := Load(tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Store != tt.want {
				t.Errorf("Store = %q, want %q", cfg.Store, tt.want)
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("store: x.db\nstroe: y\n"), 0o644)
	broken := filepath.Join(dir, "broken.yaml")
	os.WriteFile(broken, []byte("store: [unclosed\n"), 0o644)
	tests := []struct {
		name, file, want string
	}{
		{"missing file", filepath.Join(dir, "nope.yaml"), "no such file"},
		{"unknown key", bad, `unknown setting "stroe"`},
		{"bad yaml", broken, "broken.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(Options{File: tt.file, Env: func(string) (string, bool) { return "", false }})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestTemplateLoads(t *testing.T) {
	noEnv := func(string) (string, bool) { return "", false }
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, FileName), []byte(Template()), 0o644)
	cfg, err := Load(Options{Dir: dir, Env: noEnv})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Store != DefaultStore {
		t.Errorf("Store = %q, want %q", cfg.Store, DefaultStore)
	}
}

// TestTemplateIsTheDefaults: the template of ecoscope init, with its
// settings uncommented, names every setting once and gives exactly the
// defaults Load uses without a file (issue 10: the defaults lived in four
// places).
func TestTemplateIsTheDefaults(t *testing.T) {
	noEnv := func(string) (string, bool) { return "", false }
	setting := regexp.MustCompile(`^# ( *[a-z][a-z0-9_]*:( .*)?)$`)
	var lines []string
	keys := map[string]int{}
	for _, l := range strings.Split(Template(), "\n") {
		if m := setting.FindStringSubmatch(l); m != nil {
			l = m[1]
			keys[strings.TrimSpace(strings.SplitN(m[1], ":", 2)[0])]++
		}
		lines = append(lines, l)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, FileName), []byte(strings.Join(lines, "\n")), 0o644)
	got, err := Load(Options{Dir: dir, Env: noEnv})
	if err != nil {
		t.Fatalf("the uncommented template does not load: %v\n%s", err, strings.Join(lines, "\n"))
	}
	want, err := Load(Options{Dir: t.TempDir(), Env: noEnv})
	if err != nil {
		t.Fatal(err)
	}
	got.File = ""
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the template gives\n%+v\nthe defaults are\n%+v", got, want)
	}
	// Every setting that has a default is in the template, once.
	v := viper.New()
	gapsDefaults(v)
	checkDefaults(v)
	tiesDefaults(v)
	neo4jDefaults(v)
	for _, k := range v.AllKeys() {
		leaf := k[strings.LastIndex(k, ".")+1:]
		if keys[leaf] != 1 {
			t.Errorf("setting %s appears %d times in the template", k, keys[leaf])
		}
	}
}

// TestCheckKnownShare: check.min_known_share defaults to 0.8 (the default
// of analysis.DefaultCheckOptions) and is read from the file.
func TestCheckKnownShare(t *testing.T) {
	noEnv := func(string) (string, bool) { return "", false }
	cfg, err := Load(Options{Dir: t.TempDir(), Env: noEnv})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Check.MinKnownShare != 0.8 {
		t.Errorf("default min_known_share %v, want 0.8", cfg.Check.MinKnownShare)
	}
	file := filepath.Join(t.TempDir(), "ecoscope.yaml")
	if err := os.WriteFile(file, []byte("check:\n  min_known_share: 0.6\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if cfg, err = Load(Options{File: file, Env: noEnv}); err != nil {
		t.Fatal(err)
	}
	if cfg.Check.MinKnownShare != 0.6 {
		t.Errorf("min_known_share %v from the file, want 0.6", cfg.Check.MinKnownShare)
	}
	// The template of ecoscope init names it, commented out.
	if !strings.Contains(Template(), "#   min_known_share: 0.8 ") {
		t.Error("the template lacks check.min_known_share")
	}
}

// TestNumbersAsWritten: numbers out of range or not whole were taken
// silently (issue 9: team_tolerance_days: 99999999999999999999 was "got
// -9223372036854775808", min_organisations: 2.5 was 2). The error quotes
// what was written, with its line.
func TestNumbersAsWritten(t *testing.T) {
	noEnv := func(string) (string, bool) { return "", false }
	tests := []struct{ yaml, want string }{
		{"check:\n  team_tolerance_days: 99999999999999999999\n", `:2: check.team_tolerance_days: "99999999999999999999" is out of range`},
		{"check:\n  min_organisations: 2.5\n", `:2: check.min_organisations: "2.5" is not a whole number`},
		{"ties:\n  max_unit_size: 1e3\n", `ties.max_unit_size: "1e3" is not a whole number`},
		{"ties:\n  max_unit_size: 0x20\n", `ties.max_unit_size: "0x20" is not a whole number`},
		{"gaps:\n  min_share: 0x1p-2\n", `gaps.min_share: "0x1p-2" is not a decimal number`},
		{"gaps:\n  min_share: .nan\n", `gaps.min_share: ".nan" is not a decimal number`},
		{"check:\n  min_disciplines: [2]\n", `check.min_disciplines: want a number`},
	}
	for _, tt := range tests {
		f := filepath.Join(t.TempDir(), FileName)
		os.WriteFile(f, []byte(tt.yaml), 0o644)
		_, err := Load(Options{File: f, Env: noEnv})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: err = %v, want it to contain %q", tt.yaml, err, tt.want)
		}
	}
	// Good numbers pass, whole numbers for a float too.
	f := filepath.Join(t.TempDir(), FileName)
	os.WriteFile(f, []byte("gaps:\n  min_share: 0\ncheck:\n  team_min_stable_share: 0.75\n  min_organisations: 3\n"), 0o644)
	if cfg, err := Load(Options{File: f, Env: noEnv}); err != nil || cfg.Check.MinOrganisations != 3 || cfg.Check.TeamMinStableShare != 0.75 {
		t.Errorf("good numbers: %+v, %v", cfg.Check, err)
	}
	// The environment is checked the same way.
	env := func(k string) (string, bool) {
		if k == "ECOSCOPE_TIES_MAX_UNIT_SIZE" {
			return "2.5", true
		}
		return "", false
	}
	if _, err := Load(Options{Dir: t.TempDir(), Env: env}); err == nil || !strings.Contains(err.Error(), `ECOSCOPE_TIES_MAX_UNIT_SIZE: ties.max_unit_size: "2.5" is not a whole number`) {
		t.Errorf("env 2.5: err = %v", err)
	}
}
