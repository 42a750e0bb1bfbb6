package graph

import (
	"errors"
	"runtime"
	"strings"
	"testing"
)

func TestParseHelix(t *testing.T) {
	tests := []struct {
		in   string
		want Helix
	}{
		{"academia", Academia},
		{"  Academia ", Academia},
		{"kennisinstelling", Academia},
		{"Hogeschool", Academia},
		{"universiteit", Academia},
		{"mbo", Academia},
		{"HES", Academia},
		{"REC", Academia},
		{"bedrijf", Industry},
		{"MKB", Industry},
		{"startup", Industry},
		{"PRC", Industry},
		{"gemeente", Government},
		{"provincie", Government},
		{"rijk", Government},
		{"overheid", Government},
		{"PUB", Government},
		{"burger", CivilSociety},
		{"bewoners", CivilSociety},
		{"maatschappelijke organisatie", CivilSociety},
		{"Maatschappelijke-organisatie", CivilSociety},
		{"stichting", CivilSociety},
		{"Civil Society", CivilSociety},
		{"OTH", CivilSociety},
		{"natuur", Environment},
		{"milieu", Environment},
		{"", HelixUnknown},
	}
	for _, tt := range tests {
		got, err := ParseHelix(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseHelix(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestParseHelixNearest(t *testing.T) {
	tests := []struct{ in, nearest string }{
		{"acadmia", "academia"},
		{"industri", "industry"},
		{"goverment", "government"},
		{"civil socety", "civil_society"},
		{"gemeenten", "government"},
		{"enviroment", "environment"},
	}
	for _, tt := range tests {
		_, err := ParseHelix(tt.in)
		var ve *VocabularyError
		if !errors.As(err, &ve) {
			t.Fatalf("ParseHelix(%q) err = %v, want a *VocabularyError", tt.in, err)
		}
		if ve.Nearest() != tt.nearest {
			t.Errorf("ParseHelix(%q) nearest = %q, want %q", tt.in, ve.Nearest(), tt.nearest)
		}
	}
}

func TestOtherVocabularies(t *testing.T) {
	check := func(name string, got, want string, err error) {
		t.Helper()
		if err != nil || got != want {
			t.Errorf("%s = %q, %v; want %q", name, got, err, want)
		}
	}
	s, err := ParseSector("publiek")
	check("ParseSector(publiek)", string(s), "public", err)
	s, err = ParseSector("")
	check("ParseSector(\"\")", string(s), "", err)
	l, err := ParseLevel("Field lab")
	check("ParseLevel", string(l), "fieldlab", err)
	f, err := ParseForm("Living Lab")
	check("ParseForm(Living Lab)", string(f), "living_lab", err)
	f, err = ParseForm("community of practice")
	check("ParseForm(community of practice)", string(f), "cop", err)
	r, err := ParseRole("")
	check("ParseRole(\"\")", string(r), "member", err)
	r, err = ParseRole("begeleider")
	check("ParseRole(begeleider)", string(r), "facilitator", err)
	c, err := ParseCycle("transformatieve waarde")
	check("ParseCycle", string(c), "transformative", err)
	c, err = ParseCycle("realised")
	check("ParseCycle(realised)", string(c), "realized", err)
	k, err := ParseCapital("leerkapitaal")
	check("ParseCapital", string(k), "learning", err)
	o, err := ParseOutcomeLevel("maatschappij")
	check("ParseOutcomeLevel", string(o), "macro", err)
	if c, err := ParseCycle(""); c != "" || err != nil {
		t.Errorf("ParseCycle(\"\") = %q, %v; want \"\" (Validate reports the empty cycle)", c, err)
	}
}

func TestFormLevel(t *testing.T) {
	for _, f := range Forms {
		if f.Level() == "" {
			t.Errorf("form %s has no level", f)
		}
	}
	for _, l := range Levels {
		if l.DefaultForm().Level() != l {
			t.Errorf("default form of %s is %s at level %s", l, l.DefaultForm(), l.DefaultForm().Level())
		}
	}
	if FormPLC.LearningCommunityOnItsOwn() || FormCoP.LearningCommunityOnItsOwn() || !FormLivingLab.LearningCommunityOnItsOwn() {
		t.Error("only plc and cop are not learning communities on their own")
	}
}

func TestDefaultSector(t *testing.T) {
	want := map[Helix]Sector{Academia: Public, Government: Public, Industry: Private, CivilSociety: Nonprofit, Environment: Nonprofit, HelixUnknown: SectorUnknown}
	for h, s := range want {
		if got := DefaultSector(h); got != s {
			t.Errorf("DefaultSector(%s) = %s, want %s", h, got, s)
		}
	}
}

func TestClosestPrefix(t *testing.T) {
	ids := []string{"hub-waterstof", "plc-roc-installatietechniek", "fl-aardgasvrije-wijken"}
	if got := Closest("plc-roc", ids, 1); got[0] != "plc-roc-installatietechniek" {
		t.Errorf("Closest(plc-roc) = %q, want the unit it is a prefix of", got)
	}
	if got := nearestID("plc-roc", ids); got != "plc-roc-installatietechniek" {
		t.Errorf("nearestID(plc-roc) = %q, want the same as Closest", got)
	}
}

func TestClosest(t *testing.T) {
	got := Closest("fl-warmt", []string{"team-1", "fl-warmte", "fl-water", "eco"}, 2)
	if len(got) != 2 || got[0] != "fl-warmte" || got[1] != "fl-water" {
		t.Errorf("Closest = %q, want [fl-warmte fl-water]", got)
	}
}

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestSuggestLongValues: "did you mean" for a value of any length costs
// about what it costs for a short one (issue 9: an unknown 1 MB id took 48 s,
// a 50 MB column name 159 s and 1.45 GB). A value longer than
// MaxSuggestLength gets no suggestion; the work is bounded by the bytes it
// allocates, which grew with the square of the length.
func TestSuggestLongValues(t *testing.T) {
	big := strings.Repeat("x", 1<<20)
	ids := []string{"p1", "p2", "hs-rivierstad", "gemeente-enschede", "x", "xx", "xxxxxxxxxx", strings.Repeat("x", 90)}
	const limit = 8 << 20 // bytes; the value itself is 1 MB
	check := func(name string, f func()) {
		t.Helper()
		if n := allocated(f); n > limit {
			t.Errorf("%s allocated %d MB, want at most %d MB", name, n>>20, limit>>20)
		}
	}
	check("Validate", func() {
		e := &Ecosystem{Ties: []Tie{{Source: "p1", Target: big}, {Source: big + "y", Target: "p2"}}}
		for _, id := range ids {
			e.Partners = append(e.Partners, Partner{ID: id})
		}
		for _, p := range e.Validate().Errors() {
			if strings.Contains(p.Message, "did you mean") {
				t.Errorf("got %.200s, want no suggestion for a value of 1 MB", p.Message)
			}
		}
	})
	check("IsNear", func() {
		if IsNear(big, big[:len(big)-1]) || IsNear(big, "x") {
			t.Error("a 1 MB value is near another")
		}
	})
	check("Closest", func() {
		if got := Closest(big, ids, 3); len(got) != 0 {
			t.Errorf("Closest(1 MB) = %q, want none", got)
		}
	})
	check("ParseHelix", func() {
		_, err := ParseHelix(big)
		var ve *VocabularyError
		if !errors.As(err, &ve) || ve.Nearest() != "" || strings.Contains(err.Error(), "did you mean") {
			t.Errorf("ParseHelix(1 MB) = %.200v, want an error without a suggestion", err)
		}
	})
}

// TestSuggestSimilarLength: a suggestion is looked for only among the
// candidates that can be near: of similar length, or containing the value.
func TestSuggestSimilarLength(t *testing.T) {
	tests := []struct {
		id   string
		ids  []string
		want string
	}{
		{"hs-rivierstd", []string{"x", "hs-rivierstad", "hs"}, "hs-rivierstad"},
		{"abcde", []string{"abc", "abcdefgh"}, "abcdefgh"}, // "abc" is 2 edits off, too many for 5 characters
		{"abcdef", []string{"abcdefghijklmnopqrstuvwxyz"}, "abcdefghijklmnopqrstuvwxyz"},
		{"lba", []string{"lab", "lbaxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}, "lab"},
		{strings.Repeat("a", MaxSuggestLength+1), []string{strings.Repeat("a", MaxSuggestLength)}, ""},
		{strings.Repeat("a", MaxSuggestLength), []string{strings.Repeat("a", MaxSuggestLength-1) + "b"}, strings.Repeat("a", MaxSuggestLength-1) + "b"},
	}
	for _, tt := range tests {
		s := &suggester{collect: func() []string { return tt.ids }}
		want := ""
		if tt.want != "" {
			want = "; did you mean " + Quote(tt.want) + "?"
		}
		if got := s.suggest(tt.id); got != want {
			t.Errorf("suggest(%.20q) = %q, want %q", tt.id, got, want)
		}
	}
}

func TestTypoDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "", 3}, {"", "ab", 2}, {"lab", "lba", 1}, {"kitten", "sitting", 3},
		{"hs-rivierstd", "hs-rivierstad", 1}, {"ab", "ba", 1}, {"abcd", "badc", 2}, {"ca", "abc", 3}, {"é", "e", 1},
	}
	for _, tt := range tests {
		if got := typoDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("typoDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := typoDistance(tt.b, tt.a); got != tt.want {
			t.Errorf("typoDistance(%q, %q) = %d, want %d", tt.b, tt.a, got, tt.want)
		}
	}
}
