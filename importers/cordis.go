package importers

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/ecoscope/ecoscope/graph"
)

// CORDIS, the EU's open data on the projects of its Framework Programmes,
// comes in two layouts, both read here:
//
//   - the one-file participations layout (a row per participation: rcn,
//     role, pic, type, country, start_date, end_date, ...), as a .csv or
//     .csv.gz file, with an optional programme_parts.csv beside it (rcn,
//     programme_part) for --programme;
//   - the official open-data layout: a folder or .zip holding
//     organization.csv (projectID, organisationID, name, activityType,
//     role, country, ...) and project.csv (id, acronym, title, startDate,
//     endDate, frameworkProgramme, legalBasis, masterCall, subCall,
//     fundingScheme, ...), ';'-separated and quoted.
//
// Each project becomes a team-level unit under one ecosystem unit per
// framework programme (or per --programme given); each organisation a
// partner (helix from its activity type, region from its country); each
// participation a membership of the project, dated by the project. No ties
// are made: co-participation is what `--ties units` derives.

func init() {
	register(format{name: "cordis", about: "EU CORDIS project participations (one-file .csv, or organization.csv + project.csv)", priority: 10,
		match: matchCORDIS,
		read: func(p string, opts Options) (*graph.Ecosystem, graph.Problems, error) {
			fi, err := os.Stat(p)
			if err != nil {
				return nil, nil, fmt.Errorf("read data set: %w", err)
			}
			if fi.IsDir() {
				return readCORDISFS(os.DirFS(p), ".", p, opts)
			}
			switch {
			case hasExt(p, ".gz"):
				return readGzip(p, opts)
			case hasExt(p, ".zip"):
				return readZip(p, opts)
			}
			f, err := openRegular(p)
			if err != nil {
				return nil, nil, fmt.Errorf("read data set %s: %w", p, err)
			}
			defer f.Close()
			return readCORDISFile(f, p, filepath.Dir(p), opts)
		}})
}

// matchCORDIS recognises a folder holding organization.csv and project.csv,
// or a CSV file whose header is CORDIS's (one-file or organization.csv).
func matchCORDIS(p string, dir bool, head []byte) bool {
	if dir {
		entries, err := os.ReadDir(p)
		if err != nil {
			return false
		}
		names := make([]string, len(entries))
		for i, en := range entries {
			names[i] = en.Name()
		}
		_, _, ok := cordisPair(names)
		return ok
	}
	ext := strings.ToLower(filepath.Ext(p))
	return (ext == ".csv" || ext == ".txt" || ext == "") && cordisHeader(head) != cordisNone
}

// cordisLayout is the layout a CORDIS table's header says.
type cordisLayout int

const (
	cordisNone     cordisLayout = iota
	cordisOneFile               // rcn, role, pic, type, ...
	cordisOrgTable              // organization.csv: projectID, organisationID, ...
)

// cordisHeader returns the layout the first line of head is the header of.
func cordisHeader(head []byte) cordisLayout {
	line, _, _ := strings.Cut(strings.TrimPrefix(string(head), "\uFEFF"), "\n")
	cols := map[string]bool{}
	for _, c := range strings.FieldsFunc(strings.ToLower(line), func(r rune) bool { return r == ',' || r == ';' || r == '\t' }) {
		cols[strings.Trim(strings.TrimSpace(c), `"`)] = true
	}
	switch {
	case cols["rcn"] && cols["pic"] && cols["role"] && cols["type"]:
		return cordisOneFile
	case cols["projectid"] && (cols["organisationid"] || cols["organizationid"]) && cols["role"]:
		return cordisOrgTable
	}
	return cordisNone
}

