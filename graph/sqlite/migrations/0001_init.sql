-- The first schema of an ecoscope store.
--
-- A date is an integer YYYYMMDD with 00 for a month or day not given, so
-- that its precision survives: 2019 is 20190000, 2019-03 is 20190300,
-- 2019-03-05 is 20190305, and 0 is no date. No day lies between 20190000
-- and 20190101, the first day of 2019, so for a day D, "since <= D" holds
-- exactly when the period since starts on or before D. Likewise until plus
-- 9999 (a year) or 99 (a month) compares with a day D like the last day of
-- until does (see activeSQL in load.go).
--
-- Strings that the data set leaves empty are '' (never NULL).

-- 'ECOS': marks the file as an ecoscope store.
PRAGMA application_id = 1162039123;

-- One row per key: 'name' is the name of the ecosystem; 'generation'
-- counts the imports, so that readers on two connections can tell that they
-- see the same data.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- actor numbers every partner and person, whose ids share one name space:
-- the ends of ties, the members of units and the reporters of value records
-- refer to the number. Each actor is a partner or (with a row in person) a
-- person.
CREATE TABLE actor (
    id  INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE -- the id in the data set
);

CREATE TABLE partner (
    actor     INTEGER PRIMARY KEY REFERENCES actor (id),
    name      TEXT NOT NULL,
    helix     TEXT NOT NULL,
    sector    TEXT NOT NULL,
    kind      TEXT NOT NULL,
    region    TEXT NOT NULL,
    since     INTEGER NOT NULL,
    until     INTEGER NOT NULL
);

CREATE TABLE person (
    actor      INTEGER PRIMARY KEY REFERENCES actor (id),
    name       TEXT NOT NULL,
    partner    INTEGER NOT NULL REFERENCES partner (actor),
    discipline TEXT NOT NULL,
    role       TEXT NOT NULL
);

CREATE TABLE unit (
    id        INTEGER PRIMARY KEY,
    key       TEXT NOT NULL UNIQUE, -- the id in the data set
    name      TEXT NOT NULL,
    level     TEXT NOT NULL,
    form      TEXT NOT NULL,
    parent    INTEGER REFERENCES unit (id) DEFERRABLE INITIALLY DEFERRED,
    challenge TEXT NOT NULL,
    cadence   TEXT NOT NULL,
    since     INTEGER NOT NULL,
    until     INTEGER NOT NULL
);

CREATE TABLE membership (
    unit      INTEGER NOT NULL REFERENCES unit (id),
    member    INTEGER NOT NULL REFERENCES actor (id),
    role      TEXT NOT NULL,
    since     INTEGER NOT NULL,
    until     INTEGER NOT NULL,
    PRIMARY KEY (unit, member, role, since)
) WITHOUT ROWID;

-- The types of tie, a small vocabulary: ties refer to them by number ('' is
-- a type too, the type of ties without one).
CREATE TABLE tie_type (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

-- A tie is known by its ends, type and since; an undirected tie is stored
-- once, from the end whose id (actor.key) sorts first. directed is 0 or 1.
CREATE TABLE tie (
    source    INTEGER NOT NULL REFERENCES actor (id),
    target    INTEGER NOT NULL REFERENCES actor (id),
    type      INTEGER NOT NULL REFERENCES tie_type (id),
    since     INTEGER NOT NULL,
    until     INTEGER NOT NULL,
    weight    REAL NOT NULL,
    directed  INTEGER NOT NULL,
    PRIMARY KEY (source, target, type, since)
) WITHOUT ROWID;

-- A value record is known by all its fields.
CREATE TABLE value_record (
    reporter    INTEGER NOT NULL REFERENCES actor (id),
    unit        INTEGER REFERENCES unit (id), -- NULL: no unit
    cycle       TEXT NOT NULL,
    capital     TEXT NOT NULL,
    level       TEXT NOT NULL,
    date        INTEGER NOT NULL,
    description TEXT NOT NULL
);
CREATE UNIQUE INDEX value_record_key ON value_record (reporter, ifnull(unit, 0), cycle, capital, level, date, description);
