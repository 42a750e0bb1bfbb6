-- Ties get an id (issue 8): the id of the tie in the data set, '' for none.
-- It is part of the key, so that two ties with the same ends, type and
-- since (two projects of the same two organisations that started on the
-- same day) are kept apart when the data set tells them apart by an id,
-- and combined (before they reach the store) when it does not.
--
-- A WITHOUT ROWID table cannot change its primary key: the table is made
-- anew and the ties copied, all in the transaction of the migration.
CREATE TABLE tie_new (
    source    INTEGER NOT NULL REFERENCES actor (id),
    target    INTEGER NOT NULL REFERENCES actor (id),
    key       TEXT NOT NULL, -- the id in the data set, '' for none
    type      INTEGER NOT NULL REFERENCES tie_type (id),
    since     INTEGER NOT NULL,
    until     INTEGER NOT NULL,
    weight    REAL NOT NULL,
    directed  INTEGER NOT NULL,
    PRIMARY KEY (source, target, key, type, since)
) WITHOUT ROWID;
INSERT INTO tie_new (source, target, key, type, since, until, weight, directed)
    SELECT source, target, '', type, since, until, weight, directed FROM tie;
DROP TABLE tie;
ALTER TABLE tie_new RENAME TO tie;
