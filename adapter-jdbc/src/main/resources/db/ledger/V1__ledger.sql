-- One script for both databases; ${id_column} is the one difference (LedgerDatabase sets it per database).
-- The ledger's days: one row per Space, destination, table and day. Times are epoch milliseconds.
CREATE TABLE ledger_day (
    space            TEXT    NOT NULL,
    destination      TEXT    NOT NULL,
    dataset          TEXT    NOT NULL,
    filters          TEXT    NOT NULL,
    day              TEXT    NOT NULL,
    state            TEXT    NOT NULL,
    export_id        BIGINT,
    attempts         INTEGER NOT NULL DEFAULT 0,
    holder           TEXT,
    lease_expires_ms BIGINT,
    location         TEXT,
    sha256           TEXT,
    updated_ms       BIGINT  NOT NULL,
    PRIMARY KEY (space, destination, dataset, filters, day)
);
CREATE INDEX ledger_day_by_day ON ledger_day (day);

-- Each Space's request log (a sliding log per kind of request), shared by every process of the ledger.
CREATE TABLE request_log (
    id      ${id_column},
    space   TEXT    NOT NULL,
    kind    TEXT    NOT NULL,
    at_ms   BIGINT  NOT NULL,
    granted_ms BIGINT NOT NULL,
    probe   INTEGER NOT NULL,
    settled INTEGER NOT NULL
);
CREATE INDEX request_log_by_space ON request_log (space, kind, at_ms);

-- What the server said about a Space's budget: a 429's pause, and the last X-RateLimit-Remaining.
CREATE TABLE request_budget (
    space           TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    paused_until_ms BIGINT  NOT NULL DEFAULT 0,
    cap_remaining   INTEGER,
    cap_after_id    BIGINT,
    cap_until_ms    BIGINT,
    PRIMARY KEY (space, kind)
);
