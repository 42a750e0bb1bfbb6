package main

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func valuesJSON(t *testing.T, env map[string]string, args ...string) map[string]any {
	t.Helper()
	r := ecoscope(t, env, append([]string{"values", "--format", "json"}, args...)...)
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", r.code, r.err)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("values JSON: %v\n%s", err, r.stdout)
	}
	return doc
}

func sumRecords(rows []any) float64 {
	n := 0.0
	for _, r := range rows {
		n += r.(map[string]any)["records"].(float64)
	}
	return n
}

// The example has 48 value records (examples/README.md) in every cycle,
// every capital and every outcome level, all dated and all naming a unit.
func TestValuesExample(t *testing.T) {
	doc := valuesJSON(t, nil, "--from", example)
	if doc["records"] != 48.0 {
		t.Fatalf("records %v, want 48", doc["records"])
	}
	cycles := doc["by_cycle"].([]any)
	var names []string
	for _, c := range cycles {
		m := c.(map[string]any)
		names = append(names, m["cycle"].(string))
		if m["records"].(float64) == 0 {
			t.Errorf("cycle %s has no records; the example has every cycle", m["cycle"])
		}
	}
	if want := []string{"expected", "immediate", "potential", "applied", "realized", "transformative"}; !reflect.DeepEqual(names, want) {
		t.Errorf("cycles %v, want %v", names, want)
	}
	for _, c := range doc["potential_by_capital"].([]any) {
		m := c.(map[string]any)
		if n := m["records"].(float64); (m["capital"] == "unspecified") != (n == 0) {
			t.Errorf("capital %s: %v records", m["capital"], n)
		}
	}
	// Every table adds up to all records.
	for _, key := range []string{"by_cycle", "by_level", "by_helix", "by_year"} {
		if n := sumRecords(doc[key].([]any)); n+doc["undated"].(map[string]any)["records"].(float64)*boolf(key == "by_year") != 48 {
			t.Errorf("%s adds up to %v, want 48", key, n)
		}
	}
	if n := sumRecords(doc["by_unit"].([]any)) + doc["without_unit"].(map[string]any)["records"].(float64); n != 48 {
		t.Errorf("by_unit and without_unit add up to %v, want 48", n)
	}
	net := doc["network"].(map[string]any)
	b, o := net["brokers"].(map[string]any), net["others"].(map[string]any)
	if b["records"].(float64)+o["records"].(float64) != 48 || b["partners"].(float64)+o["partners"].(float64) != 154 {
		t.Errorf("brokers %v + others %v: want 48 records and 154 partners", b, o)
	}
	if q := net["betweenness_quartiles"].([]any); len(q) != 4 || sumRecords(q) != 48 {
		t.Errorf("quartiles %v: want 4 adding up to 48 records", q)
	}
	if doc["tie_source"] != "all" || len(doc["by_partner"].([]any)) != 154 {
		t.Errorf("tie source %v, %d partner rows; want all, 154", doc["tie_source"], len(doc["by_partner"].([]any)))
	}
}