// cordisPair finds organization.csv and project.csv among names (paths in a
// folder or a zip, compared without regard to case), in one folder.
func cordisPair(names []string) (org, proj string, ok bool) {
	byDir := map[string][2]string{}
	for _, n := range names {
		base := strings.ToLower(path.Base(n))
		d := path.Dir(n)
		pair := byDir[d]
		switch base {
		case "organization.csv", "organisation.csv":
			pair[0] = n
		case "project.csv":
			pair[1] = n
		default:
			continue
		}
		byDir[d] = pair
		if pair[0] != "" && pair[1] != "" {
			return pair[0], pair[1], true
		}
	}
	return "", "", false
}

// project is what a CORDIS data set says of a project.
type cordisProject struct {
	name       string
	period     graph.Period
	programmes []string // framework programme first, then legal basis, calls, ...
	line       int      // of its record in project.csv, 0 when from the participations
}

// cordisReader builds the ecosystem of a CORDIS data set.
type cordisReader struct {
	opts     Options
	e        *graph.Ecosystem
	partners map[string]int // by id, index in e.Partners
	units    map[string]int // by id, index in e.Units
	projects map[string]*cordisProject
	parts    map[string][]string // programme parts by rcn (programme_parts.csv), nil when absent
	dataset  string              // the ecosystem unit of a project without programme
	strs     map[string]string
	problems graph.Collector
	fatal    bool
	records  int
}

func newCORDISReader(opts Options) *cordisReader {
	return &cordisReader{
		opts:     opts,
		e:        &graph.Ecosystem{Name: "EU CORDIS projects"},
		partners: map[string]int{},
		units:    map[string]int{},
		projects: map[string]*cordisProject{},
		strs:     map[string]string{},
	}
}

// readCORDISFile reads a one-file participations table (or an
// organization.csv alone) from r; dir is the folder of programme_parts.csv
// and project.csv, "" for none.
func readCORDISFile(r io.Reader, name, dir string, opts Options) (*graph.Ecosystem, graph.Problems, error) {
	c := newCORDISReader(opts)
	if dir != "" {
		if err := c.readSiblings(os.DirFS(dir), ".", dir); err != nil {
			return nil, nil, err
		}
	}
	c.readParticipations(r, name)
	return c.finish(name)
}

// readSiblings reads programme_parts.csv and project.csv in folder d of
// fsys, when there (name: d's name in messages).
func (c *cordisReader) readSiblings(fsys fs.FS, d, name string) error {
	if f, err := fsys.Open(path.Join(d, "project.csv")); err == nil {
		c.readProjects(f, filepath.Join(name, "project.csv"))
		f.Close()
	}
	if len(c.opts.CORDIS.Programmes) == 0 {
		return nil
	}
	f, err := fsys.Open(path.Join(d, "programme_parts.csv"))
	if err != nil {
		return nil // reported by filter: no programme known
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(&limitReader{r: f, n: maxFileSize}))
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	c.parts = map[string][]string{}
	for line := 1; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			c.fatalf(filepath.Join(name, "programme_parts.csv"), 0, "cannot read the file: %v", err)
			return nil
		}
		if line == 1 || len(rec) < 2 {
			continue
		}
		c.parts[rec[0]] = append(c.parts[rec[0]], strings.Clone(rec[1]))
	}
	return nil
}

// readCORDISFS reads the official layout in folder d of fsys (a folder on
// disk or a zip); name is its name in messages.
func readCORDISFS(fsys fs.FS, d, name string, opts Options) (*graph.Ecosystem, graph.Problems, error) {
	entries, err := fs.ReadDir(fsys, d)
	if err != nil {
		return nil, nil, fmt.Errorf("read data set: %w", err)
	}
	var names []string
	for _, en := range entries {
		names = append(names, path.Join(d, en.Name()))
	}
	org, proj, ok := cordisPair(names)
	if !ok {
		return nil, nil, fmt.Errorf("read data set %s: no organization.csv and project.csv in it", name)
	}
	return readCORDISPair(fsys, org, proj, name, opts)
}

