package graph

import (
	"context"
	"errors"
)

// Query selects what a Store loads: the snapshot at a date (zero: every
// record whatever its dates) and/or the subtree of one unit (empty: all).
type Query struct {
	At   Date
	Unit string
}

// ImportOptions tune Store.Import.
type ImportOptions struct {
	// Replace makes the store hold exactly the data set: the stored
	// records that it lacks are deleted, in the same transaction, and the
	// rest is matched as without Replace (so ImportStats still says what is
	// new, changed and unchanged). Without it an import is an upsert.
	Replace bool
}

// ImportStats says what an import changed, per kind of record.
type ImportStats struct {
	Added     Counts `json:"added"`
	Updated   Counts `json:"updated"`
	Unchanged Counts `json:"unchanged"`
}

// Store persists ecosystems. Every implementation passes the conformance
// suite in package graph/storetest.
type Store interface {
	// Import writes e in one atomic unit of work: all of it or, on error,
	// nothing. Records are matched on their natural keys (the id of a
	// partner, person or unit; TieKey of a tie; MembershipKey of a
	// membership; all fields of a value record): a record already stored
	// unchanged is left alone, a changed one is updated and a new one is
	// added. So importing the same data twice changes nothing. e must have
	// been validated (Ecosystem.Validate, which also combines records with
	// one key) and be free of errors; a data set in which two records share
	// a key is an error wrapping ErrInvalid. A reference to a record that neither e nor
	// (without Replace) the store holds is an error wrapping ErrInvalid,
	// and nothing is written.
	Import(ctx context.Context, e *Ecosystem, opts ImportOptions) (ImportStats, error)
	// Load reads the records that q selects. A q.Unit that names no unit is
	// a *NotFoundError.
	Load(ctx context.Context, q Query) (*Ecosystem, error)
	// Counts returns the number of records stored of each kind.
	Counts(ctx context.Context) (Counts, error)
	// Close releases the store.
	Close() error
	// MetricHistory keeps the runs of `ecoscope metrics --save`. The
	// history is not part of the data set: an import, with Replace too,
	// leaves it as it is.
	MetricHistory
}

// ErrInvalid is wrapped by Store.Import errors for data that does not
// validate.
var ErrInvalid = errors.New("invalid data")

// Load applies q to e in memory: the snapshot at q.At, then the subtree of
// q.Unit. Stores may use it after reading what they must.
func (e *Ecosystem) Load(q Query) (*Ecosystem, error) {
	out := e.At(q.At)
	if q.Unit != "" {
		if _, ok := NewIndex(e).Unit[q.Unit]; !ok {
			// The NotFoundError, with the closest ids of every unit, not
			// only of those active at q.At.
			return e.Subtree(q.Unit)
		}
		if _, ok := NewIndex(out).Unit[q.Unit]; !ok {
			// The unit exists but not at this date: an empty data set.
			return &Ecosystem{Name: e.Name}, nil
		}
		return out.Subtree(q.Unit)
	}
	return out, nil
}
