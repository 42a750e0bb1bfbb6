// Command cordis converts the EU CORDIS Horizon 2020 participations in
// ../shared/data/cordis-h2020/ (the one-file layout: rcn, role, pic, type,
// country, start_date, end_date, ...) into an ecoscope data set folder, so
// that every command can be run and timed on a real network until ecoscope
// reads CORDIS itself:
//
//	go run ./bench/cordis -in ../shared/data/cordis-h2020/h2020_participations_full.csv.gz -out /tmp/cordis
//
// Organisations become partners (id = PIC, helix from the CORDIS activity
// type, region = country); every project becomes a team-level unit below one
// ecosystem unit "h2020", dated by the project; every participation is a
// membership of its project (coordinator → coordinator, otherwise member).
// The co-participation network is then what `--ties units` derives.
//
// With -ties, every pair of organisations in a project is also written as an
// explicit tie of type "project" with the project id as the tie's id, dated by
// the project: 1.09 M tie records on the full file, the form in which issue 8
// was found. With -all-in-ecosystem, every organisation is also made a
// direct member of the ecosystem unit (what a coordinator naturally does).
// With -programme, only projects of that programme part (programme_parts.csv
// beside -in: SWAFS, ERC, SC1, ...) are kept.
package main

import (
	"compress/gzip"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/ecoscope/ecoscope/generate"
	"github.com/ecoscope/ecoscope/graph"
)

func main() {
	in := flag.String("in", "../shared/data/cordis-h2020/h2020_participations_full.csv.gz", "participations file (.csv or .csv.gz)")
	out := flag.String("out", "", "folder to write the data set to (required)")
	ties := flag.Bool("ties", false, "also write every co-participation pair as an explicit tie, id = project")
	allIn := flag.Bool("all-in-ecosystem", false, "make every organisation a direct member of the ecosystem unit")
	programme := flag.String("programme", "", "keep only the projects of this programme part (programme_parts.csv beside -in)")
	flag.Parse()
	if *out == "" {
		log.Fatal("cordis: -out is required")
	}
	var keep map[string]bool
	if *programme != "" {
		var err error
		keep, err = programmeProjects(filepath.Join(filepath.Dir(*in), "programme_parts.csv"), *programme)
		if err != nil {
			log.Fatalf("cordis: %v", err)
		}
	}
	e, err := convert(*in, keep, *ties, *allIn)
	if err != nil {
		log.Fatalf("cordis: %v", err)
	}
	if err := generate.WriteCSV(*out, e); err != nil {
		log.Fatalf("cordis: %v", err)
	}
	c := e.Counts()
	fmt.Fprintf(os.Stderr, "wrote %s: %d partners, %d units, %d memberships, %d ties\n", *out, c.Partners, c.Units, c.Memberships, c.Ties)
}

func open(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	if !strings.HasSuffix(path, ".gz") {
		return f, nil
	}
	z, err := gzip.NewReader(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	return struct {
		io.Reader
		io.Closer
	}{z, f}, nil
}

func programmeProjects(path, part string) (map[string]bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, err
	}
	keep := map[string]bool{}
	for _, r := range rows[1:] {
		if len(r) >= 2 && r[1] == part {
			keep[r[0]] = true
		}
	}
	if len(keep) == 0 {
		return nil, fmt.Errorf("no project of programme part %q in %s", part, path)
	}
	return keep, nil
}

func convert(path string, keep map[string]bool, ties, allIn bool) (*graph.Ecosystem, error) {
	f, err := open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		return nil, err
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	for _, h := range []string{"rcn", "role", "pic", "type", "country", "start_date", "end_date"} {
		if _, ok := col[h]; !ok {
			return nil, fmt.Errorf("%s: no column %q", path, h)
		}
	}
	date := func(s string) graph.Date {
		d, err := graph.ParseDate(s)
		if err != nil {
			return graph.Date{}
		}
		return d
	}
	e := &graph.Ecosystem{Name: "EU Horizon 2020 (CORDIS)"}
	e.Units = append(e.Units, graph.Unit{ID: "h2020", Name: "Horizon 2020", Level: graph.LevelEcosystem})
	seenPartner := map[string]bool{}
	seenUnit := map[string]int{}
	members := map[string][]string{}
	var order []string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		rcn, pic := rec[col["rcn"]], rec[col["pic"]]
		if keep != nil && !keep[rcn] {
			continue
		}
		if !seenPartner[pic] {
			seenPartner[pic] = true
			e.Partners = append(e.Partners, graph.Partner{ID: pic, Name: pic, Helix: graph.Helix(rec[col["type"]]), Kind: rec[col["type"]], Region: rec[col["country"]]})
		}
		unit := "p" + rcn
		if _, ok := seenUnit[unit]; !ok {
			seenUnit[unit] = len(e.Units)
			order = append(order, unit)
			e.Units = append(e.Units, graph.Unit{ID: unit, Name: "project " + rcn, Level: graph.LevelTeam, Parent: "h2020",
				Period: graph.Period{Since: date(rec[col["start_date"]]), Until: date(rec[col["end_date"]])}})
		}
		role := graph.RoleMember
		if rec[col["role"]] == "coordinator" {
			role = graph.RoleCoordinator
		}
		e.Memberships = append(e.Memberships, graph.Membership{Unit: unit, Member: pic, Role: role})
		members[unit] = append(members[unit], pic)
	}
	if allIn {
		for _, p := range e.Partners {
			e.Memberships = append(e.Memberships, graph.Membership{Unit: "h2020", Member: p.ID})
		}
	}
	if ties {
		for _, unit := range order {
			u := e.Units[seenUnit[unit]]
			m := members[unit]
			for a := range m {
				for b := a + 1; b < len(m); b++ {
					e.Ties = append(e.Ties, graph.Tie{ID: strings.TrimPrefix(unit, "p"), Source: m[a], Target: m[b], Type: "project", Weight: 1, Period: u.Period})
				}
			}
		}
	}
	// The CORDIS codes are helix synonyms; let the vocabulary map them.
	for i := range e.Partners {
		h, err := graph.ParseHelix(string(e.Partners[i].Helix))
		if err != nil {
			return nil, err
		}
		e.Partners[i].Helix = h
	}
	return e, nil
}
