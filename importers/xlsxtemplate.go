package importers

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/ecoscope/ecoscope/graph"
)

// columnHelp explains each column of each table, as docs/input.md does:
// the meaning and the default.
var columnHelp = map[string][2]string{
	"partners.id":        {"unique id of the partner (required)", ""},
	"partners.name":      {"display name", "the id"},
	"partners.helix":     {"helix type: academia, industry, government, civil_society, environment or unknown (Dutch and other synonyms are accepted)", "unknown"},
	"partners.sector":    {"public, private or nonprofit", "from the helix type"},
	"partners.kind":      {"free text: university, SME, municipality, …", ""},
	"partners.region":    {"free text", ""},
	"partners.since":     {"date the partner joined: 2019, 2019-03 or 2019-03-05 (or a date cell)", "always"},
	"partners.until":     {"date the partner left", "still there"},
	"people.id":          {"unique id of the person, not a partner's id (required)", ""},
	"people.name":        {"display name", "the id"},
	"people.partner":     {"id of the partner the person works for; must be given", ""},
	"people.discipline":  {"free text", ""},
	"people.role":        {"free text: the person's job, not a membership role", ""},
	"units.id":           {"unique id of the unit (required)", ""},
	"units.name":         {"display name", "the id"},
	"units.level":        {"ecosystem, fieldlab or team", "the level of the form"},
	"units.form":         {"the form the unit takes; it must belong to the level", "the usual form of the level"},
	"units.parent":       {"id of the unit this one is part of", "none (a top unit)"},
	"units.challenge":    {"free text: the societal challenge", ""},
	"units.since":        {"date the unit started", "always"},
	"units.until":        {"date the unit ended", "still running"},
	"units.cadence":      {"free text: how often it meets", ""},
	"memberships.unit":   {"id of the unit (required)", ""},
	"memberships.member": {"id of a partner or a person (required)", ""},
	"memberships.role":   {"member, facilitator, coordinator or user", "member"},
	"memberships.since":  {"date the membership started", "always"},
	"memberships.until":  {"date the membership ended", "still running"},
	"ties.source":        {"id of a partner or a person (required)", ""},
	"ties.target":        {"id of a partner or a person (required)", ""},
	"ties.type":          {"free text: project, contract, advice, …", ""},
	"ties.weight":        {"a positive number: strength, number of projects, …", "1"},
	"ties.since":         {"date the tie started", "always"},
	"ties.until":         {"date the tie ended", "still there"},
	"ties.directed":      {"yes/no: whether the tie goes from source to target only", "no"},
	"ties.id":            {"an id that tells apart ties with the same ends, type and since (a project number)", "none"},
	"values.reporter":    {"id of the partner or person who reports the value (required)", ""},
	"values.unit":        {"id of the unit that brought it", "none"},
	"values.cycle":       {"expected, immediate, potential, applied, realized or transformative (required)", ""},
	"values.capital":     {"for potential value only: human, social, tangible, reputational or learning", ""},
	"values.level":       {"outcome level: micro (individual), meso (organisation), macro (society)", ""},
	"values.date":        {"when the value was reported", "undated"},
	"values.description": {"free text", ""},
}

// dropDowns lists the values offered in a drop-down for the columns with a
// vocabulary, by table and column.
func dropDowns() map[string][]string {
	strs := func(n int, at func(int) string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = at(i)
		}
		return out
	}
	return map[string][]string{
		"partners.helix":   append(strs(len(graph.Helices), func(i int) string { return string(graph.Helices[i]) }), "unknown"),
		"partners.sector":  strs(len(graph.Sectors), func(i int) string { return string(graph.Sectors[i]) }),
		"units.level":      strs(len(graph.Levels), func(i int) string { return string(graph.Levels[i]) }),
		"units.form":       strs(len(graph.Forms), func(i int) string { return string(graph.Forms[i]) }),
		"memberships.role": strs(len(graph.Roles), func(i int) string { return string(graph.Roles[i]) }),
		"values.cycle":     strs(len(graph.Cycles), func(i int) string { return string(graph.Cycles[i]) }),
		"values.capital":   strs(len(graph.Capitals), func(i int) string { return string(graph.Capitals[i]) }),
		"values.level":     strs(len(graph.OutcomeLevels), func(i int) string { return string(graph.OutcomeLevels[i]) }),
	}
}

