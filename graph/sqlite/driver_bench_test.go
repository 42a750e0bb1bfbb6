package sqlite

import (
	"context"
	"database/sql/driver"
	"path/filepath"
	"testing"
)

// BenchmarkDriverInsert measures what bounds an import: how fast the driver
// takes rows through conn.insert, 256 a statement, in one transaction. The
// rows go into a table like tie (a WITHOUT ROWID table keyed on its first
// four columns), in key order; "values" rows have eight integer or eight
// text columns and no key.
func BenchmarkDriverInsert(b *testing.B) {
	const rows = 100_000
	for _, c := range []struct {
		name, table string
		cols        []string
		row         func(i int, v []any)
	}{
		{"tie-rows", "t (source INTEGER NOT NULL, target INTEGER NOT NULL, type INTEGER NOT NULL, since INTEGER NOT NULL, until INTEGER NOT NULL, weight REAL NOT NULL, directed INTEGER NOT NULL, PRIMARY KEY (source, target, type, since)) WITHOUT ROWID",
			[]string{"source", "target", "type", "since", "until", "weight", "directed"},
			func(i int, v []any) {
				v[0], v[1], v[2], v[3], v[4], v[5], v[6] = int64(i/10+1), int64(i%10+100000), int64(1), int64(20190315), int64(0), 2.5, false
			}},
		{"int-values", "t (a, b, c, d, e, f, g, h)", []string{"a", "b", "c", "d", "e", "f", "g", "h"},
			func(i int, v []any) {
				for j := range v {
					v[j] = int64(123456789 + i)
				}
			}},
		{"text-values", "t (a, b, c, d, e, f, g, h)", []string{"a", "b", "c", "d", "e", "f", "g", "h"},
			func(i int, v []any) {
				for j := range v {
					v[j] = "collaboration"
				}
			}},
	} {
		b.Run(c.name, func(b *testing.B) {
			ctx := context.Background()
			s, err := Open(ctx, filepath.Join(b.TempDir(), "driver.db"))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			b.ResetTimer()
			for range b.N {
				err := s.withConn(ctx, func(cn *conn) error {
					if _, err := cn.exec("CREATE TABLE " + c.table); err != nil {
						return err
					}
					tx, err := cn.dc.BeginTx(ctx, driver.TxOptions{})
					if err != nil {
						return err
					}
					defer tx.Rollback()
					_, err = cn.insert("t", c.cols, "", rows, c.row)
					if err != nil {
						return err
					}
					if err := tx.Commit(); err != nil {
						return err
					}
					_, err = cn.exec("DROP TABLE t")
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			sec := b.Elapsed().Seconds() / float64(b.N)
			b.ReportMetric(rows/sec, "rows/s")
			b.ReportMetric(sec/float64(rows*len(c.cols))*1e9, "ns/value")
		})
	}
}
