package sqlite

import (
	"fmt"

	"github.com/ecoscope/ecoscope/graph"
)

// dateCode is how a date is stored: YYYYMMDD with 00 for a month or day not
// given, 0 for no date (see migrations/0001_init.sql).
func dateCode(d graph.Date) int64 {
	return int64(d.Year()*10000 + d.Month()*100 + d.Day())
}

// dateCache decodes date codes. Data sets use few distinct dates, so a
// cache makes decoding a map lookup. It is not safe for concurrent use.
type dateCache struct {
	m map[int64]graph.Date
}

// date returns the Date that code stands for. A code that is not a date
// (which ecoscope never writes) is an error.
func (c *dateCache) date(code int64) (graph.Date, error) {
	if code == 0 {
		return graph.Date{}, nil
	}
	if d, ok := c.m[code]; ok {
		return d, nil
	}
	y, m, d := code/10000, code/100%100, code%100
	var s string
	switch {
	case code < 0 || code > 99991231:
		return graph.Date{}, fmt.Errorf("stored date %d is not a date", code)
	case m == 0 && d == 0:
		s = fmt.Sprintf("%04d", y)
	case d == 0:
		s = fmt.Sprintf("%04d-%02d", y, m)
	default:
		s = fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	}
	dt, err := graph.ParseDate(s)
	if err != nil {
		return graph.Date{}, fmt.Errorf("stored date %d: %w", code, err)
	}
	if c.m == nil {
		c.m = make(map[int64]graph.Date)
	}
	c.m[code] = dt
	return dt, nil
}
