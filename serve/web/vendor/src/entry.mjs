// Entry of the vendored bundle serve/web/vendor/ecoscope-graph.min.js:
// scripts/vendor-web.sh bundles it with esbuild into one IIFE that sets
// window.EcoGraph. Only what app.js uses is exported, to keep it small.
import Graph from "graphology";
import Sigma from "sigma";
import { EdgeLineProgram, NodePointProgram, NodeCircleProgram, EdgeRectangleProgram } from "sigma/rendering";

export { Graph, Sigma, EdgeLineProgram, NodePointProgram, NodeCircleProgram, EdgeRectangleProgram };
