package graph

// Pos is where a record came from: a file and a line as an editor numbers
// it (the header of a CSV file is line 1), and, where lines do not tell
// records apart (a JSON document may be one line), the record: partners[3].
// It is used only in messages and is never stored.
type Pos struct {
	File   string
	Line   int
	Record string
}

// Partner is an organisation (or a group of citizens) taking part in the
// ecosystem.
type Partner struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Helix  Helix  `json:"helix"`
	Sector Sector `json:"sector"` // defaults to DefaultSector(Helix)
	Kind   string `json:"kind,omitempty"`
	Region string `json:"region,omitempty"`
	Period
	Pos Pos `json:"-"`
}

// Person is an individual working for a partner.
type Person struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Partner    string `json:"partner"`
	Discipline string `json:"discipline,omitempty"`
	Role       string `json:"role,omitempty"`
	Pos        Pos    `json:"-"`
}

// Unit is a unit of the multi-level framework: an ecosystem, a fieldlab (or
// hub, living lab, centre of expertise) or a team, nested through Parent.
type Unit struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Level     Level  `json:"level"`
	Form      Form   `json:"form"`
	Parent    string `json:"parent,omitempty"`
	Challenge string `json:"challenge,omitempty"`
	Cadence   string `json:"cadence,omitempty"`
	Period
	Pos Pos `json:"-"`
}

// Membership says that a partner or a person (Member) takes part in a unit.
type Membership struct {
	Unit   string `json:"unit"`
	Member string `json:"member"`
	Role   Role   `json:"role"`
	Period
	Pos Pos `json:"-"`
}

// Tie is a relationship between two partners, or between two people (which
// counts for their partners), or between a person and a partner. A tie is
// known by its ends, type, since and ID (see TieKey): the ID, optional,
// keeps apart ties that share the rest, such as two projects of the same
// two organisations that started on the same day.
type Tie struct {
	ID       string  `json:"id,omitempty"`
	Source   string  `json:"source"`
	Target   string  `json:"target"`
	Type     string  `json:"type,omitempty"`
	Weight   float64 `json:"weight"`
	Directed bool    `json:"directed,omitempty"`
	Period
	Pos Pos `json:"-"`
}

// MaxWeight is the largest weight of a tie: 10^12, far above any count or
// amount a tie stands for. Weights near the largest float64 made the sums
// of PageRank and eigenvector centrality overflow, and every score null.
const MaxWeight = 1e12

// Value is a value-creation record: what a partner or person (Reporter)
// reports a unit brought, in which cycle and at which outcome level.
type Value struct {
	Reporter    string       `json:"reporter"`
	Unit        string       `json:"unit,omitempty"`
	Cycle       Cycle        `json:"cycle"`
	Capital     Capital      `json:"capital,omitempty"`
	Level       OutcomeLevel `json:"level,omitempty"`
	Date        Date         `json:"date"`
	Description string       `json:"description,omitempty"`
	Pos         Pos          `json:"-"`
}

// Ecosystem is one data set: everything known about a Learning Community.
// Only Partners is required.
type Ecosystem struct {
	Name        string       `json:"name,omitempty"`
	Partners    []Partner    `json:"partners"`
	People      []Person     `json:"people,omitempty"`
	Units       []Unit       `json:"units,omitempty"`
	Memberships []Membership `json:"memberships,omitempty"`
	Ties        []Tie        `json:"ties,omitempty"`
	Values      []Value      `json:"values,omitempty"`
}

// Counts is the number of records of each kind.
type Counts struct {
	Partners    int `json:"partners"`
	People      int `json:"people"`
	Units       int `json:"units"`
	Memberships int `json:"memberships"`
	Ties        int `json:"ties"`
	Values      int `json:"values"`
}

// Counts returns the number of records of each kind in e.
func (e *Ecosystem) Counts() Counts {
	return Counts{
		Partners: len(e.Partners), People: len(e.People), Units: len(e.Units),
		Memberships: len(e.Memberships), Ties: len(e.Ties), Values: len(e.Values),
	}
}

