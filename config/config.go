// Package config reads ecoscope's settings from ecoscope.yaml, ECOSCOPE_*
// environment variables and command-line flags, in rising order of
// precedence, into one Config.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/ecoscope/ecoscope/analysis"
	"os"
	"slices"
	"strings"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// DefaultStore is the store used when none is configured: an SQLite file in
// the working directory. A store may also be a Neo4j URI (neo4j://host,
// bolt://host, ...; package graph/neo4j), set up by the neo4j: settings.
const DefaultStore = "ecoscope.db"

// FileName is the configuration file looked for in the working directory
// when no --config is given.
const FileName = "ecoscope.yaml"

// Config is every setting of ecoscope.
type Config struct {
	// Store is where data is kept: the path of an SQLite file, or the URI
	// of a Neo4j server (neo4j://, neo4j+s://, bolt://, ...). Load does not
	// check the URI; the command that opens the store does
	// (neo4j.CheckURI).
	Store string `mapstructure:"store"`
	// Neo4j are the credentials and tuning of a Neo4j store (see
	// neo4j.go); unused when Store is a file.
	Neo4j Neo4j `mapstructure:"neo4j"`
	// Gaps are the targets of `ecoscope gaps` (see gaps.go).
	Gaps Gaps `mapstructure:"gaps"`
	// Check are the thresholds of `ecoscope check`, read into the options
	// of the analysis itself (analysis.CheckOptions carries the keys).
	Check analysis.CheckOptions `mapstructure:"check"`
	// Ties are the settings of the partner network (see ties.go).
	Ties Ties `mapstructure:"ties"`
	// Mapping maps source types to helix types (see mapping.go); read
	// from the file itself, not by viper.
	Mapping Mapping `mapstructure:"-"`
	// File is the configuration file that was read, "" when none.
	File string `mapstructure:"-"`
}

// Options say where Load looks.
type Options struct {
	// File is an explicit configuration file (--config); it must exist.
	//
	// Settings given by the environment and flags: store (ECOSCOPE_STORE,
	// --store) and ties.max_unit_size (ECOSCOPE_TIES_MAX_UNIT_SIZE,
	// --max-unit-size); by the environment only: neo4j.user,
	// neo4j.password, neo4j.database, neo4j.batch_size and
	// neo4j.tx_records (ECOSCOPE_NEO4J_USER, ...).
	File string
	// Dir is where ecoscope.yaml is looked for when File is empty.
	Dir string
	// Env returns environment variables (os.LookupEnv when nil).
	Env func(string) (string, bool)
	// Flags are the command-line flags; a flag that was set overrides the
	// file and the environment. Flag names match the keys (e.g. "store").
	Flags *pflag.FlagSet
}