// templateRows is how many rows of each sheet the drop-downs and the text
// format cover.
const templateRows = 10000

// WriteXLSXTemplate writes a template workbook to w: a sheet per table
// with its header and the example rows of examples (by table name, each
// row with a cell per column of the header, as in the CSV templates; a
// table without examples gets its header alone), drop-downs for the
// columns with a vocabulary (helix, sector, level, form, role, cycle,
// capital, outcome level), and a sheet "about" that explains every column.
// The cells are formatted as text, so that Excel keeps 2019-03 and ids
// such as 007 as they are typed.
func WriteXLSXTemplate(w io.Writer, examples map[string][][]string) error {
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, NumFmt: 49})
	if err != nil {
		return err
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49}) // "@": text
	if err != nil {
		return err
	}
	lists := dropDowns()
	for i, t := range tables {
		name := t.name
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		header := t.columns
		if rows := examples[name]; len(rows) > 0 {
			header = rows[0]
		}
		last, _ := excelize.ColumnNumberToName(len(header))
		if err := f.SetColStyle(name, "A:"+last, text); err != nil {
			return err
		}
		if err := f.SetColWidth(name, "A", last, 18); err != nil {
			return err
		}
		rows := examples[name]
		if len(rows) == 0 {
			rows = [][]string{header}
		}
		for r, row := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			vals := make([]any, len(row))
			for c, v := range row {
				vals[c] = v
			}
			if err := f.SetSheetRow(name, cell, &vals); err != nil {
				return err
			}
		}
		if err := f.SetCellStyle(name, "A1", last+"1", bold); err != nil {
			return err
		}
		if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
		for c, h := range header {
			col := t.column(h)
			if col < 0 {
				continue
			}
			key := name + "." + t.columns[col]
			values, ok := lists[key]
			if !ok {
				continue
			}
			letter, _ := excelize.ColumnNumberToName(c + 1)
			dv := excelize.NewDataValidation(true)
			dv.Sqref = fmt.Sprintf("%s2:%s%d", letter, letter, templateRows)
			if err := dv.SetDropList(values); err != nil {
				return fmt.Errorf("drop-down for %s: %w", key, err)
			}
			// A warning, not a stop: the synonyms (gemeente, bedrijf, ...)
			// are accepted too.
			dv.SetError(excelize.DataValidationErrorStyleWarning, t.columns[col],
				"Not one of the values listed; ecoscope accepts it only if it is a known synonym (see the sheet about).")
			dv.SetInput(t.columns[col], strings.Join(values, ", "))
			if err := f.AddDataValidation(name, dv); err != nil {
				return err
			}
		}
	}
	if err := writeAbout(f, bold); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	_, err = f.WriteTo(w)
	return err
}

// writeAbout adds the sheet "about": what the workbook is, and a row per
// column of every table.
func writeAbout(f *excelize.File, bold int) error {
	const about = "about"
	if _, err := f.NewSheet(about); err != nil {
		return err
	}
	rows := [][]string{
		{"ecoscope data set: one sheet per table. Only partners is required; delete the sheets you do not need. Check the workbook with: ecoscope import --dry-run FILE.xlsx. Dates: 2019, 2019-03 or 2019-03-05 (as text) or a date cell. See docs/input.md."},
		{},
		{"sheet", "column", "Dutch and other names accepted", "meaning", "default"},
	}
	for _, t := range tables {
		for i, col := range t.columns {
			var aliases []string
			for a, c := range t.aliases {
				if c == i && a != col {
					aliases = append(aliases, a)
				}
			}
			slices.Sort(aliases)
			help := columnHelp[t.name+"."+col]
			rows = append(rows, []string{t.name + " (" + t.dutch + ")", col, strings.Join(aliases, ", "), help[0], help[1]})
		}
	}
	for r, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		vals := make([]any, len(row))
		for c, v := range row {
			vals[c] = v
		}
		if err := f.SetSheetRow(about, cell, &vals); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(about, "A3", "E3", bold); err != nil {
		return err
	}
	for col, width := range map[string]float64{"A": 28, "B": 14, "C": 40, "D": 90, "E": 24} {
		if err := f.SetColWidth(about, col, col, width); err != nil {
			return err
		}
	}
	return nil
}
