package importers

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ecoscope/ecoscope/graph"
)

const swafsFile = "testdata/cordis/swafs/h2020_participations_SWAFS.csv"

// swafsRow is a row of the SWAFS subset, read with encoding/csv: the
// independent count the importer is checked against.
type swafsRow struct{ rcn, role, pic, typ, country, start string }

func swafsRows(t testing.TB) []swafsRow {
	t.Helper()
	f, err := os.Open(swafsFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var rows []swafsRow
	for _, r := range recs[1:] {
		rows = append(rows, swafsRow{r[0], r[1], r[2], r[3], r[5], r[6]})
	}
	return rows
}

// count returns the rows keep accepts, and their distinct pics and rcns.
func count(rows []swafsRow, keep func(swafsRow) bool) (n, pics, rcns int) {
	p, r := map[string]bool{}, map[string]bool{}
	for _, row := range rows {
		if keep(row) {
			n++
			p[row.pic], r[row.rcn] = true, true
		}
	}
	return n, len(p), len(r)
}

func readOK(t *testing.T, path string, opts Options) *graph.Ecosystem {
	t.Helper()
	e, ps, err := ReadOptions(path, opts)
	if err != nil {
		t.Fatalf("%s: %v\n%s", path, err, strings.Join(lines(ps), "\n"))
	}
	return e
}

func checkCounts(t *testing.T, e *graph.Ecosystem, memberships, partners, projects, ecosystems int) {
	t.Helper()
	c := e.Counts()
	if c.Memberships != memberships || c.Partners != partners || c.Units != projects+ecosystems || c.Ties != 0 {
		t.Errorf("got %+v, want %d memberships, %d partners, %d units (%d projects), no ties", c, memberships, partners, projects+ecosystems, projects)
	}
}

func TestCORDISOneFile(t *testing.T) {
	rows := swafsRows(t)
	n, pics, rcns := count(rows, func(swafsRow) bool { return true })
	if n != 1849 || pics != 1074 || rcns != 190 { // PROVENANCE.md
		t.Fatalf("independent count: %d rows, %d organisations, %d projects", n, pics, rcns)
	}
	if f, _ := pick(swafsFile, Options{}); f.name != "cordis" {
		t.Fatalf("picked %q, want cordis", f.name)
	}
	e := readOK(t, swafsFile, Options{})
	checkCounts(t, e, n, pics, rcns, 1)
	byID := map[string]graph.Partner{}
	for _, p := range e.Partners {
		byID[p.ID] = p
	}
	helix := map[string]graph.Helix{"HES": graph.Academia, "REC": graph.Academia, "PRC": graph.Industry,
		"PUB": graph.Government, "OTH": graph.CivilSociety}
	coordinators := 0
	for _, r := range rows {
		p := byID[r.pic]
		if want, ok := helix[r.typ]; ok && p.Kind == r.typ && p.Helix != want {
			t.Errorf("partner %s of type %s: helix %s, want %s", r.pic, r.typ, p.Helix, want)
		}
		if r.role == "coordinator" {
			coordinators++
		}
	}
	got := 0
	units := map[string]graph.Unit{}
	for _, u := range e.Units {
		units[u.ID] = u
	}
	for _, m := range e.Memberships {
		if m.Role == graph.RoleCoordinator {
			got++
		}
		u := units[m.Unit]
		if u.Level != graph.LevelTeam || u.Parent != "h2020" || m.Period != u.Period {
			t.Errorf("membership %+v in unit %+v: want a team under h2020, dated by it", m, u)
		}
	}
	if got != coordinators {
		t.Errorf("%d coordinators, want %d", got, coordinators)
	}
	if u := units["p208539"]; u.Since.String() != "2017-03-01" || u.Until.String() != "2019-02-28" {
		t.Errorf("project 208539 dated %v to %v", u.Since, u.Until)
	}
	if p := byID["998802502"]; p.Region != "EL" || p.Helix != graph.Academia {
		t.Errorf("partner 998802502: %+v", p)
	}
}

func TestCORDISMap(t *testing.T) {
	m, err := ParseMapping("type=OTH:environment,REC:government")
	if err != nil {
		t.Fatal(err)
	}
	e := readOK(t, swafsFile, Options{Map: m})
	for _, p := range e.Partners {
		want := map[string]graph.Helix{"OTH": graph.Environment, "REC": graph.Government, "HES": graph.Academia}[p.Kind]
		if want != "" && p.Helix != want {
			t.Errorf("partner %s of type %s: helix %s, want %s", p.ID, p.Kind, p.Helix, want)
		}
	}
	// A type no one knows is an error naming the line and what to do.
	dir := writeData(t, map[string]string{"c.csv": "rcn,role,pic,type,country,start_date,end_date\n1,coordinator,9,XYZ,NL,2020-01-01,2021-01-01\n"})
	_, ps, err := ReadOptions(filepath.Join(dir, "c.csv"), Options{})
	if err == nil || !strings.Contains(strings.Join(lines(ps), "\n"), "data/c.csv:2") || !strings.Contains(strings.Join(lines(ps), "\n"), "--map XYZ:HELIX") {
		t.Errorf("unknown type: %v\n%s", err, strings.Join(lines(ps), "\n"))
	}
	m, _ = ParseMapping("XYZ:industry")
	e = readOK(t, filepath.Join(dir, "c.csv"), Options{Map: m})
	if e.Partners[0].Helix != graph.Industry {
		t.Errorf("mapped XYZ: %+v", e.Partners[0])
	}
}

func TestCORDISFilters(t *testing.T) {
	rows := swafsRows(t)
	for _, tc := range []struct {
		name string
		o    CORDISOptions
		keep func(swafsRow) bool
	}{
		{"countries", CORDISOptions{Countries: []string{"NL", "be"}}, func(r swafsRow) bool { return r.country == "NL" || r.country == "BE" }},
		{"years", CORDISOptions{From: 2018, To: 2019}, func(r swafsRow) bool {
			y, _ := strconv.Atoi(r.start[:min(4, len(r.start))])
			return y >= 2018 && y <= 2019
		}},
		{"from", CORDISOptions{From: 2020}, func(r swafsRow) bool {
			y, _ := strconv.Atoi(r.start[:min(4, len(r.start))])
			return y >= 2020
		}},
		{"programme", CORDISOptions{Programmes: []string{"SWAFS"}}, func(swafsRow) bool { return true }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n, pics, rcns := count(rows, tc.keep)
			if n == 0 || n == len(rows) && tc.name != "programme" {
				t.Fatalf("the filter keeps %d of %d rows: not a test", n, len(rows))
			}
			e := readOK(t, swafsFile, Options{CORDIS: tc.o})
			checkCounts(t, e, n, pics, rcns, 1)
			if tc.name == "programme" && e.Units[0].ID != "swafs" {
				t.Errorf("ecosystem unit %+v, want swafs", e.Units[0])
			}
		})
	}
	// A programme with no project of it, and one asked of a file without
	// programme_parts.csv beside it.
	_, _, err := ReadOptions(swafsFile, Options{CORDIS: CORDISOptions{Programmes: []string{"ERC"}}})
	if err == nil || !strings.Contains(err.Error(), "no participation is left") {
		t.Errorf("programme ERC: %v", err)
	}
	b, _ := os.ReadFile(swafsFile)
	dir := writeData(t, map[string]string{"s.csv": string(b)})
	_, _, err = ReadOptions(filepath.Join(dir, "s.csv"), Options{CORDIS: CORDISOptions{Programmes: []string{"SWAFS"}}})
	if err == nil || !strings.Contains(err.Error(), "programme_parts.csv") {
		t.Errorf("programme without programme_parts.csv: %v", err)
	}
}