// readCORDISPair reads organization.csv org and project.csv proj of fsys.
func readCORDISPair(fsys fs.FS, org, proj, name string, opts Options) (*graph.Ecosystem, graph.Problems, error) {
	c := newCORDISReader(opts)
	f, err := fsys.Open(proj)
	if err != nil {
		return nil, nil, fmt.Errorf("read data set %s: %w", name, err)
	}
	c.readProjects(f, filepath.Join(name, filepath.FromSlash(proj)))
	f.Close()
	if c.fatal {
		return c.finish(name)
	}
	f, err = fsys.Open(org)
	if err != nil {
		return nil, nil, fmt.Errorf("read data set %s: %w", name, err)
	}
	defer f.Close()
	c.readParticipations(f, filepath.Join(name, filepath.FromSlash(org)))
	return c.finish(name)
}

func (c *cordisReader) fatalf(file string, line int, format string, args ...any) {
	c.fatal = true
	c.problems.Addf(graph.Problem{Pos: graph.Pos{File: file, Line: line}}, format, args...)
}

func (c *cordisReader) errorf(pos graph.Pos, field, format string, args ...any) {
	c.problems.Addf(graph.Problem{Pos: pos, Field: field}, format, args...)
}

// table is a CORDIS CSV table being read: its reader and columns by
// lower-case name.
type cordisTable struct {
	name   string
	r      *csv.Reader
	cols   map[string]int
	header int // number of columns
}

// openTable reads the header of the CSV table in r, sniffing its delimiter
// (',' or ';') from the header line.
func (c *cordisReader) openTable(r io.Reader, name string) *cordisTable {
	br := bufio.NewReaderSize(&limitReader{r: r, n: maxFileSize}, 64<<10)
	head, _ := br.Peek(headSize)
	line, _, _ := strings.Cut(string(head), "\n")
	delim := ','
	if strings.Count(line, ";") > strings.Count(line, ",") {
		delim = ';'
	}
	cr := csv.NewReader(br)
	cr.Comma = delim
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		c.tableError(name, err, "no header line")
		return nil
	}
	t := &cordisTable{name: name, r: cr, cols: map[string]int{}, header: len(header)}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF")))
		if _, ok := t.cols[h]; !ok {
			t.cols[h] = i
		}
	}
	return t
}

// tableError reports err, met while reading table name, as fatal.
func (c *cordisReader) tableError(name string, err error, empty string) {
	var pe *csv.ParseError
	switch {
	case errors.Is(err, ErrTooLarge):
		c.fatalf(name, 0, "it holds more than the %s ecoscope reads from one file (decompressed)", size(maxFileSize))
	case err == io.EOF:
		c.fatalf(name, 0, "empty file: %s", empty)
	case errors.As(err, &pe):
		c.fatalf(name, pe.Line, "%v", pe.Err)
	default:
		c.fatalf(name, 0, "cannot read the file: %v", err)
	}
}

// col returns the index of the first of names present, -1 if none.
func (t *cordisTable) col(names ...string) int {
	for _, n := range names {
		if i, ok := t.cols[n]; ok {
			return i
		}
	}
	return -1
}

// rows calls fn with each record of t and its line, until the end, an
// error (reported) or a limit.
func (c *cordisReader) rows(t *cordisTable, fn func(rec []string, pos graph.Pos)) {
	for {
		rec, err := t.r.Read()
		if err == io.EOF {
			return
		}
		if err != nil {
			c.tableError(t.name, err, "")
			return
		}
		line, _ := t.r.FieldPos(0)
		pos := graph.Pos{File: t.name, Line: line}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) != t.header {
			c.errorf(pos, "", "%d fields, but the header has %d", len(rec), t.header)
			continue
		}
		for _, f := range rec {
			if !utf8.ValidString(f) {
				c.fatalf(t.name, line, "file is not valid UTF-8; re-save it as UTF-8")
				return
			}
		}
		c.records++
		if c.records > maxRecords {
			c.fatalf(t.name, line, "more than the %d records ecoscope reads from one data set", maxRecords)
			return
		}
		if c.problems.Cut() {
			return
		}
		fn(rec, pos)
	}
}