func boolf(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func TestValuesText(t *testing.T) {
	r := ecoscope(t, nil, "values", "--from", example)
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	for _, w := range []string{"48 value records", "expected", "immediate", "potential", "applied", "realized",
		"transformative", "reputational", "Records per helix type", "Records per unit", "lc-energieke-regio",
		"Records per year", "2018", "2026", "undated", "brokers", "q4"} {
		if !strings.Contains(r.stdout, w) {
			t.Errorf("text lacks %q", w)
		}
	}
}

// TestValuesTiesAndUnit: --ties chooses the network (the groups change,
// the counts not); --unit keeps the records of the unit and the units
// below it; --at the records dated up to then.
func TestValuesTiesAndUnit(t *testing.T) {
	all := valuesJSON(t, nil, "--from", example)
	explicit := valuesJSON(t, nil, "--from", example, "--ties", "explicit")
	if explicit["tie_source"] != "explicit" || !reflect.DeepEqual(all["by_cycle"], explicit["by_cycle"]) {
		t.Errorf("--ties explicit: tie source %v; the cycle counts should not change", explicit["tie_source"])
	}
	if reflect.DeepEqual(all["network"], explicit["network"]) {
		t.Error("--ties explicit: the network groups did not change")
	}
	// hub-waterstof's subtree holds 5 records (its own 2, its teams' 1 and 2).
	unit := valuesJSON(t, nil, "--from", example, "--unit", "hub-waterstof")
	if unit["records"] != 5.0 || unit["unit"] != "hub-waterstof" {
		t.Errorf("--unit hub-waterstof: %v records, want 5", unit["records"])
	}
	for _, u := range all["by_unit"].([]any) {
		m := u.(map[string]any)
		if m["id"] == "hub-waterstof" && m["subtree_records"] != 5.0 {
			t.Errorf("hub-waterstof subtree_records %v, want 5", m["subtree_records"])
		}
	}
	// 2018 holds the 4 expected records of the founding year.
	at := valuesJSON(t, nil, "--from", example, "--at", "2018")
	if at["records"] != 4.0 || at["at"] != "2018" {
		t.Errorf("--at 2018: %v records, want 4", at["records"])
	}
}

func TestValuesBadInput(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"bad format", []string{"values", "--from", example, "--format", "csv"}, exitUsage, `"csv" is not one of text, json`},
		{"bad ties", []string{"values", "--from", example, "--ties", "some"}, exitUsage, "explicit, units, all"},
		{"bad date", []string{"values", "--from", example, "--at", "20-20"}, exitUsage, "--at: invalid date"},
		{"unknown unit", []string{"values", "--from", example, "--unit", "hub-waterstf"}, exitError, `closest: "hub-waterstof"`},
		{"lang is for check", []string{"values", "--from", example, "--lang", "nl"}, exitUsage, "unknown flag: --lang"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ecoscope(t, nil, tt.args...)
			if r.code != tt.code || !strings.Contains(r.err, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d containing %q", r.code, r.err, tt.code, tt.want)
			}
		})
	}
	r := ecoscope(t, nil, "values", "--from", example, "--at", "1990")
	// The example's first date is lc-energieke-regio's since, 2018-03.
	if r.code != exitOK || !strings.Contains(r.stdout, "No partners are active at 1990: the data starts at 2018-03") {
		t.Errorf("before the data: exit %d\n%s", r.code, r.stdout)
	}
	doc := valuesJSON(t, nil, "--from", example, "--at", "1990")
	if doc["records"] != 0.0 || doc["by_cycle"].([]any)[0].(map[string]any)["share"] != nil {
		t.Errorf("before the data: %v records, share %v; want 0 and null", doc["records"], doc["by_cycle"].([]any)[0])
	}
}

func TestValuesHelp(t *testing.T) {
	r := ecoscope(t, nil, "values", "--help")
	if r.code != exitOK || !strings.Contains(r.stdout, "Examples:") || !strings.Contains(r.stdout, "--ties") {
		t.Errorf("help: exit %d\n%s", r.code, r.stdout)
	}
}

// TestValuesApprox: values takes --approx like metrics (issue 8).
func TestValuesApprox(t *testing.T) {
	r := ecoscope(t, nil, "values", "--from", example, "--approx", "0.05", "--format", "json")
	m := jsonOf(t, r)
	if _, ok := m["betweenness_approximation"]; !ok || !strings.Contains(r.err, "betweenness is approximate") {
		t.Errorf("values --approx: no betweenness_approximation key or note; stderr %q", r.err)
	}
	if r := ecoscope(t, nil, "values", "--from", example, "--approx", "2"); r.code != exitUsage {
		t.Errorf("values --approx 2: exit %d, want %d", r.code, exitUsage)
	}
}
