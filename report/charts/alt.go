package charts

import (
	"math"
	"strconv"
	"strings"
)

// words are the phrases of the text alternatives in one language.
type words struct {
	bar, heat, lines, grouped, network string
	and, of, from, to, none            string
	partners, ties, largest, shown     string
	colours, sized                     string
	decimal                            string
}

var wordsByLang = map[string]words{
	"en": {
		bar: "Bar chart", heat: "Heat map", lines: "Line chart", grouped: "Grouped bar chart",
		network: "Network drawing", and: "and", of: "of", from: "from", to: "to", none: "no data",
		partners: "partners", ties: "ties", largest: "largest", shown: "showing the %d largest of %d partners",
		colours: "coloured by helix type", sized: "sized by", decimal: ".",
	},
	"nl": {
		bar: "Staafdiagram", heat: "Heatmap", lines: "Lijndiagram", grouped: "Gegroepeerd staafdiagram",
		network: "Netwerktekening", and: "en", of: "van", from: "van", to: "tot", none: "geen gegevens",
		partners: "partners", ties: "relaties", largest: "grootste", shown: "de %d grootste van %d partners getoond",
		colours: "gekleurd naar helixtype", sized: "grootte naar", decimal: ",",
	},
}

// wordsFor returns the phrases of lang ("nl" for Dutch, English otherwise).
func wordsFor(lang string) words {
	if w, ok := wordsByLang[strings.ToLower(lang)]; ok {
		return w
	}
	return wordsByLang["en"]
}

// fmtNum writes v for people: whole numbers as such, others with at most
// two decimals, with the decimal sign of the language; NaN as "–".
func (w words) fmtNum(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatInt(int64(v), 10)
	}
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return strings.Replace(s, ".", w.decimal, 1)
}

// list joins items as "a, b and c".
func (w words) list(items []string) string {
	switch len(items) {
	case 0:
		return w.none
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + w.and + " " + items[len(items)-1]
}