func TestCORDISOfficial(t *testing.T) {
	const dir = "testdata/cordis/official"
	if f, _ := pick(dir, Options{}); f.name != "cordis" {
		t.Fatalf("picked %q, want cordis", f.name)
	}
	e := readOK(t, dir, Options{})
	checkOfficial(t, e, 7, 5, 3)
	partners := map[string]graph.Partner{}
	for _, p := range e.Partners {
		partners[p.ID] = p
	}
	if p := partners["999990002"]; p.Name != "Acme; Research & Co" || p.Helix != graph.Industry || p.Region != "IE" {
		t.Errorf("partner 999990002: %+v", p)
	}
	if p := partners["999990004"]; p.Name != `Science Shop "De Winkel"` || p.Helix != graph.CivilSociety {
		t.Errorf("partner 999990004: %+v", p)
	}
	units := map[string]graph.Unit{}
	for _, u := range e.Units {
		units[u.ID] = u
	}
	if u := units["p101001"]; u.Name != "ALPHA" || u.Parent != "h2020" || u.Since.String() != "2016-01-01" || u.Until.String() != "2018-12-31" {
		t.Errorf("unit p101001: %+v", u)
	}
	if u := units["p101002"]; u.Name != "Beta without acronym" {
		t.Errorf("unit p101002 named %q, want its title", u.Name)
	}
	roles := map[string]graph.Role{}
	for _, m := range e.Memberships {
		roles[m.Unit+"/"+m.Member] = m.Role
	}
	if roles["p101001/999990001"] != graph.RoleCoordinator || roles["p101001/999990003"] != graph.RoleMember || roles["p101003/999990001"] != graph.RoleMember {
		t.Errorf("roles %v", roles)
	}
	// Programmes and calls: the legal basis H2020-EU.5 holds 5.a and 5.c;
	// SwafS names the SwafS calls.
	for _, p := range []string{"H2020-EU.5", "SwafS"} {
		e = readOK(t, dir, Options{CORDIS: CORDISOptions{Programmes: []string{p}}})
		checkOfficial(t, e, 5, 4, 2)
		if e.Units[0].ID != strings.ToLower(p) {
			t.Errorf("%s: ecosystem unit %+v", p, e.Units[0])
		}
	}
	e = readOK(t, dir, Options{CORDIS: CORDISOptions{Programmes: []string{"H2020-EU.3.1"}, Countries: []string{"BE"}}})
	checkOfficial(t, e, 1, 1, 1)
}

