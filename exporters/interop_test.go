package exporters

import (
	"os/exec"
	"testing"
)

// python returns a Python 3 that imports module (python3 on the PATH, or
// Debian's /usr/bin/python3, whose packages differ from a pyenv's), or
// skips the test saying what is missing.
func python(t *testing.T, module string) string {
	t.Helper()
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(p, "-c", "import "+module).Run() == nil {
			return p
		}
	}
	t.Skipf("no python3 with %s (apt-get install python3-%s, or pip install %s): the interop check is skipped", module, module, module)
	return ""
}
