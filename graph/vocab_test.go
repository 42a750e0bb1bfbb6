package graph

import (
	"errors"
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
		if ve.Nearest != tt.nearest {
			t.Errorf("ParseHelix(%q) nearest = %q, want %q", tt.in, ve.Nearest, tt.nearest)
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
