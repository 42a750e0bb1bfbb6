package exporters

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	"github.com/ecoscope/ecoscope/graph"
)

// HelixClass is the class of a helix type in the Pajek partition (.clu):
// academia 1, industry 2, government 3, civil society 4, environment 5
// (graph.Helices in order), 0 for a partner without a known helix type.
func HelixClass(h graph.Helix) int {
	for i, x := range graph.Helices {
		if x == h {
			return i + 1
		}
	}
	return 0
}

// WritePajek writes the partner network of d as a Pajek network (.net):
// *Vertices n with one quoted label per partner (Labels: unique; a " or \
// in a label is escaped with a \, as NetworkX's reader reads it), then
// *Edges, one line "u v weight" per edge of the network (u < v, vertices
// numbered from 1 in the order of the partners, weight the network's:
// parallel ties summed). The network is undirected, as every metric but
// in- and out-degree takes it, so there is no *Arcs section.
func WritePajek(w io.Writer, d *Data) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	net := d.Network
	n := net.N()
	labels := Labels(d)
	bw.WriteString("*Vertices " + strconv.Itoa(n) + "\n")
	buf := make([]byte, 0, 128)
	for i := range n {
		buf = strconv.AppendInt(buf[:0], int64(i+1), 10)
		buf = append(buf, ' ')
		buf = appendPajekLabel(buf, labels[i])
		buf = append(buf, '\n')
		bw.Write(buf)
	}
	bw.WriteString("*Edges\n")
	for u := range n {
		ws := net.Weights(u)
		for k, v := range net.Neighbors(u) {
			if int(v) < u {
				continue
			}
			buf = strconv.AppendInt(buf[:0], int64(u+1), 10)
			buf = append(buf, ' ')
			buf = strconv.AppendInt(buf, int64(v)+1, 10)
			buf = append(buf, ' ')
			buf = strconv.AppendFloat(buf, ws[k], 'g', -1, 64)
			buf = append(buf, '\n')
			bw.Write(buf)
		}
	}
	return bw.Flush()
}

// appendPajekLabel appends s in double quotes, " and \ escaped with \.
func appendPajekLabel(buf []byte, s string) []byte {
	buf = append(buf, '"')
	if strings.ContainsAny(s, `"\`) {
		s = strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s)
	}
	buf = append(buf, s...)
	return append(buf, '"')
}

// WritePajekPartition writes the helix partition of d's partners as a
// Pajek partition (.clu): *Vertices n, then one class per line in the
// order of the vertices of the .net (HelixClass).
func WritePajekPartition(w io.Writer, d *Data) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	net := d.Network
	bw.WriteString("*Vertices " + strconv.Itoa(net.N()) + "\n")
	for i := range net.N() {
		bw.WriteString(strconv.Itoa(HelixClass(net.Helix(i))) + "\n")
	}
	return bw.Flush()
}
