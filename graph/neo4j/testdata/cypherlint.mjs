// cypherlint checks Cypher statements with Neo4j's own parser and semantic
// analysis, from the npm package @neo4j-cypher/language-support.
//
// Usage: node cypherlint.mjs PACKAGE_PREFIX < input.json
//
// PACKAGE_PREFIX is the folder that `npm install --prefix` installed the
// package into (its node_modules holds @neo4j-cypher/language-support).
// The input is {"schema": DbSchema, "queries": [{"name": ..., "text": ...}]};
// the output, one JSON object, {"results": [{"name", "diagnostics"}]}, where
// a diagnostic's severity is 1 for an error and 2 for a warning.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const prefix = process.argv[2];
const pkgDir = join(prefix, 'node_modules', '@neo4j-cypher', 'language-support');
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const ls = await import(pathToFileURL(join(pkgDir, pkg.module)).href);

const input = JSON.parse(readFileSync(0, 'utf8'));
const results = input.queries.map((q) => {
  const { diagnostics } = ls.lintCypherQuery(q.text, input.schema);
  return {
    name: q.name,
    diagnostics: diagnostics.map((d) => ({ severity: d.severity, message: d.message, offset: d.offsets?.start })),
  };
});
process.stdout.write(JSON.stringify({ version: pkg.version, results }));
