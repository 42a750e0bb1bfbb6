// Command nodemetrics times ecoscope's node metrics on an edge list written
// by bench/edgelist, for bench/peers.sh:
//
//	go run ./bench/nodemetrics -in net.txt [-metrics betweenness,closeness] [-eps 0.01]
//
// It prints one JSON object per line: {"tool":"ecoscope","metric":...,
// "seconds":...,"nodes":...,"edges":...}. Building the network is timed as
// "build". Louvain is network.Louvain.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/analysis/network"
	"github.com/ecoscope/ecoscope/graph"
)

func main() {
	in := flag.String("in", "", "edge list written by bench/edgelist")
	list := flag.String("metrics", "betweenness,closeness,eigenvector,pagerank,louvain,clustering", "comma-separated metrics, or all")
	eps := flag.Float64("eps", 0.01, "ε of betweenness_approx (δ = 0.1)")
	values := flag.String("values", "", "also write every metric's values to this JSON file (for bench/peers.py's agreement check)")
	flag.Parse()
	e, err := read(*in)
	if err != nil {
		fmt.Fprintln(os.Stderr, "nodemetrics:", err)
		os.Exit(1)
	}
	start := time.Now()
	net := analysis.New(e, analysis.Options{Ties: analysis.TiesExplicit})
	report("build", time.Since(start), net)
	g := net.Graph

	out := map[string]any{} // the values of each metric, for -values
	metrics := map[string]func(){
		"betweenness": func() { out["betweenness"] = network.Betweenness(g) },
		"betweenness_approx": func() {
			out["betweenness_approx"], _ = network.BetweennessApprox(g, *eps, 0.1, rand.NewPCG(1, 1))
		},
		"closeness":   func() { out["closeness"] = network.Closeness(g) },
		"eigenvector": func() { out["eigenvector"] = network.Eigenvector(g) },
		"pagerank":    func() { out["pagerank"] = network.PageRank(g, network.DefaultDamping) },
		"louvain": func() {
			c := network.Louvain(g, rand.NewPCG(1, 1))
			out["louvain_q"], out["louvain_communities"] = c.Q, len(c.Sizes)
		},
		"clustering":     func() { out["clustering"] = network.Clustering(g) },
		"core_number":    func() { out["core_number"] = network.CoreNumber(g) },
		"constraint":     func() { out["constraint"] = network.Constraint(g) },
		"effective_size": func() { out["effective_size"] = network.EffectiveSize(g) },
		"components":     func() { _, out["components"] = network.Components(g) },
	}
	order := []string{"betweenness", "betweenness_approx", "closeness", "eigenvector", "pagerank", "louvain", "clustering", "core_number", "constraint", "effective_size", "components"}
	want := strings.Split(*list, ",")
	if *list == "all" {
		want = order
	}
	for _, m := range want {
		f, ok := metrics[m]
		if !ok {
			fmt.Fprintf(os.Stderr, "nodemetrics: unknown metric %q\n", m)
			os.Exit(2)
		}
		runtime.GC()
		start := time.Now()
		f()
		report(m, time.Since(start), net)
	}
	if *values != "" {
		for k, v := range out {
			if xs, ok := v.([]float64); ok {
				out[k] = jsonFloats(xs)
			}
		}
		b, err := json.Marshal(out)
		if err == nil {
			err = os.WriteFile(*values, b, 0o644)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "nodemetrics:", err)
			os.Exit(1)
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Fprintf(os.Stderr, "nodemetrics: heap in use at end %.1f MB, total from OS %.1f MB, GOMAXPROCS %d\n",
		float64(ms.HeapInuse)/1e6, float64(ms.Sys)/1e6, runtime.GOMAXPROCS(0))
}

func report(metric string, d time.Duration, net *analysis.Network) {
	b, _ := json.Marshal(map[string]any{
		"tool": "ecoscope", "metric": metric, "seconds": d.Seconds(), "nodes": net.N(), "edges": net.M(),
	})
	fmt.Println(string(b))
}

// read reads an edge list into an ecosystem with partners "0" to "N-1".
func read(path string) (*graph.Ecosystem, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	e := &graph.Ecosystem{}
	line := 0
	for sc.Scan() {
		line++
		s := sc.Text()
		if strings.HasPrefix(s, "#") {
			for _, kv := range strings.Fields(s) {
				if n, ok := strings.CutPrefix(kv, "nodes="); ok {
					k, err := strconv.Atoi(n)
					if err != nil {
						return nil, fmt.Errorf("%s:%d: %w", path, line, err)
					}
					for i := 0; i < k; i++ {
						e.Partners = append(e.Partners, graph.Partner{ID: strconv.Itoa(i)})
					}
				}
			}
			continue
		}
		fs := strings.Fields(s)
		if len(fs) != 3 {
			return nil, fmt.Errorf("%s:%d: want \"u v w\"", path, line)
		}
		w, err := strconv.ParseFloat(fs[2], 64)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		e.Ties = append(e.Ties, graph.Tie{Source: fs[0], Target: fs[1], Weight: w})
	}
	return e, sc.Err()
}

// jsonFloats returns xs for JSON: NaN (undefined) as null.
func jsonFloats(xs []float64) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		if !math.IsNaN(x) && !math.IsInf(x, 0) {
			out[i] = x
		}
	}
	return out
}
