package config

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/spf13/viper"

	"github.com/ecoscope/ecoscope/analysis"
)

// checkDefaults sets the defaults of the check: section from
// analysis.DefaultCheckOptions, the one place they are defined.
func checkDefaults(v *viper.Viper) {
	setDefaults(v, "check", analysis.DefaultCheckOptions())
}

// setDefaults sets a default for every field of the struct s that has a
// mapstructure tag other than "-", under prefix.
func setDefaults(v *viper.Viper, prefix string, s any) {
	for _, kv := range fields(s) {
		v.SetDefault(prefix+"."+kv.key, kv.val)
	}
}

// fields returns the values of the fields of the struct s by their
// mapstructure tags, in the order of the struct; the tag "-" and untagged
// fields are left out.
func fields(s any) orderedValues {
	var out orderedValues
	rv := reflect.ValueOf(s)
	rt := rv.Type()
	for i := range rt.NumField() {
		tag := strings.Split(rt.Field(i).Tag.Get("mapstructure"), ",")[0]
		if tag == "" || tag == "-" {
			continue
		}
		out = append(out, keyValue{tag, rv.Field(i).Interface()})
	}
	return out
}

type keyValue struct {
	key string
	val any
}

// orderedValues are settings in the order of their struct.
type orderedValues []keyValue

// yamlValue writes a default as ecoscope.yaml shows it.
func yamlValue(v any) string {
	switch x := v.(type) {
	case float64:
		return fmt.Sprintf("%g", x)
	default:
		return fmt.Sprint(x)
	}
}
