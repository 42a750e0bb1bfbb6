package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// enumFlag is a string flag that takes one value of a fixed list; any other
// value is a flag error (usage is shown).
type enumFlag struct {
	value   string
	allowed []string
}

func newEnum(def string, allowed ...string) *enumFlag {
	return &enumFlag{value: def, allowed: allowed}
}

func (f *enumFlag) String() string { return f.value }
func (f *enumFlag) Type() string   { return strings.Join(f.allowed, "|") }
func (f *enumFlag) Set(s string) error {
	for _, a := range f.allowed {
		if s == a {
			f.value = s
			return nil
		}
	}
	return fmt.Errorf("%q is not one of %s", s, strings.Join(f.allowed, ", "))
}

// countFlag is a flag that takes a number from 0 up, or "all" (stored as
// -1); any other value is a flag error.
type countFlag struct {
	n    int
	what string // what is counted, for the error: "units"
}

func (f *countFlag) String() string {
	if f.n < 0 {
		return "all"
	}
	return strconv.Itoa(f.n)
}

func (f *countFlag) Type() string { return "N|all" }

func (f *countFlag) Set(s string) error {
	if s == "all" {
		f.n = -1
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return fmt.Errorf("%q is not a number of %s or \"all\"", s, f.what)
	}
	f.n = n
	return nil
}

// flagSet holds the names of the flags given on the command line.
type flagSet map[string]bool

// changedFlags returns the flags of cmd given on the command line.
func changedFlags(cmd *cobra.Command) flagSet {
	set := flagSet{}
	cmd.Flags().Visit(func(f *pflag.Flag) { set[f.Name] = true })
	return set
}
