package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3";
// otherwise it comes from the build information Go records: the module
// version (go install ...@v1.2.3, or the one go build derives from the VCS
// tag and commit) and the VCS revision.
var version = ""

func versionString() string {
	info, _ := debug.ReadBuildInfo()
	return describeVersion(version, info)
}

// describeVersion says which ecoscope this is: "ecoscope v1.2.3 (go1.26.8
// linux/amd64, revision 1ea3242c5b3a, 2026-12-03T15:43:41Z, modified)". set
// is the version given at build time, info the build information (nil when
// there is none).
func describeVersion(set string, info *debug.BuildInfo) string {
	v := set
	var details []string
	var rev, when string
	modified := false
	if info != nil {
		if v == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
			v = info.Main.Version
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	if v == "" {
		v = "(devel)"
	}
	details = append(details, runtime.Version()+" "+runtime.GOOS+"/"+runtime.GOARCH)
	if rev != "" {
		details = append(details, "revision "+rev[:min(12, len(rev))])
		if when != "" {
			details = append(details, when)
		}
		if modified {
			details = append(details, "modified")
		}
	} else if set == "" && (info == nil || info.Main.Version == "" || info.Main.Version == "(devel)") {
		details = append(details, "no version control information: built with -buildvcs=false or outside a git checkout")
	}
	return fmt.Sprintf("ecoscope %s (%s)", v, strings.Join(details, ", "))
}

func (a *app) newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of ecoscope",
		Long: `Print the version of ecoscope: the module version (a release such as v1.2.3,
or the pseudo-version go build derives from the git commit), the Go version
and platform, and the git revision it was built from, when Go recorded it.
ecoscope --version prints the same.`,
		Example: `  ecoscope version
  ecoscope --version`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintln(a.io.Out, versionString())
			return err
		},
	}
}