// readProjects reads project.csv of the official layout.
func (c *cordisReader) readProjects(r io.Reader, name string) {
	t := c.openTable(r, name)
	if t == nil {
		return
	}
	id := t.col("id", "projectid")
	if id < 0 {
		c.fatalf(name, 1, "no column id: want CORDIS's project.csv (id, acronym, title, startDate, endDate, ...)")
		return
	}
	acronym, title := t.col("acronym"), t.col("title")
	start, end := t.col("startdate", "start_date"), t.col("enddate", "end_date")
	progCols := []int{}
	for _, n := range []string{"frameworkprogramme", "legalbasis", "mastercall", "subcall", "call", "fundingscheme", "topics", "programme"} {
		if i := t.col(n); i >= 0 {
			progCols = append(progCols, i)
		}
	}
	c.rows(t, func(rec []string, pos graph.Pos) {
		key := strings.TrimSpace(rec[id])
		if key == "" {
			c.errorf(pos, "id", "no project id")
			return
		}
		p := &cordisProject{line: pos.Line}
		if acronym >= 0 {
			p.name = strings.TrimSpace(rec[acronym])
		}
		if p.name == "" && title >= 0 {
			p.name = strings.TrimSpace(rec[title])
		}
		p.period = graph.Period{Since: c.date(pos, "startDate", rec, start), Until: c.date(pos, "endDate", rec, end)}
		for _, i := range progCols {
			for _, v := range strings.FieldsFunc(rec[i], func(r rune) bool { return r == ';' || r == ',' || r == '|' }) {
				if v = strings.TrimSpace(v); v != "" && !slices.Contains(p.programmes, v) {
					p.programmes = append(p.programmes, v)
				}
			}
		}
		c.projects[strings.Clone(key)] = p
	})
}

// date parses cell i of rec (if any); NA and empty are no date.
func (c *cordisReader) date(pos graph.Pos, field string, rec []string, i int) graph.Date {
	if i < 0 {
		return graph.Date{}
	}
	s := strings.TrimSpace(rec[i])
	if s == "" || strings.EqualFold(s, "NA") {
		return graph.Date{}
	}
	if len(s) > 10 && s[10] == ' ' || len(s) > 10 && s[10] == 'T' { // 2015-09-01 00:00:00
		s = s[:10]
	}
	d, err := graph.ParseDate(s)
	if err != nil {
		c.errorf(pos, field, "%s", err)
	}
	return d
}

