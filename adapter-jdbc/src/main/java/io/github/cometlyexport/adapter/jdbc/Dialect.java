package io.github.cometlyexport.adapter.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** What differs between the two databases the ledger runs on. */
enum Dialect {
    SQLITE("INTEGER PRIMARY KEY AUTOINCREMENT"),
    POSTGRESQL("BIGSERIAL PRIMARY KEY");

    private final String idColumn;

    Dialect(String idColumn) {
        this.idColumn = idColumn;
    }

    static Dialect of(String productName) {
        String name = productName.toLowerCase(java.util.Locale.ROOT);
        if (name.contains("sqlite")) {
            return SQLITE;
        }
        if (name.contains("postgres")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("the ledger runs on SQLite or PostgreSQL, not " + productName);
    }

    /** @return how the migration scripts declare an increasing row id ({@code ${id_column}}) */
    String idColumn() {
        return idColumn;
    }

    /**
     * Serialises check-then-write transactions on one name (a Space's request log): PostgreSQL takes a
     * transaction-scoped advisory lock; SQLite's transactions already began with the write lock.
     */
    void lock(Connection c, String name) throws SQLException {
        if (this == POSTGRESQL) {
            try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                s.setString(1, name);
                s.execute();
            }
        }
    }

    /** @return a row lock clause for a select that is followed by an update of the same rows */
    String forUpdate() {
        return this == POSTGRESQL ? " FOR UPDATE" : "";
    }
}
