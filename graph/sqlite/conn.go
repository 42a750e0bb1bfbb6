package sqlite

import (
	"context"
	"database/sql/driver"
	"fmt"
	"io"
	"strings"
)

// conn is a connection of the driver, used directly. Import and Load move
// millions of values, and database/sql costs them dearly: it converts every
// argument and every integer read (through reflection) and takes locks per
// row. Through the driver, reading a million ties takes a quarter less time.
type conn struct {
	ctx context.Context
	dc  driverConn
	err error // the first value read of an unexpected type
}

// driverConn is what conn needs of the driver's connection.
type driverConn interface {
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
}

// withConn runs f on a connection from the pool, used through the driver.
// When f's error wraps driver.ErrBadConn, the connection is closed instead
// of going back to the pool.
func (s *Store) withConn(ctx context.Context, f func(c *conn) error) error {
	sc, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer sc.Close()
	return sc.Raw(func(dc any) error {
		d, ok := dc.(driverConn)
		if !ok {
			return fmt.Errorf("driver connection %T lacks methods ecoscope needs", dc)
		}
		return f(&conn{ctx: ctx, dc: d})
	})
}

func namedValues(args []any) []driver.NamedValue {
	if len(args) == 0 {
		return nil
	}
	nv := make([]driver.NamedValue, len(args))
	for i, v := range args {
		nv[i] = driver.NamedValue{Ordinal: i + 1, Value: v}
	}
	return nv
}

// exec runs a statement and returns the number of rows it changed.
func (c *conn) exec(query string, args ...any) (int64, error) {
	res, err := c.dc.ExecContext(c.ctx, query, namedValues(args))
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// each runs query and calls f with the values of every row; f must not
// keep v.
func (c *conn) each(query string, args []any, f func(v []driver.Value) error) error {
	rows, err := c.dc.QueryContext(c.ctx, query, namedValues(args))
	if err != nil {
		return err
	}
	defer rows.Close()
	v := make([]driver.Value, len(rows.Columns()))
	for {
		switch err := rows.Next(v); {
		case err == io.EOF:
			return c.err
		case err != nil:
			return err
		}
		if err := f(v); err != nil {
			return err
		}
		if c.err != nil {
			return c.err
		}
	}
}

// int, str and float return a value read; a value of another type, which
// ecoscope never writes, sets c.err, which ends the query.
func (c *conn) int(v driver.Value) int64 {
	n, ok := v.(int64)
	if !ok {
		c.fail(v, "an integer")
	}
	return n
}

func (c *conn) str(v driver.Value) string {
	s, ok := v.(string)
	if !ok {
		c.fail(v, "text")
	}
	return s
}

func (c *conn) float(v driver.Value) float64 {
	f, ok := v.(float64)
	if !ok {
		c.fail(v, "a number")
	}
	return f
}

func (c *conn) fail(v driver.Value, want string) {
	if c.err == nil {
		c.err = fmt.Errorf("stored value %v (%T) is not %s", v, v, want)
	}
}

// batchRows is the number of rows one INSERT statement writes. Many rows a
// statement make far fewer calls into the driver; at 256 rows of at most 11
// columns a statement stays well below SQLite's limit of 32766 parameters.
// 64 and 1024 rows measured no faster.
const batchRows = 256

// insert writes n rows into table with multi-row INSERT statements: one of
// batchRows rows, prepared once, and one shorter statement for the rest.
// row(i, v) sets v to the values of row i, in the order of cols. conflict
// is the ON CONFLICT clause, or "". insert returns the number of rows added
// or changed.
func (c *conn) insert(table string, cols []string, conflict string, n int, row func(i int, v []any)) (int64, error) {
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
	return c.batch(func(rows int) string {
		var s strings.Builder
		s.WriteString("INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ")
		for i := range rows {
			if i > 0 {
				s.WriteString(", ")
			}
			s.WriteString(one)
		}
		s.WriteString(" " + conflict)
		return s.String()
	}, len(cols), n, row)
}

// deleteKeys deletes the rows of table whose key (the columns cols) is one
// of n keys, batchRows keys a statement; key(i, v) sets v to key i. It
// returns the number of rows deleted.
func (c *conn) deleteKeys(table string, cols []string, n int, key func(i int, v []any)) (int64, error) {
	k := len(cols)
	one := "?"
	if k > 1 {
		one = "(" + strings.TrimSuffix(strings.Repeat("?, ", k), ", ") + ")"
	}
	return c.batch(func(rows int) string {
		var s strings.Builder
		if k == 1 {
			s.WriteString("DELETE FROM " + table + " WHERE " + cols[0] + " IN (")
		} else {
			s.WriteString("DELETE FROM " + table + " WHERE (" + strings.Join(cols, ", ") + ") IN (VALUES ")
		}
		for i := range rows {
			if i > 0 {
				s.WriteString(", ")
			}
			s.WriteString(one)
		}
		s.WriteString(")")
		return s.String()
	}, k, n, key)
}

// batch runs statement(batchRows) once per batchRows of n rows, prepared
// once, and statement(rest) for the rest; each statement takes k values a
// row, which row(i, v) sets. It returns the number of rows changed.
func (c *conn) batch(statement func(rows int) string, k, n int, row func(i int, v []any)) (int64, error) {
	args := make([]driver.NamedValue, min(n, batchRows)*k)
	for i := range args {
		args[i].Ordinal = i + 1
	}
	v := make([]any, k)
	var full driver.Stmt
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	var affected int64
	for start := 0; start < n; start += batchRows {
		rows := min(batchRows, n-start)
		for i := range rows {
			row(start+i, v)
			for j, x := range v {
				args[i*k+j].Value = x
			}
		}
		var res driver.Result
		var err error
		if rows == batchRows {
			if full == nil {
				if full, err = c.dc.PrepareContext(c.ctx, statement(batchRows)); err != nil {
					return 0, err
				}
			}
			res, err = full.(driver.StmtExecContext).ExecContext(c.ctx, args)
		} else {
			res, err = c.dc.ExecContext(c.ctx, statement(rows), args[:rows*k])
		}
		if err != nil {
			return 0, err
		}
		m, err := res.RowsAffected()
		if err != nil {
			return 0, err
		}
		affected += m
	}
	return affected, nil
}

// upsert returns the ON CONFLICT clause that updates the columns cols of
// the row with the key key when one of them differs, so that RowsAffected
// counts only rows added or changed.
func upsert(key, cols []string) string {
	var set, stored, excluded []string
	for _, c := range cols {
		set = append(set, c+" = excluded."+c)
		stored = append(stored, c)
		excluded = append(excluded, "excluded."+c)
	}
	return fmt.Sprintf("ON CONFLICT (%s) DO UPDATE SET %s WHERE (%s) IS NOT (%s)",
		strings.Join(key, ", "), strings.Join(set, ", "), strings.Join(stored, ", "), strings.Join(excluded, ", "))
}

// errBadConn marks an error after which the connection must not be used:
// database/sql then closes the connection instead of putting it back in the
// pool. The message stays that of err alone (errors.Join added a line
// "driver: bad connection" to it, which told the user nothing).
func errBadConn(err error) error { return badConn{err} }

type badConn struct{ err error }

func (e badConn) Error() string   { return e.err.Error() }
func (e badConn) Unwrap() []error { return []error{e.err, driver.ErrBadConn} }