// Load reads the configuration: defaults, then the file, then ECOSCOPE_*
// environment variables, then flags that were set on the command line.
func Load(opts Options) (Config, error) {
	v := viper.New()
	v.SetDefault("store", DefaultStore)
	gapsDefaults(v)
	checkDefaults(v)
	tiesDefaults(v)
	neo4jDefaults(v)
	v.SetConfigType("yaml")
	known := map[string]bool{}
	for _, k := range v.AllKeys() {
		known[k] = true
	}
	numeric := kinds(v)

	file := opts.File
	if file == "" {
		dir := opts.Dir
		if dir == "" {
			dir = "."
		}
		candidate := dir + string(os.PathSeparator) + FileName
		if _, err := os.Stat(candidate); err == nil {
			file = candidate
		}
	}
	var cfg Config
	if file != "" {
		text, err := os.ReadFile(file)
		if err != nil {
			return Config{}, fmt.Errorf("config: %w", err)
		}
		if err := v.ReadConfig(bytes.NewReader(text)); err != nil {
			return Config{}, fmt.Errorf("config %s: %w", file, err)
		}
		if err := checkFileNumbers(text, numeric); err != nil {
			return Config{}, fmt.Errorf("config %s:%w", file, err)
		}
		if err := checkKeys(v, file, known); err != nil {
			return Config{}, err
		}
		if err := checkSecret(v, "neo4j.password"); err != nil {
			return Config{}, fmt.Errorf("config %s: %w", file, err)
		}
		if cfg.Mapping, err = readMapping(text); err != nil {
			return Config{}, fmt.Errorf("config %s:%w", file, err)
		}
		cfg.File = file
	}

	lookup := opts.Env
	if lookup == nil {
		lookup = os.LookupEnv
	}
	for _, s := range settings {
		if val, ok := lookup(s.env()); ok && val != "" {
			if err := checkNumber(s.key, numeric[s.key], val); err != nil {
				return Config{}, fmt.Errorf("config: %s: %w", s.env(), err)
			}
			v.Set(s.key, val)
		}
	}
	if opts.Flags != nil {
		for _, s := range settings {
			if s.flag == "" {
				continue
			}
			if f := opts.Flags.Lookup(s.flag); f != nil && f.Changed {
				v.Set(s.key, f.Value.String())
			}
		}
	}
	if err := v.Unmarshal(&cfg); err != nil {
		return Config{}, fmt.Errorf("config: %w", err)
	}
	if strings.TrimSpace(cfg.Store) == "" {
		return Config{}, errors.New("config: store is empty; give a file path such as ecoscope.db, or a Neo4j URI such as neo4j://localhost:7687")
	}
	if err := cfg.Ties.Validate(); err != nil {
		return Config{}, fmt.Errorf("config: %w", err)
	}
	if err := cfg.Neo4j.Validate(); err != nil {
		return Config{}, fmt.Errorf("config: %w", err)
	}
	return cfg, nil
}

// setting is a setting that the environment and flags can give too.
type setting struct {
	key  string // in the file: "ties.max_unit_size"
	flag string // "max-unit-size"; "": none (the environment only)
}

// env is the environment variable of s: ECOSCOPE_TIES_MAX_UNIT_SIZE.
func (s setting) env() string {
	return "ECOSCOPE_" + strings.ToUpper(strings.ReplaceAll(s.key, ".", "_"))
}

var settings = []setting{
	{"store", "store"},
	{"ties.max_unit_size", "max-unit-size"},
	// No flags: a password is never on the command line, and the rest
	// goes with it.
	{"neo4j.user", ""},
	{"neo4j.password", ""},
	{"neo4j.database", ""},
	{"neo4j.batch_size", ""},
	{"neo4j.tx_records", ""},
}

// freeSections hold maps whose keys the file chooses; Validate checks them.
var freeSections = []string{"gaps.targets.", "mapping."}

// checkKeys refuses a key of the file that is not a setting: known holds
// every setting (the keys of the defaults). The error names the key and
// the settings known at its depth.
func checkKeys(v *viper.Viper, file string, known map[string]bool) error {
	var unknown []string
	for _, k := range v.AllKeys() {
		if known[k] || slices.ContainsFunc(freeSections, func(p string) bool { return strings.HasPrefix(k+".", p) }) {
			continue
		}
		unknown = append(unknown, k)
	}
	if len(unknown) == 0 {
		return nil
	}
	slices.Sort(unknown)
	k := unknown[0]
	section, _, nested := strings.Cut(k, ".")
	var siblings []string
	for s := range known {
		if nested {
			if rest, ok := strings.CutPrefix(s, section+"."); ok {
				siblings = append(siblings, strings.SplitN(rest, ".", 2)[0])
			}
		} else {
			siblings = append(siblings, strings.SplitN(s, ".", 2)[0])
		}
	}
	slices.Sort(siblings)
	siblings = slices.Compact(siblings)
	where := "known"
	if nested && len(siblings) > 0 {
		where = "known under " + section
	}
	if len(siblings) == 0 { // a section that has no settings of its own
		for s := range known {
			siblings = append(siblings, strings.SplitN(s, ".", 2)[0])
		}
		slices.Sort(siblings)
		siblings = slices.Compact(siblings)
	}
	last := k[strings.LastIndex(k, ".")+1:]
	return fmt.Errorf("config %s: unknown setting %q%s (%s: %s)", file, k, didYouMean(last, siblings), where, strings.Join(siblings, ", "))
}
