// Command edgelist writes the partner network of a generated ecosystem as a
// plain edge list, so that ecoscope and other tools (NetworkX, igraph) can be
// timed on the same network:
//
//	go run ./bench/edgelist -partners 6000 -ties 30000 -seed 1 > net.txt
//
// The first line is a comment "# ecoscope edgelist nodes=N edges=M ...";
// every other line is "u v w": two node numbers (0 to N-1, the partners in
// the order of the ecosystem) and the weight of the edge joining them. The
// network is the one analysis.New builds from
// generate.Ecosystem(generate.Options{Partners, Ties, Seed, NetworkOnly: true}):
// undirected, one edge per joined pair, isolated partners included in N.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"strconv"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/generate"
)

func main() {
	partners := flag.Int("partners", 6000, "number of partners")
	ties := flag.Int("ties", 0, "number of ties (0: 5 per partner)")
	seed := flag.Int64("seed", 1, "seed of the generator")
	flag.Parse()
	e := generate.Ecosystem(generate.Options{Partners: *partners, Ties: *ties, Seed: *seed, NetworkOnly: true})
	net := analysis.New(e, analysis.Options{Ties: analysis.TiesExplicit})
	w := bufio.NewWriterSize(os.Stdout, 1<<16)
	fmt.Fprintf(w, "# ecoscope edgelist nodes=%d edges=%d partners=%d ties=%d seed=%d\n", net.N(), net.M(), *partners, *ties, *seed)
	for i := 0; i < net.N(); i++ {
		ws := net.Weights(i)
		for k, j := range net.Neighbors(i) {
			if int(j) > i {
				b := w.AvailableBuffer()
				b = strconv.AppendInt(b, int64(i), 10)
				b = append(b, ' ')
				b = strconv.AppendInt(b, int64(j), 10)
				b = append(b, ' ')
				b = strconv.AppendFloat(b, ws[k], 'g', -1, 64)
				b = append(b, '\n')
				w.Write(b)
			}
		}
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "edgelist:", err)
		os.Exit(1)
	}
}