// readParticipations reads the participations: the one-file layout or
// organization.csv.
func (c *cordisReader) readParticipations(r io.Reader, name string) {
	t := c.openTable(r, name)
	if t == nil {
		return
	}
	proj := t.col("projectid", "rcn")
	org := t.col("organisationid", "organizationid", "pic")
	role, typ := t.col("role"), t.col("activitytype", "type")
	country, orgName := t.col("country"), t.col("name")
	acronym := t.col("projectacronym")
	start, end := t.col("start_date", "startdate"), t.col("end_date", "enddate")
	if proj < 0 || org < 0 {
		c.fatalf(name, 1, "not a CORDIS participations table: want the columns rcn and pic (one-file layout) or projectID and organisationID (organization.csv)")
		return
	}
	if c.dataset == "" {
		c.dataset = "cordis"
		if _, ok := t.cols["pic"]; ok {
			c.dataset = "h2020" // the one-file layout holds Horizon 2020
		}
	}
	if len(c.opts.CORDIS.Programmes) > 0 && c.parts == nil && len(c.projects) == 0 {
		c.fatalf(name, 1, "this layout names no programme: put programme_parts.csv (rcn, programme_part) beside it, or read organization.csv with project.csv, to keep only some programmes")
		return
	}
	keepCountry := func(string) bool { return true }
	if cs := c.opts.CORDIS.Countries; len(cs) > 0 {
		keepCountry = func(s string) bool {
			return slices.ContainsFunc(cs, func(k string) bool { return strings.EqualFold(strings.TrimSpace(k), s) })
		}
	}
	helices := map[string]graph.Helix{}
	roles := map[string]graph.Role{}
	c.rows(t, func(rec []string, pos graph.Pos) {
		key, id := strings.TrimSpace(rec[proj]), strings.TrimSpace(rec[org])
		if key == "" {
			c.errorf(pos, "project", "no project id")
			return
		}
		if id == "" {
			c.errorf(pos, "member", "no organisation id")
			return
		}
		ctry := ""
		if country >= 0 {
			ctry = strings.TrimSpace(rec[country])
		}
		if !keepCountry(ctry) {
			return
		}
		p := c.projects[key]
		if p == nil {
			if len(c.projects) > 0 && acronym < 0 && start < 0 {
				c.errorf(pos, "project", "project %s is not in project.csv", graph.Quote(key))
				return
			}
			p = &cordisProject{}
			if acronym >= 0 {
				p.name = strings.TrimSpace(rec[acronym])
			}
			p.period = graph.Period{Since: c.date(pos, "start_date", rec, start), Until: c.date(pos, "end_date", rec, end)}
			c.projects[strings.Clone(key)] = p
		}
		parent, ok := c.keep(key, p)
		if !ok {
			return
		}
		unit := c.unit(key, p, parent, pos)
		if _, ok := c.partners[id]; !ok {
			var kind string
			if typ >= 0 {
				kind = strings.TrimSpace(rec[typ])
			}
			h, ok := helices[kind]
			if !ok {
				h = c.helix(pos, kind)
				helices[strings.Clone(kind)] = h
			}
			pname := id
			if orgName >= 0 && strings.TrimSpace(rec[orgName]) != "" {
				pname = strings.TrimSpace(rec[orgName])
			}
			id = strings.Clone(id)
			c.partners[id] = len(c.e.Partners)
			c.e.Partners = append(c.e.Partners, graph.Partner{ID: id, Name: strings.Clone(pname), Helix: h,
				Kind: c.intern(kind), Region: c.intern(ctry), Pos: pos})
		} else {
			id = c.e.Partners[c.partners[id]].ID
		}
		var rs string
		if role >= 0 {
			rs = strings.TrimSpace(rec[role])
		}
		ro, ok := roles[rs]
		if !ok {
			ro = cordisRole(rs)
			roles[strings.Clone(rs)] = ro
		}
		c.e.Memberships = append(c.e.Memberships, graph.Membership{Unit: unit, Member: id, Role: ro, Period: p.period, Pos: pos})
	})
}

// keep reports whether project key passes the programme and year filters,
// and returns the ecosystem unit it goes under.
func (c *cordisReader) keep(key string, p *cordisProject) (string, bool) {
	o := c.opts.CORDIS
	if o.From != 0 || o.To != 0 {
		y := p.period.Since.Year()
		if p.period.Since.IsZero() || (o.From != 0 && y < o.From) || (o.To != 0 && y > o.To) {
			return "", false
		}
	}
	progs := p.programmes
	if c.parts != nil {
		progs = append(slices.Clone(progs), c.parts[key]...)
	}
	if len(o.Programmes) == 0 {
		if len(progs) > 0 {
			return progs[0], true // the framework programme
		}
		return "", true
	}
	for _, want := range o.Programmes {
		want = strings.TrimSpace(want)
		for _, have := range progs {
			if programmeMatch(have, want) {
				return want, true
			}
		}
	}
	return "", false
}

// programmeMatch reports whether code have is the programme or call want
// or part of it: H2020-EU.3.4.1 is part of H2020-EU.3.4, and
// H2020-SwafS-2018-1 of H2020-SwafS.
func programmeMatch(have, want string) bool {
	if want == "" {
		return false
	}
	sep := func(b byte) bool { return strings.IndexByte(".-_/ ", b) >= 0 }
	lh, lw := strings.ToLower(have), strings.ToLower(want)
	for i := 0; i+len(lw) <= len(lh); i++ {
		if lh[i:i+len(lw)] == lw && (i == 0 || sep(lh[i-1]) && !strings.Contains(lw, ".")) &&
			(i+len(lw) == len(lh) || sep(lh[i+len(lw)])) {
			return true
		}
	}
	return false
}

