package exporters

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/ecoscope/ecoscope/analysis"
	"github.com/ecoscope/ecoscope/graph"
	"github.com/ecoscope/ecoscope/internal/outfile"
	"github.com/ecoscope/ecoscope/report"
)

// CSVFiles are the files of the CSV folder, in the order they are written.
var CSVFiles = []string{"nodes.csv", "ties.csv", "units.csv", "network.json"}

// TieColumns are the columns of ties.csv.
var TieColumns = []string{"source", "target", "weight", "tie_source", "type", "since", "until", "directed", "id", "units"}

// The values of the tie_source column of ties.csv (and of the Kumu
// connections' Type where a tie has no type).
const (
	TieExplicit     = "explicit"
	TieCoMembership = "co-membership"
)

// CSVOptions are what the CSV folder needs besides Data.
type CSVOptions struct {
	// Meta heads network.json as it heads `metrics --level network`.
	Meta report.MetricsMeta
	// Ties are the options the network of Data was built with: ties.csv
	// lists the ties that made it.
	Ties analysis.Options
}

// WriteCSVFolder writes the CSV folder dir: nodes.csv (what `metrics
// --level nodes --format csv` writes), ties.csv (TieRows), units.csv (as
// `metrics --level units --format csv`) and network.json (as `metrics
// --level network`). Every metric is computed before any file is written,
// so an interrupted export leaves the folder as it was; each file is then
// replaced atomically (outfile.Replace: a symbolic link in the folder is
// replaced, never written through).
//
// dir is created when missing (its parent must exist). An existing dir
// must be a folder, not a link to one, and hold nothing but the files of
// CSVFiles: the folder of an earlier export is refreshed, and a folder
// with anything else in it is an error, never a mix of two things.
func WriteCSVFolder(ctx context.Context, dir string, d *Data, opts CSVOptions) error {
	if err := CheckFolder(dir, CSVFiles); err != nil {
		return err
	}
	// Node and network metrics are the slow parts and independent of each
	// other and of the ties: compute them, and write ties.csv and
	// units.csv, side by side.
	var files [4]bytes.Buffer
	var wg sync.WaitGroup
	var tiesErr, unitsErr error
	wg.Go(func() { d.NetworkMetrics() })
	wg.Go(func() {
		tiesErr = WriteTiesCSV(&files[1], d, opts.Ties)
		unitsErr = report.WriteUnitsCSV(&files[2], d.Units())
	})
	nodes, _, err := d.Nodes()
	wg.Wait()
	if err := cmp.Or(err, tiesErr, unitsErr); err != nil {
		return err
	}
	net, err := d.NetworkMetrics()
	if err != nil {
		return err
	}
	meta := opts.Meta
	meta.Notes = slices.Clone(meta.Notes)
	if net.SynergyUnits == 0 {
		meta.Notes = append(meta.Notes, analysis.NoSynergyNote)
	}
	if err := report.WriteNodesCSV(&files[0], nodes); err != nil {
		return err
	}
	if err := report.WriteJSON(&files[3], report.NetworkMetricsJSON{MetricsMeta: meta, NetworkMetrics: net}); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := os.Mkdir(dir, 0o777); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	for i, name := range CSVFiles {
		if err := ctx.Err(); err != nil {
			return err
		}
		b := files[i].Bytes()
		if err := outfile.Replace(filepath.Join(dir, name), func(w io.Writer) error {
			_, err := w.Write(b)
			return err
		}); err != nil {
			return err
		}
	}
	return nil
}

// CheckFolder checks that dir may receive the files names: it does not
// exist (its parent must), or it is a folder, not a symbolic link, that
// holds nothing but files of those names (an earlier export's) and the
// temporary files a killed export may have left beside them.
func CheckFolder(dir string, names []string) error {
	fi, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		parent := filepath.Dir(dir)
		if pfi, perr := os.Stat(parent); perr != nil || !pfi.IsDir() {
			return fmt.Errorf("cannot create folder %s: folder %s does not exist", dir, parent)
		}
		return nil
	case err != nil:
		return err
	case fi.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("%s is a symbolic link: give the folder itself (the export never writes through a link)", dir)
	case !fi.IsDir():
		return fmt.Errorf("%s is not a folder: this format writes a folder of files (%s)", dir, strings.Join(names, ", "))
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var other []string
	for _, e := range entries {
		if (!slices.Contains(names, e.Name()) || e.IsDir()) && !leftover(e.Name(), names) {
			other = append(other, e.Name())
		}
	}
	if len(other) > 0 {
		shown := other[:min(len(other), 3)]
		more := ""
		if len(other) > 3 {
			more = fmt.Sprintf(" and %d more", len(other)-3)
		}
		return fmt.Errorf("folder %s holds other files (%s%s): give a new or empty folder, or the folder of an earlier export, which holds only %s",
			dir, strings.Join(shown, ", "), more, strings.Join(names, ", "))
	}
	return nil
}

