package graph

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in         string
		prec       Precision
		start, end int
	}{
		{"2019", Year, 20190101, 20191231},
		{"2020-02", Month, 20200201, 20200229},
		{"2021-02", Month, 20210201, 20210228},
		{"2024-02-29", Day, 20240229, 20240229},
		{" 2018-11-05 ", Day, 20181105, 20181105},
		{"", NoDate, 0, 0},
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.in)
		if err != nil {
			t.Errorf("ParseDate(%q): %v", tt.in, err)
			continue
		}
		if d.Precision() != tt.prec || d.Start() != tt.start || d.End() != tt.end {
			t.Errorf("ParseDate(%q) = precision %d, %d..%d; want %d, %d..%d", tt.in, d.Precision(), d.Start(), d.End(), tt.prec, tt.start, tt.end)
		}
		if d.String() != strings.TrimSpace(tt.in) {
			t.Errorf("ParseDate(%q).String() = %q", tt.in, d.String())
		}
	}
}

func TestParseDateErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2019-13", "month 13 out of range"},
		{"2023-02-30", "day 30 does not exist in 2023-02"},
		{"2023-02-29", "day 29 does not exist"},
		{"2019-00", "month 00"},
		{"19-01-01", "want YYYY"},
		{"01-02-2019", "want YYYY"},
		{"2019/01/01", "want YYYY"},
		{"2019-1", "want YYYY"},
		{"abcd", "want YYYY"},
		{"2019-01-01T10:00", "want YYYY"},
	}
	for _, tt := range tests {
		_, err := ParseDate(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseDate(%q) err = %v, want it to contain %q", tt.in, err, tt.want)
		}
	}
}

func TestPeriodActiveAt(t *testing.T) {
	p := Period{Since: MustParseDate("2019-03"), Until: MustParseDate("2021")}
	tests := []struct {
		at   string
		want bool
	}{
		{"2018", false},
		{"2019", true},        // overlaps 2019
		{"2019-02-28", false}, // before it started
		{"2019-03-01", true},  // first day
		{"2021-12-31", true},  // last day of its last year
		{"2022-01-01", false}, // ended
		{"2022", false},
	}
	for _, tt := range tests {
		if got := p.ActiveAt(MustParseDate(tt.at)); got != tt.want {
			t.Errorf("ActiveAt(%s) = %v, want %v", tt.at, got, tt.want)
		}
	}
	if !(Period{}).ActiveAt(MustParseDate("1900")) {
		t.Error("an open period is active at any date")
	}
	if !p.ActiveAt(Date{}) {
		t.Error("every period is active at the zero date (cumulative network)")
	}
	if (Period{Since: MustParseDate("2020"), Until: MustParseDate("2019-12")}).Valid() {
		t.Error("until before since is not valid")
	}
	if !(Period{Since: MustParseDate("2020-05"), Until: MustParseDate("2020")}).Valid() {
		t.Error("until 2020 ends after since 2020-05 starts")
	}
}

func TestDateJSON(t *testing.T) {
	type rec struct {
		D Date `json:"d"`
	}
	for _, in := range []string{`{"d":"2019-05"}`, `{"d":null}`, `{"d":2019}`} {
		var r rec
		if err := json.Unmarshal([]byte(in), &r); err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		b, _ := json.Marshal(r)
		want := in
		if in == `{"d":2019}` {
			want = `{"d":"2019"}`
		}
		if string(b) != want {
			t.Errorf("round trip of %s = %s, want %s", in, b, want)
		}
	}
	var r rec
	if err := json.Unmarshal([]byte(`{"d":"2019-02-30"}`), &r); err == nil {
		t.Error("impossible date accepted")
	}
}
