#!/usr/bin/env bash
# Rebuilds serve/web/vendor/ecoscope-graph.min.js, the one browser bundle of
# sigma.js and graphology that the page of `ecoscope serve` loads, and copies
# each package's licence beside it. sigma v3 ships no browser build that also
# exposes its rendering programs (EdgeLineProgram, NodePointProgram), so the
# entry serve/web/vendor/src/entry.mjs is bundled with esbuild into an IIFE
# that sets window.EcoGraph.
#
# Needs node and npm (the npm registry); installs into .cache/web, which git
# ignores. Change the versions here and in serve/web/vendor/README.md together.
set -euo pipefail

SIGMA=3.0.3
GRAPHOLOGY=0.26.0
ESBUILD=0.28.2

root=$(cd "$(dirname "$0")/.." && pwd)
work="$root/.cache/web"
vendor="$root/serve/web/vendor"
mkdir -p "$work" "$vendor"
cd "$work"
[ -f package.json ] || echo '{"name":"ecoscope-web-vendor","private":true,"version":"0.0.0"}' > package.json
npm install --no-audit --no-fund --save-exact \
  "sigma@$SIGMA" "graphology@$GRAPHOLOGY" "esbuild@$ESBUILD" graphology-types >/dev/null

NODE_PATH="$work/node_modules" ./node_modules/.bin/esbuild "$vendor/src/entry.mjs" \
  --bundle --minify --format=iife --global-name=EcoGraph --target=es2019 \
  --legal-comments=none --log-level=warning \
  --outfile="$vendor/ecoscope-graph.min.js"

# The licences of everything inside the bundle: sigma, graphology, and their
# runtime dependencies events and graphology-utils.
cp node_modules/sigma/LICENSE.txt "$vendor/LICENSE.sigma.txt"
cp node_modules/graphology/LICENSE.txt "$vendor/LICENSE.graphology.txt"
cp node_modules/graphology-utils/LICENSE.txt "$vendor/LICENSE.graphology-utils.txt"
cp node_modules/events/LICENSE "$vendor/LICENSE.events.txt"

# The page's Content-Security-Policy forbids eval and new Function.
if grep -q 'new Function\|eval(' "$vendor/ecoscope-graph.min.js"; then
  echo "vendor-web: the bundle uses eval or new Function, which the page's CSP forbids" >&2
  exit 1
fi
ls -l "$vendor/ecoscope-graph.min.js"