// leftover reports whether name is a temporary file that outfile leaves
// only when a process is killed while it writes one of names.
func leftover(name string, names []string) bool {
	for _, n := range names {
		if strings.HasPrefix(name, "."+n+".ecoscope-") && strings.HasSuffix(name, ".tmp") {
			return true
		}
	}
	return false
}

// TieRow is one row of ties.csv: an explicit tie between two partners, or
// the co-membership of two partners (one row per pair, weight the number
// of units they share). The rows of one pair add up to the weight of its
// edge in the network.
type TieRow struct {
	Source, Target int     // nodes of Data.Network
	Weight         float64 // as the network counts it: a tie's weight, or 1
	TieSource      string  // TieExplicit or TieCoMembership
	Type           string
	Period         graph.Period
	Directed       bool
	ID             string
	Units          []string // the units shared (co-membership)
}

// TieRows returns the ties that made the network of d, built with opts:
// the explicit ties between partners (ties between people count for their
// partners; ties that name no partner, or join one to itself, are left
// out) in the order of the data set, then the co-membership pairs in the
// order of their first node, as analysis.New makes them.
func TieRows(d *Data, opts analysis.Options) []TieRow {
	e, net := d.Ecosystem, d.Network
	var rows []TieRow
	if opts.Ties == analysis.TiesAll || opts.Ties == analysis.TiesExplicit {
		ix := graph.NewIndex(e)
		node := func(id string) (int, bool) {
			if _, ok := ix.Partner[id]; !ok {
				if i, ok := ix.Person[id]; ok && e.People[i].Partner != "" {
					id = e.People[i].Partner
				}
			}
			return net.Index(id)
		}
		rows = make([]TieRow, 0, len(e.Ties))
		for k := range e.Ties {
			t := &e.Ties[k]
			u, ok1 := node(t.Source)
			v, ok2 := node(t.Target)
			if !ok1 || !ok2 || u == v {
				continue
			}
			w := t.Weight
			if !(w > 0) || math.IsInf(w, 0) {
				w = 1
			}
			rows = append(rows, TieRow{Source: u, Target: v, Weight: w, TieSource: TieExplicit, Type: t.Type,
				Period: t.Period, Directed: t.Directed, ID: t.ID})
		}
	}
	if opts.Ties == analysis.TiesAll || opts.Ties == analysis.TiesUnits {
		rows = append(rows, coMembership(d, opts)...)
	}
	return rows
}

// coMembership returns the co-membership pairs as analysis.New counts
// them: direct partners of the same unit, except units at the ecosystem
// level and units larger than the limit.
func coMembership(d *Data, opts analysis.Options) []TieRow {
	e, net := d.Ecosystem, d.Network
	limit := opts.MaxUnitSize
	if limit == 0 {
		limit = analysis.DefaultMaxUnitSize
	}
	level := make(map[string]graph.Level, len(e.Units))
	for _, u := range e.Units {
		if _, ok := level[u.ID]; !ok {
			level[u.ID] = u.Level
		}
	}
	units := e.UnitPartners()
	keys := make([]string, 0, len(units))
	for k := range units {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	shared := map[[2]int32][]string{}
	var members []int32
	for _, k := range keys {
		members = members[:0]
		for _, id := range units[k] {
			if i, ok := net.Index(id); ok {
				members = append(members, int32(i))
			}
		}
		slices.Sort(members)
		members = slices.Compact(members)
		if len(members) < 2 || level[k] == graph.LevelEcosystem || (limit >= 0 && len(members) > limit) {
			continue
		}
		for a := range members {
			for b := a + 1; b < len(members); b++ {
				p := [2]int32{members[a], members[b]}
				shared[p] = append(shared[p], k)
			}
		}
	}
	pairs := make([][2]int32, 0, len(shared))
	for p := range shared {
		pairs = append(pairs, p)
	}
	slices.SortFunc(pairs, func(a, b [2]int32) int {
		if a[0] != b[0] {
			return int(a[0] - b[0])
		}
		return int(a[1] - b[1])
	})
	rows := make([]TieRow, len(pairs))
	for i, p := range pairs {
		us := shared[p]
		rows[i] = TieRow{Source: int(p[0]), Target: int(p[1]), Weight: float64(len(us)), TieSource: TieCoMembership, Units: us}
	}
	return rows
}

// WriteTiesCSV writes ties.csv: one row per TieRow with the columns of
// TieColumns. source and target are partner ids; weight is at full
// precision; directed is true or false; units lists the shared units of a
// co-membership row, separated by ";". Every cell is spreadsheet-safe.
func WriteTiesCSV(w io.Writer, d *Data, opts analysis.Options) error {
	c := report.NewCSV(w)
	c.Row(TieColumns...)
	net := d.Network
	for _, t := range TieRows(d, opts) {
		c.Row(net.ID(t.Source), net.ID(t.Target), strconv.FormatFloat(t.Weight, 'g', -1, 64), t.TieSource, t.Type,
			t.Period.Since.String(), t.Period.Until.String(), strconv.FormatBool(t.Directed), t.ID, strings.Join(t.Units, ";"))
	}
	return c.Flush()
}
