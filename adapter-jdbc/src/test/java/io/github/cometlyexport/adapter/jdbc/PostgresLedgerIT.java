package io.github.cometlyexport.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cometlyexport.port.driven.ExportLedgerException;
import io.github.cometlyexport.testing.PostgresServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ledger contract on a real PostgreSQL (embedded, one server for the test JVM, a database per test). */
class PostgresLedgerIT extends TrackExportDaysPortContract {
    private final PostgresServer server = PostgresServer.shared();
    private String database;

    @Override
    LedgerDatabase newDatabase() {
        database = server.newDatabase();
        // The test moves time by hand; in production PostgreSQL's own clock is used.
        return LedgerDatabase.open(server.jdbcUrl(database), Map.of(), clock).onClock(clock);
    }

    @Override
    LedgerDatabase reopen() {
        return LedgerDatabase.open(server.jdbcUrl(database), Map.of(), clock).onClock(clock);
    }

    @Test
    void givenPasswordInTheUrl_whenTheLedgerFails_thenThePasswordIsNotInTheMessage() {
        String url = server.jdbcUrl(database).replace("user=postgres", "user=nobody_here&password=s3cret-pw");
        assertThatThrownBy(() -> LedgerDatabase.open(url, Map.of(), clock))
                .isInstanceOfSatisfying(ExportLedgerException.class, e -> {
                    assertThat(e.getMessage()).doesNotContain("s3cret-pw").contains("password=***");
                });
    }

    @Test
    void givenUserInfoInTheUrl_whenOpened_thenItConnectsAsThatUser() {
        // The form psql and DATABASE_URL use; the embedded server trusts loopback, so any password is accepted.
        String url = "jdbc:postgresql://postgres:secret%40pass@127.0.0.1:" + server.port() + "/" + database;
        try (LedgerDatabase db = LedgerDatabase.open(url, Map.of(), clock)) {
            assertThat(new JdbcLedgerAdapter(db, TTL, "c").read(day("2024-03-01"))).isEmpty();
            assertThat(db.describe()).doesNotContain("secret").contains("127.0.0.1:" + server.port());
        }
    }

    @Test
    void givenUserInfoInTheUrl_whenTheLedgerIsUnreachable_thenNoMessageHoldsThePassword() {
        for (String url : List.of("jdbc:postgresql://u:secretpass@127.0.0.1:1/db",
                "jdbc:postgresql://u:secretpass@127.0.0.1:" + server.port() + "/no_such_db",
                "jdbc:postgresql://u:secretpass@127.0.0.1:notaport/db",
                "jdbc:postgresql://u:secret%zzpass@127.0.0.1/db")) {
            assertThatThrownBy(() -> LedgerDatabase.open(url, Map.of(), clock)).as(url)
                    .isInstanceOfSatisfying(ExportLedgerException.class, e -> {
                        for (Throwable t = e; t != null; t = t.getCause()) {
                            assertThat(t.getMessage()).doesNotContain("secretpass").doesNotContain("secret%zzpass")
                                    .doesNotContain("zzpass");
                        }
                    });
        }
    }

    @Test
    void givenPasswordFromTheEnvironment_whenTheLedgerFails_thenThePasswordIsNotInTheMessage() {
        String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/no_such_db";
        assertThatThrownBy(() -> LedgerDatabase.open(url, Map.of("PGUSER", "nobody", "PGPASSWORD", "env-secret"),
                clock)).isInstanceOfSatisfying(ExportLedgerException.class,
                        e -> assertThat(e.getMessage()).doesNotContain("env-secret"));
    }

    @Test
    void givenHostDataSource_whenUsed_thenMigratedAndShared() {
        LedgerDatabase host = LedgerDatabase.of(server.dataSource(database), clock).onClock(clock);
        assertThat(new JdbcLedgerAdapter(host, TTL, "host").claim(day("2024-03-01"))).isPresent();
        assertThat(b.read(day("2024-03-01")).orElseThrow().holder()).isEqualTo("host");
    }
}
