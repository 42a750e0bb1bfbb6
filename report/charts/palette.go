package charts

import (
	"fmt"
	"image/color"

	"github.com/ecoscope/ecoscope/graph"
)

// HelixOrder lists the helix types in the order every chart and legend
// shows them: the five known types of graph.Helices, then unknown.
var HelixOrder = []graph.Helix{graph.Academia, graph.Industry, graph.Government,
	graph.CivilSociety, graph.Environment, graph.HelixUnknown}

// helixPalette is the one colour per helix type, from the colour-blind-safe
// palette of Okabe & Ito (2008); unknown is a neutral grey. The yellow of
// that palette is left out: it is too light on white.
var helixPalette = map[graph.Helix]color.RGBA{
	graph.Academia:     {0x00, 0x72, 0xB2, 0xff}, // blue
	graph.Industry:     {0xE6, 0x9F, 0x00, 0xff}, // orange
	graph.Government:   {0xCC, 0x79, 0xA7, 0xff}, // reddish purple
	graph.CivilSociety: {0xD5, 0x5E, 0x00, 0xff}, // vermillion
	graph.Environment:  {0x00, 0x9E, 0x73, 0xff}, // bluish green
	graph.HelixUnknown: {0x99, 0x99, 0x99, 0xff}, // grey
}

// HelixColor returns the colour of helix type h: the palette every output
// of ecoscope that colours helix types uses (charts, the network drawing,
// GEXF viz colours, a web view). A type that is empty or not known gets the
// colour of unknown.
func HelixColor(h graph.Helix) color.RGBA {
	if c, ok := helixPalette[h]; ok {
		return c
	}
	return helixPalette[graph.HelixUnknown]
}

// HelixHex returns HelixColor(h) as "#rrggbb".
func HelixHex(h graph.Helix) string {
	c := HelixColor(h)
	return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B)
}

// seriesPalette colours the lines and groups that are not helix types
// (growth series, outcome levels): the rest of Okabe & Ito's palette first,
// in an order where neighbours differ in lightness as well as hue.
var seriesPalette = []color.RGBA{
	{0x00, 0x72, 0xB2, 0xff}, // blue
	{0xD5, 0x5E, 0x00, 0xff}, // vermillion
	{0x00, 0x9E, 0x73, 0xff}, // bluish green
	{0xCC, 0x79, 0xA7, 0xff}, // reddish purple
	{0x56, 0xB4, 0xE9, 0xff}, // sky blue
	{0xE6, 0x9F, 0x00, 0xff}, // orange
	{0x00, 0x00, 0x00, 0xff}, // black
}

// seriesColor returns the colour of the i-th series.
func seriesColor(i int) color.RGBA { return seriesPalette[i%len(seriesPalette)] }

// heatColor returns the colour of a heat-map cell holding the share f of
// the largest cell (0 ≤ f ≤ 1): from near white to the palette's blue, a
// single-hue scale that reads the same to every eye and in grey print.
func heatColor(f float64) color.RGBA {
	if f < 0 || f != f {
		f = 0
	}
	if f > 1 {
		f = 1
	}
	lo := [3]float64{0xf4, 0xf8, 0xfb}
	hi := [3]float64{0x08, 0x30, 0x6b}
	var c [3]uint8
	for k := range c {
		c[k] = uint8(lo[k] + (hi[k]-lo[k])*f + 0.5)
	}
	return color.RGBA{c[0], c[1], c[2], 0xff}
}

// textOn returns black or white, whichever reads better on bg.
func textOn(bg color.RGBA) color.RGBA {
	l := 0.2126*float64(bg.R) + 0.7152*float64(bg.G) + 0.0722*float64(bg.B)
	if l < 140 {
		return color.RGBA{0xff, 0xff, 0xff, 0xff}
	}
	return color.RGBA{0x00, 0x00, 0x00, 0xff}
}