// Add returns the sum of c and d.
func (c Counts) Add(d Counts) Counts {
	return Counts{
		Partners: c.Partners + d.Partners, People: c.People + d.People, Units: c.Units + d.Units,
		Memberships: c.Memberships + d.Memberships, Ties: c.Ties + d.Ties, Values: c.Values + d.Values,
	}
}

// Index gives the position of every partner, person and unit of an
// Ecosystem by id. Build it with NewIndex; it is not updated when the
// Ecosystem changes.
type Index struct {
	Partner map[string]int
	Person  map[string]int
	Unit    map[string]int
}

// NewIndex indexes e. Where ids repeat, the first record wins.
func NewIndex(e *Ecosystem) *Index {
	ix := &Index{
		Partner: make(map[string]int, len(e.Partners)),
		Person:  make(map[string]int, len(e.People)),
		Unit:    make(map[string]int, len(e.Units)),
	}
	for i, p := range e.Partners {
		if _, ok := ix.Partner[p.ID]; !ok {
			ix.Partner[p.ID] = i
		}
	}
	for i, p := range e.People {
		if _, ok := ix.Person[p.ID]; !ok {
			ix.Person[p.ID] = i
		}
	}
	for i, u := range e.Units {
		if _, ok := ix.Unit[u.ID]; !ok {
			ix.Unit[u.ID] = i
		}
	}
	return ix
}

// PartnerOf returns the id of the partner that id names: the partner itself,
// or the partner a person works for. ok is false when id is neither, or the
// person has no partner.
func (e *Ecosystem) partnerOf(ix *Index, id string) (string, bool) {
	if _, ok := ix.Partner[id]; ok {
		return id, true
	}
	if i, ok := ix.Person[id]; ok && e.People[i].Partner != "" {
		return e.People[i].Partner, true
	}
	return "", false
}

// PartnerTie is a tie between two partners, after ties between people have
// been attributed to their partners.
type PartnerTie struct {
	Source, Target string
	Type           string
	Weight         float64
	Directed       bool
	Period
}

// PartnerTies returns the ties of e between partners: ties given between
// people count for the partners they work for. Ties that end up joining a
// partner to itself (two colleagues) are left out. Ties are not merged: two
// ties between the same partners stay two records.
func (e *Ecosystem) PartnerTies() []PartnerTie {
	ix := NewIndex(e)
	out := make([]PartnerTie, 0, len(e.Ties))
	for _, t := range e.Ties {
		s, ok1 := e.partnerOf(ix, t.Source)
		d, ok2 := e.partnerOf(ix, t.Target)
		if !ok1 || !ok2 || s == d {
			continue
		}
		out = append(out, PartnerTie{Source: s, Target: d, Type: t.Type, Weight: t.Weight, Directed: t.Directed, Period: t.Period})
	}
	return out
}

// UnitPartners returns, for every unit, the ids of the partners that are
// direct members of it: partners named in a membership, and the partners of
// people named in one. Each partner is listed once per unit, in the order of
// first membership.
func (e *Ecosystem) UnitPartners() map[string][]string {
	ix := NewIndex(e)
	out := make(map[string][]string, len(e.Units))
	seen := make(map[[2]string]bool)
	for _, m := range e.Memberships {
		p, ok := e.partnerOf(ix, m.Member)
		if !ok {
			continue
		}
		k := [2]string{m.Unit, p}
		if seen[k] {
			continue
		}
		seen[k] = true
		out[m.Unit] = append(out[m.Unit], p)
	}
	return out
}

// Children returns the ids of the units whose parent is each unit.
func (e *Ecosystem) Children() map[string][]string {
	out := map[string][]string{}
	for _, u := range e.Units {
		if u.Parent != "" {
			out[u.Parent] = append(out[u.Parent], u.ID)
		}
	}
	return out
}
