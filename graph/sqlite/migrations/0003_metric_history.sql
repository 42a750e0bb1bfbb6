-- The metric history (issue 11): the runs that `ecoscope metrics --save`
-- keeps, and the values of each. Runs are only ever added: a run is never
-- changed or deleted, not even by an import with --replace, so the history
-- outlives the records it describes (a partner's id is kept as text, not as
-- a reference to the table actor).
--
-- A new store and a store brought up to date get the same two tables; the
-- migration only adds, so a reader of schema 2 can still read a store at
-- schema 3 and the reverse (see readableFrom in sqlite.go).

-- One row per run, numbered 1, 2, ... in the order saved.
CREATE TABLE metric_run (
    id    INTEGER PRIMARY KEY,
    time  TEXT NOT NULL,    -- when the run was made: UTC, RFC 3339 with nine fractional digits
    at    INTEGER NOT NULL, -- the snapshot date, a date code as in 0001_init.sql (0: every record)
    unit  TEXT NOT NULL,    -- the unit whose subtree was analysed, '' for all
    ties  TEXT NOT NULL,    -- the tie source: explicit, units or all
    level TEXT NOT NULL     -- network, units or nodes
);

-- One row per value: metric of the subject (subject, key) in run. key is
-- the id of the unit or partner in the data set, '' for the network. value
-- has no declared type, so that SQLite keeps the float64 as given (a column
-- of type REAL stores -0.0 as the integer 0). Undefined values (NaN, ±Inf)
-- are not saved. The key orders the rows for the lookups of
-- `ecoscope history`: a subject's values of one metric, run by run.
CREATE TABLE metric_value (
    run     INTEGER NOT NULL REFERENCES metric_run (id),
    subject TEXT NOT NULL CHECK (subject IN ('network', 'unit', 'partner')),
    key     TEXT NOT NULL,
    metric  TEXT NOT NULL,
    value   NOT NULL CHECK (typeof(value) = 'real'),
    PRIMARY KEY (subject, key, metric, run)
) WITHOUT ROWID;