func checkOfficial(t *testing.T, e *graph.Ecosystem, memberships, partners, projects int) {
	t.Helper()
	checkCounts(t, e, memberships, partners, projects, 1)
}

// gz writes the gzip of file src to dst.
func gz(t testing.TB, dst string, content []byte) {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(content)
	w.Close()
	if err := os.WriteFile(dst, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// zipFiles writes a zip of files (name → content) to dst.
func zipFiles(t testing.TB, dst string, files map[string][]byte) {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for name, content := range files {
		f, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		f.Write(content)
	}
	w.Close()
	if err := os.WriteFile(dst, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readDir(t testing.TB, dir, prefix string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	paths, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[prefix+filepath.Base(p)] = b
	}
	return out
}

func TestCompressed(t *testing.T) {
	tmp := t.TempDir()
	swafs, _ := os.ReadFile(swafsFile)
	n, pics, rcns := count(swafsRows(t), func(swafsRow) bool { return true })

	gz(t, filepath.Join(tmp, "swafs.csv.gz"), swafs)
	checkCounts(t, readOK(t, filepath.Join(tmp, "swafs.csv.gz"), Options{}), n, pics, rcns, 1)
	zipFiles(t, filepath.Join(tmp, "swafs.zip"), map[string][]byte{"h2020_participations_SWAFS.csv": swafs})
	checkCounts(t, readOK(t, filepath.Join(tmp, "swafs.zip"), Options{}), n, pics, rcns, 1)

	zipFiles(t, filepath.Join(tmp, "official.zip"), readDir(t, "testdata/cordis/official", "cordis-h2020projects-csv/"))
	checkOfficial(t, readOK(t, filepath.Join(tmp, "official.zip"), Options{}), 7, 5, 3)

	// A CSV folder zipped, and ecoscope's JSON gzipped, read as unpacked.
	want := readOK(t, "../examples/energieke-regio", Options{}).Counts()
	zipFiles(t, filepath.Join(tmp, "regio.zip"), readDir(t, "../examples/energieke-regio", "energieke-regio/"))
	if got := readOK(t, filepath.Join(tmp, "regio.zip"), Options{}).Counts(); got != want {
		t.Errorf("zipped CSV folder: %+v, want %+v", got, want)
	}
	js, _ := os.ReadFile("../examples/energieke-regio.json")
	gz(t, filepath.Join(tmp, "regio.json.gz"), js)
	if got := readOK(t, filepath.Join(tmp, "regio.json.gz"), Options{}).Counts(); got != want {
		t.Errorf("gzipped JSON: %+v, want %+v", got, want)
	}
	// A problem names the file as given.
	zipFiles(t, filepath.Join(tmp, "bad.zip"), map[string][]byte{"partners.csv": []byte("id,name,helix\np1,A,bedrijf\np2,B,xyz\n")})
	_, ps, err := ReadOptions(filepath.Join(tmp, "bad.zip"), Options{})
	if err == nil || !strings.Contains(strings.Join(lines(ps), "\n"), filepath.Join(tmp, "bad.zip", "partners.csv")+":3") {
		t.Errorf("bad.zip: %v\n%s", err, strings.Join(lines(ps), "\n"))
	}
	// Neither a data set nor a format read compressed.
	zipFiles(t, filepath.Join(tmp, "other.zip"), map[string][]byte{"a.txt": nil, "b.pdf": nil})
	if _, _, err := ReadOptions(filepath.Join(tmp, "other.zip"), Options{}); err == nil || !strings.Contains(err.Error(), "no data set in the zip") {
		t.Errorf("other.zip: %v", err)
	}
	gz(t, filepath.Join(tmp, "t.csv.gz"), []byte("id,name\np1,A\n"))
	if _, _, err := ReadOptions(filepath.Join(tmp, "t.csv.gz"), Options{}); err == nil || !strings.Contains(err.Error(), "single CSV table") {
		t.Errorf("t.csv.gz: %v", err)
	}
	os.WriteFile(filepath.Join(tmp, "fake.gz"), []byte("not gzip"), 0o644)
	if _, _, err := ReadOptions(filepath.Join(tmp, "fake.gz"), Options{}); err == nil || !strings.Contains(err.Error(), "not a gzip file") {
		t.Errorf("fake.gz: %v", err)
	}
}

// TestCompressionBomb: what decompresses beyond the limit is refused,
// whatever the archive claims, with a message saying so.
func TestCompressionBomb(t *testing.T) {
	defer func(n int64) { maxFileSize = n }(maxFileSize)
	maxFileSize = 1 << 20
	tmp := t.TempDir()
	big := []byte("rcn,role,pic,type,country,start_date,end_date\n" + strings.Repeat("1,participant,9,HES,NL,2020-01-01,2021-01-01\n", 50_000))
	zeros := make([]byte, 4<<20)
	for name, content := range map[string][]byte{"big.csv.gz": big, "zeros.json.gz": zeros} {
		gz(t, filepath.Join(tmp, name), content)
		_, ps, err := ReadOptions(filepath.Join(tmp, name), Options{})
		if err == nil || !strings.Contains(strings.Join(lines(ps), "\n"), "more than the 1 MB ecoscope reads") {
			t.Errorf("%s: %v\n%s", name, err, strings.Join(lines(ps), "\n"))
		}
	}
	zipFiles(t, filepath.Join(tmp, "bomb.zip"), map[string][]byte{"d/partners.csv": append([]byte("id,name\n"), zeros...)})
	_, ps, err := ReadOptions(filepath.Join(tmp, "bomb.zip"), Options{})
	if err == nil || !strings.Contains(strings.Join(lines(ps), "\n"), "more than the 1 MB ecoscope reads") {
		t.Errorf("bomb.zip: %v\n%s", err, strings.Join(lines(ps), "\n"))
	}
}

func TestCORDISMalformed(t *testing.T) {
	dir := writeData(t, map[string]string{
		"fields.csv": "rcn,role,pic,type,country,start_date,end_date\n1,coordinator,9,HES,NL,2020-01-01,2021-01-01\n1,participant,8,PRC\n2,participant,7,PUB,BE,2020-13-01,2021-01-01\n",
		"quote.csv":  "rcn,role,pic,type,country,start_date,end_date\n1,coordinator,9,HES,NL,2020-01-01,2021-01-01\n2,\"part\"icipant,8,PRC,NL,,\n",
		"bytes.csv":  "rcn,role,pic,type,country,start_date,end_date\n1,coordinator,9,HES,N\xffL,2020-01-01,2021-01-01\n",
	})
	for name, want := range map[string][]string{
		"fields.csv": {"data/fields.csv:3: 4 fields, but the header has 7", "data/fields.csv:4: start_date: invalid date"},
		"quote.csv":  {"data/quote.csv:3:"},
		"bytes.csv":  {"data/bytes.csv:2: file is not valid UTF-8"},
	} {
		_, ps, err := ReadOptions(filepath.Join(dir, name), Options{})
		got := strings.Join(lines(ps), "\n")
		for _, w := range want {
			if err == nil || !strings.Contains(got, w) {
				t.Errorf("%s: want %q in\n%s", name, w, got)
			}
		}
	}
}

// FuzzReadCORDIS reads a CORDIS participations table (the one-file layout
// or organization.csv): no panic, problems bounded and printable, an error
// exactly when there is an error problem, and every membership's unit and
// partner made.
func FuzzReadCORDIS(f *testing.F) {
	b, err := os.ReadFile(swafsFile)
	if err != nil {
		f.Fatal(err)
	}
	all := strings.SplitAfter(string(b), "\n")
	f.Add(strings.Join(all[:8], ""))
	f.Add(all[0] + strings.Join(all[100:104], ""))
	if org, err := os.ReadFile("testdata/cordis/official/organization.csv"); err == nil {
		f.Add(string(org))
	}
	f.Add("rcn;role;pic;type\n1;coordinator;9;HES\n\"2\";\"x\"\"y\";8;NA\n")
	f.Add("projectID,organisationID,role,activityType\n1,2,thirdParty,\n,3,partner,PRC\n")
	f.Fuzz(func(t *testing.T, text string) {
		e, ps, err := readCORDISFile(strings.NewReader(text), "c.csv", "", Options{})
		checkPrintable(t, ps)
		if (err == nil) != (len(ps.Errors()) == 0) {
			t.Errorf("error %v with problems %v", err, lines(ps))
		}
		if err != nil {
			return
		}
		units, partners := map[string]bool{}, map[string]bool{}
		for _, u := range e.Units {
			units[u.ID] = true
		}
		for _, p := range e.Partners {
			partners[p.ID] = true
		}
		for _, m := range e.Memberships {
			if !units[m.Unit] || !partners[m.Member] {
				t.Errorf("membership %+v of no unit or partner", m)
			}
		}
		if len(e.Ties) != 0 {
			t.Errorf("%d ties", len(e.Ties))
		}
	})
}
