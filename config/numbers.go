package config

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/spf13/viper"
	"go.yaml.in/yaml/v3"
)

// kinds returns, for every setting whose default is a number, whether it
// is a whole number ("int") or any number ("float"): the kinds that Load
// checks what the file, the environment and flags give against.
func kinds(v *viper.Viper) map[string]string {
	out := map[string]string{}
	for _, k := range v.AllKeys() {
		switch v.Get(k).(type) {
		case int, int64:
			out[k] = "int"
		case float64:
			out[k] = "float"
		}
	}
	return out
}

var (
	wholeNumber   = regexp.MustCompile(`^[+-]?[0-9]+$`)
	decimalNumber = regexp.MustCompile(`^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$`)
)

// checkNumber checks the text s given for a setting of the kind ("int" or
// "float"): a whole number in the range of an int, or a decimal number.
// The error quotes s as it was written.
func checkNumber(key, kind, s string) error {
	t := strings.TrimSpace(s)
	switch kind {
	case "int":
		if !wholeNumber.MatchString(t) {
			return fmt.Errorf("%s: %q is not a whole number", key, shorten(s))
		}
		if _, err := strconv.ParseInt(t, 10, 64); err != nil {
			return fmt.Errorf("%s: %q is out of range (%d to %d)", key, shorten(s), math.MinInt64, math.MaxInt64)
		}
	case "float":
		f, err := strconv.ParseFloat(t, 64)
		if !decimalNumber.MatchString(t) || err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return fmt.Errorf("%s: %q is not a decimal number", key, shorten(s))
		}
	}
	return nil
}

// shorten keeps a quoted value short in a message.
func shorten(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// checkFileNumbers checks every number the YAML text gives for a numeric
// setting, as written: yaml and viper would turn 99999999999999999999 into
// -9223372036854775808 and 2.5 into 2 without a word. The error names the
// line.
func checkFileNumbers(text []byte, kinds map[string]string) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(text, &doc); err != nil {
		return nil // viper reports syntax errors
	}
	var walk func(n *yaml.Node, path string) error
	walk = func(n *yaml.Node, path string) error {
		switch n.Kind {
		case yaml.DocumentNode:
			for _, c := range n.Content {
				if err := walk(c, path); err != nil {
					return err
				}
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				key := strings.ToLower(n.Content[i].Value)
				if path != "" {
					key = path + "." + key
				}
				if err := walk(n.Content[i+1], key); err != nil {
					return err
				}
			}
		case yaml.ScalarNode:
			kind, ok := kinds[path]
			if !ok {
				return nil
			}
			if err := checkNumber(path, kind, n.Value); err != nil {
				return fmt.Errorf("%d: %w", n.Line, err)
			}
		default:
			if _, ok := kinds[path]; ok {
				return fmt.Errorf("%d: %s: want a number, not a list or a section", n.Line, path)
			}
		}
		return nil
	}
	return walk(&doc, "")
}
