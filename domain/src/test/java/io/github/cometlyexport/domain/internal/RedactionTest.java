package io.github.cometlyexport.domain.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What {@link Redaction#scrub} removes from text that may be printed. */
class RedactionTest {
    @Test
    void givenUrlsWithUserInfo_whenScrubbed_thenThePasswordIsGoneAndTheRestStays() {
        assertThat(Redaction.scrub("cannot open jdbc:postgresql://u:secretpass@db.example:5432/x: refused"))
                .isEqualTo("cannot open jdbc:postgresql://u:<redacted>@db.example:5432/x: refused");
        assertThat(Redaction.scrub("postgres://admin:p@ss:w0rd@host/db")).isEqualTo("postgres://admin:<redacted>@host/db");
        assertThat(Redaction.scrub("https://user:pw@host/p?X-Amz-Signature=abc"))
                .isEqualTo("https://user:<redacted>@host/p?<redacted>");
    }

    @Test
    void givenUrlsWithoutAPassword_whenScrubbed_thenPortsUsersAndPathsStay() {
        assertThat(Redaction.scrub("http://127.0.0.1:8080/v1/users/a@b.c")).isEqualTo(
                "http://127.0.0.1:8080/v1/users/a@b.c");
        assertThat(Redaction.scrub("jdbc:postgresql://u@db/x")).isEqualTo("jdbc:postgresql://u@db/x");
    }

    @Test
    void givenLiteralSecrets_whenScrubbed_thenEachIsGone() {
        assertThat(Redaction.scrub("JDBC URL invalid port number: hunter2@db", "hunter2"))
                .isEqualTo("JDBC URL invalid port number: <redacted>@db");
    }
}
