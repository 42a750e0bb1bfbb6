package exporters

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/graph"
)

// parsePajek reads a .net as WritePajek writes it: the labels, unescaped,
// and the edges.
func parsePajek(t *testing.T, b []byte) (labels []string, edges map[[2]int]float64) {
	t.Helper()
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Scan()
	n, err := strconv.Atoi(strings.TrimPrefix(sc.Text(), "*Vertices "))
	if err != nil {
		t.Fatalf("first line %q", sc.Text())
	}
	for i := 1; i <= n && sc.Scan(); i++ {
		num, rest, _ := strings.Cut(sc.Text(), " ")
		if num != strconv.Itoa(i) || len(rest) < 2 || rest[0] != '"' || rest[len(rest)-1] != '"' {
			t.Fatalf("vertex line %q", sc.Text())
		}
		l, err := strconv.Unquote(rest) // \" and \\ as Go reads them
		if err != nil {
			t.Fatalf("label %s: %v", rest, err)
		}
		labels = append(labels, l)
	}
	if !sc.Scan() || sc.Text() != "*Edges" {
		t.Fatalf("after the vertices: %q", sc.Text())
	}
	edges = map[[2]int]float64{}
	for sc.Scan() {
		var u, v int
		var w float64
		if _, err := fmt.Sscan(sc.Text(), &u, &v, &w); err != nil || u < 1 || v > n || u >= v {
			t.Fatalf("edge line %q", sc.Text())
		}
		edges[[2]int{u - 1, v - 1}] = w
	}
	return labels, edges
}

func TestWritePajek(t *testing.T) {
	for _, e := range []func() *graph.Ecosystem{nil, hostileEcosystem} {
		var d *Data
		if e == nil {
			d = exampleData(t, analysis.Options{})
		} else {
			d = New(context.Background(), e(), analysis.Options{}, analysis.MetricsOptions{})
		}
		var b bytes.Buffer
		if err := WritePajek(&b, d); err != nil {
			t.Fatal(err)
		}
		labels, edges := parsePajek(t, b.Bytes())
		want := Labels(d)
		if strings.Join(labels, "\x00") != strings.Join(want, "\x00") {
			t.Errorf("labels %q, want %q", labels, want)
		}
		net := d.Network
		if len(edges) != net.M() {
			t.Errorf("%d edges, the network has %d", len(edges), net.M())
		}
		for u := range net.N() {
			for k, v := range net.Neighbors(u) {
				if int(v) > u && edges[[2]int{u, int(v)}] != net.Weights(u)[k] {
					t.Errorf("edge %d–%d: %v, want %v", u+1, v+1, edges[[2]int{u, int(v)}], net.Weights(u)[k])
				}
			}
		}
		b.Reset()
		if err := WritePajekPartition(&b, d); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
		if lines[0] != "*Vertices "+strconv.Itoa(net.N()) || len(lines) != net.N()+1 {
			t.Fatalf(".clu: %q ... %d lines", lines[0], len(lines))
		}
		for i := range net.N() {
			if lines[i+1] != strconv.Itoa(HelixClass(net.Helix(i))) {
				t.Errorf(".clu vertex %d: %q for %s", i+1, lines[i+1], net.Helix(i))
			}
		}
	}
	for h, c := range map[graph.Helix]int{graph.Helices[0]: 1, graph.Helices[4]: 5, graph.HelixUnknown: 0, "": 0} {
		if HelixClass(h) != c {
			t.Errorf("HelixClass(%q) = %d, want %d", h, HelixClass(h), c)
		}
	}
}

// TestPajekNetworkX reads the .net with NetworkX's read_pajek, where it
// is installed: the same nodes (by label) and edges, with their weights.
func TestPajekNetworkX(t *testing.T) {
	py := python(t, "networkx")
	for name, d := range map[string]*Data{
		"example": exampleData(t, analysis.Options{}),
		"hostile": New(context.Background(), hostileEcosystem(), analysis.Options{}, analysis.MetricsOptions{}),
	} {
		path := filepath.Join(t.TempDir(), "n.net")
		var b bytes.Buffer
		WritePajek(&b, d)
		os.WriteFile(path, b.Bytes(), 0o644)
		out, err := exec.Command(py, "-c", `import sys, json, networkx as nx
g = nx.read_pajek(sys.argv[1])
w = sum(float(d["weight"]) for _, _, d in g.edges(data=True))
print(json.dumps({"nodes": sorted(g.nodes()), "edges": g.number_of_edges(), "weight": round(w, 6), "directed": g.is_directed()}))`, path).CombinedOutput()
		if err != nil {
			t.Fatalf("%s: networkx: %v\n%s", name, err, out)
		}
		var got struct {
			Nodes    []string
			Edges    int
			Weight   float64
			Directed bool
		}
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("%s: %v\n%s", name, err, out)
		}
		var total float64
		for u := range d.Network.N() {
			total += d.Network.Strength(u)
		}
		want := slices.Clone(Labels(d))
		slices.Sort(want)
		slices.Sort(got.Nodes)
		if !slices.Equal(got.Nodes, want) || got.Edges != d.Network.M() || math.Abs(got.Weight-total/2) > 1e-6 || got.Directed {
			t.Errorf("%s: networkx read %d nodes %q..., %d edges weighing %v (directed %v); want %d nodes, %d edges weighing %v",
				name, len(got.Nodes), got.Nodes[:min(3, len(got.Nodes))], got.Edges, got.Weight, got.Directed, len(want), d.Network.M(), total/2)
			for i := range min(len(want), len(got.Nodes)) {
				if want[i] != got.Nodes[i] {
					t.Errorf("first difference: %q read as %q", want[i], got.Nodes[i])
					break
				}
			}
		}
	}
}
