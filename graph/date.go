package graph

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar date with year, month or day precision, as written in
// ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD. The zero Date means "no date".
//
// A Date stands for a period: 2019 is the whole of 2019, 2019-03 the whole of
// March 2019. Start and End give the first and last day of that period.
type Date struct {
	year  int16
	month uint8 // 0 when the precision is a year
	day   uint8 // 0 when the precision is a year or a month
}

// Precision is the precision of a Date.
type Precision uint8

// The precisions of a Date.
const (
	NoDate Precision = iota
	Year
	Month
	Day
)

// NewDate returns the Date y-m-d; m or d may be 0 for a coarser precision.
// It panics on a date that does not exist; use ParseDate for input.
func NewDate(y, m, d int) Date {
	dt, err := makeDate(y, m, d)
	if err != nil {
		panic("graph: " + err.Error())
	}
	return dt
}

func makeDate(y, m, d int) (Date, error) {
	if y < 1 || y > 9999 {
		return Date{}, fmt.Errorf("year %d out of range 1-9999", y)
	}
	if m < 0 || m > 12 {
		return Date{}, fmt.Errorf("month %d out of range 1-12", m)
	}
	if m == 0 && d != 0 {
		return Date{}, fmt.Errorf("a day needs a month")
	}
	if d != 0 && (d < 1 || d > daysIn(y, m)) {
		return Date{}, fmt.Errorf("day %d does not exist in %04d-%02d", d, y, m)
	}
	return Date{year: int16(y), month: uint8(m), day: uint8(d)}, nil
}

func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// ParseDate parses YYYY, YYYY-MM or YYYY-MM-DD (an empty string is the zero
// Date). A date that does not exist, such as 2023-02-30, is an error.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	parts := strings.Split(s, "-")
	bad := func(why string) (Date, error) {
		if why != "" {
			return Date{}, fmt.Errorf("invalid date %s: %s", Quote(s), why)
		}
		return Date{}, fmt.Errorf("invalid date %s: want YYYY, YYYY-MM or YYYY-MM-DD", Quote(s))
	}
	if len(parts) > 3 || len(parts[0]) != 4 {
		return bad("")
	}
	nums := make([]int, 3)
	for i, p := range parts {
		if (i > 0 && len(p) != 2) || !allDigits(p) {
			return bad("")
		}
		n, err := strconv.Atoi(p)
		if err != nil {
			return bad("")
		}
		nums[i] = n
	}
	if len(parts) >= 2 && nums[1] == 0 {
		return bad("month 00 does not exist")
	}
	if len(parts) == 3 && nums[2] == 0 {
		return bad("day 00 does not exist")
	}
	d, err := makeDate(nums[0], nums[1], nums[2])
	if err != nil {
		return bad(err.Error())
	}
	return d, nil
}

// MustParseDate is ParseDate for literals in code and tests; it panics on error.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic("graph: " + err.Error())
	}
	return d
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// IsZero reports whether d is the zero Date (no date).
func (d Date) IsZero() bool { return d.year == 0 }

// Precision returns the precision of d.
func (d Date) Precision() Precision {
	switch {
	case d.year == 0:
		return NoDate
	case d.month == 0:
		return Year
	case d.day == 0:
		return Month
	}
	return Day
}

// Year, Month and Day return the parts of d; Month and Day are 0 when d is
// coarser than them.
func (d Date) Year() int  { return int(d.year) }
func (d Date) Month() int { return int(d.month) }
func (d Date) Day() int   { return int(d.day) }

// Start returns the first day of the period d stands for, as the number
// YYYYMMDD (which orders like the dates). It is 0 for the zero Date.
func (d Date) Start() int {
	if d.IsZero() {
		return 0
	}
	m, dd := int(d.month), int(d.day)
	if m == 0 {
		m = 1
	}
	if dd == 0 {
		dd = 1
	}
	return int(d.year)*10000 + m*100 + dd
}

// End returns the last day of the period d stands for, as YYYYMMDD. It is 0
// for the zero Date.
func (d Date) End() int {
	if d.IsZero() {
		return 0
	}
	m, dd := int(d.month), int(d.day)
	if m == 0 {
		m = 12
	}
	if dd == 0 {
		dd = daysIn(int(d.year), m)
	}
	return int(d.year)*10000 + m*100 + dd
}

// Time returns the first instant of d in UTC (the zero time for the zero Date).
func (d Date) Time() time.Time {
	if d.IsZero() {
		return time.Time{}
	}
	s := d.Start()
	return time.Date(s/10000, time.Month(s/100%100), s%100, 0, 0, 0, 0, time.UTC)
}

// DateOf returns the day-precision Date of t.
func DateOf(t time.Time) Date {
	return Date{year: int16(t.Year()), month: uint8(t.Month()), day: uint8(t.Day())}
}

// String formats d as YYYY, YYYY-MM or YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	switch d.Precision() {
	case Year:
		return fmt.Sprintf("%04d", d.year)
	case Month:
		return fmt.Sprintf("%04d-%02d", d.year, d.month)
	case Day:
		return fmt.Sprintf("%04d-%02d-%02d", d.year, d.month, d.day)
	}
	return ""
}

// Before reports whether the period d ends before the period e starts.
func (d Date) Before(e Date) bool { return d.End() < e.Start() }

// MarshalJSON writes d as a string, or null for the zero Date.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads a date string (or null, or "").
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		// Also accept a bare year number.
		var y int
		if err2 := json.Unmarshal(b, &y); err2 == nil {
			s = strconv.Itoa(y)
		} else {
			return fmt.Errorf("invalid date %s: want a string YYYY, YYYY-MM or YYYY-MM-DD", b)
		}
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Period is the span during which a record is active. A zero Since means
// "since always", a zero Until "still active".
type Period struct {
	Since Date `json:"since"`
	Until Date `json:"until"`
}

// ActiveAt reports whether the period overlaps the period of d: it started on
// or before the end of d and had not ended before d started. For a day d this
// is "started on or before d and not ended by d". A zero d is always true.
func (p Period) ActiveAt(d Date) bool {
	if d.IsZero() {
		return true
	}
	if !p.Since.IsZero() && p.Since.Start() > d.End() {
		return false
	}
	if !p.Until.IsZero() && p.Until.End() < d.Start() {
		return false
	}
	return true
}

// Valid reports whether until does not come before since.
func (p Period) Valid() bool {
	return p.Since.IsZero() || p.Until.IsZero() || p.Until.End() >= p.Since.Start()
}
