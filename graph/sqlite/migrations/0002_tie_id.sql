-- Ties get an id (issue 8): the id of the tie in the data set, '' for none.
-- It is part of the key of a tie, so that two ties with the same ends,
-- type and since (two projects of the same two organisations that started
-- on the same day) are kept apart when the data set tells them apart by an
-- id, and combined (before they reach the store) when it does not.
--
-- The id is kept with the type, in tie_type: a row there is now a type of
-- tie and an id, and a tie refers to it by number, as before. A tie row
-- thus keeps its seven numbers: a text column in every tie row made imports
-- 10 % slower. Most ties have no id (key ''), and ties with an id usually
-- share it with others (every pair of a project's partners).
--
-- Tables referred to by others cannot change their constraints in place:
-- both are made anew and copied, the ties keeping their numbers, in the
-- transaction of the migration.
CREATE TABLE tie_type_new (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    key  TEXT NOT NULL, -- the id of the tie in the data set, '' for none
    UNIQUE (name, key)
);
INSERT INTO tie_type_new (id, name, key) SELECT id, name, '' FROM tie_type;
CREATE TABLE tie_new (
    source    INTEGER NOT NULL REFERENCES actor (id),
    target    INTEGER NOT NULL REFERENCES actor (id),
    type      INTEGER NOT NULL REFERENCES tie_type_new (id),
    since     INTEGER NOT NULL,
    until     INTEGER NOT NULL,
    weight    REAL NOT NULL,
    directed  INTEGER NOT NULL,
    PRIMARY KEY (source, target, type, since)
) WITHOUT ROWID;
INSERT INTO tie_new (source, target, type, since, until, weight, directed)
    SELECT source, target, type, since, until, weight, directed FROM tie;
DROP TABLE tie;
DROP TABLE tie_type;
ALTER TABLE tie_type_new RENAME TO tie_type;
ALTER TABLE tie_new RENAME TO tie;