// unit returns the id of the unit of project key, adding it (and its
// ecosystem unit) on first sight.
func (c *cordisReader) unit(key string, p *cordisProject, parent string, pos graph.Pos) string {
	id := "p" + key
	if i, ok := c.units[id]; ok {
		return c.e.Units[i].ID
	}
	eco := c.dataset
	ecoName := "CORDIS data set"
	if eco == "h2020" {
		ecoName = "Horizon 2020"
	}
	if parent != "" {
		eco, ecoName = strings.ToLower(parent), parent
	}
	if _, ok := c.units[eco]; !ok {
		c.units[eco] = len(c.e.Units)
		c.e.Units = append(c.e.Units, graph.Unit{ID: eco, Name: ecoName, Level: graph.LevelEcosystem, Pos: pos})
	}
	name := p.name
	if name == "" {
		name = "project " + key
	}
	upos := pos
	if p.line > 0 {
		upos.Line = p.line
	}
	c.units[id] = len(c.e.Units)
	c.e.Units = append(c.e.Units, graph.Unit{ID: id, Name: name, Level: graph.LevelTeam, Parent: eco,
		Period: p.period, Pos: upos})
	return id
}

// helix maps a CORDIS activity type to a helix type: opts.Map first, then
// the vocabulary (HES, REC → academia; PRC → industry; PUB → government;
// OTH → civil_society; NA and empty → unknown).
func (c *cordisReader) helix(pos graph.Pos, kind string) graph.Helix {
	if h, ok := c.opts.Map.Helix(kind); ok {
		return h
	}
	h, err := graph.ParseHelix(kind)
	if err != nil {
		fix := ""
		if q, ok := shellQuote(kind + ":HELIX"); ok {
			fix = "; map it with --map " + q
		}
		c.errorf(pos, "helix", "activity type %s: %v%s", graph.Quote(kind), err, fix)
		return graph.HelixUnknown
	}
	return h
}

// cordisRole maps a CORDIS participation role to a membership role:
// coordinator → coordinator; participant, partner, beneficiary, third
// parties, associated and international partners → member.
func cordisRole(s string) graph.Role {
	if strings.EqualFold(s, "coordinator") || strings.EqualFold(s, "coordinatorAndParticipant") {
		return graph.RoleCoordinator
	}
	return graph.RoleMember
}

// intern returns s, or an equal string seen before: countries and
// activity types repeat in every row.
func (c *cordisReader) intern(s string) string {
	if v, ok := c.strs[s]; ok {
		return v
	}
	v := strings.Clone(s)
	if len(c.strs) < maxMemo {
		c.strs[v] = v
	}
	return v
}

// finish validates what was read (see finish in read.go).
func (c *cordisReader) finish(name string) (*graph.Ecosystem, graph.Problems, error) {
	if !c.fatal && len(c.e.Partners) == 0 && c.problems.Errors() == 0 {
		c.fatalf(name, 0, "no participation is left after the filters (programmes %v, countries %v, years %d-%d)",
			c.opts.CORDIS.Programmes, c.opts.CORDIS.Countries, c.opts.CORDIS.From, c.opts.CORDIS.To)
	}
	return finish(c.e, name, &c.problems, c.fatal, c.opts.Known)
}

// openRegular opens the regular file at p, refusing anything else (a
// device, a named pipe) before reading from it.
func openRegular(p string) (*os.File, error) {
	f, err := os.OpenFile(p, os.O_RDONLY|openNonblock, 0)
	if err != nil {
		if fi, serr := os.Stat(p); serr == nil && !fi.Mode().IsRegular() {
			return nil, notRegular(p, fi)
		}
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, notRegular(p, fi)
	}
	return f, nil
}
