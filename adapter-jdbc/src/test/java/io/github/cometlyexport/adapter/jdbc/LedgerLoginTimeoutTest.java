package io.github.cometlyexport.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.cometlyexport.port.driven.ExportLedgerException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL ledger whose server accepts the connection and never answers (a proxy in front of a stopped
 * database, a hung host) fails the run with a ledger error instead of hanging it: pgjdbc waits forever unless told
 * otherwise, and a cron line must end.
 */
class LedgerLoginTimeoutTest {

    @Test
    void givenAServerThatAcceptsAndNeverAnswers_whenTheLedgerIsOpened_thenItFailsWithinTheLoginTimeout()
            throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!silent.isClosed()) {
                    try {
                        held.add(silent.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String url = "jdbc:postgresql://u:secretpass@127.0.0.1:" + silent.getLocalPort() + "/ledger";
            assertTimeoutPreemptively(Duration.ofSeconds(LedgerDatabase.LOGIN_TIMEOUT_SECONDS * 3L), () ->
                    assertThatThrownBy(() -> LedgerDatabase.open(url, Map.of(), Clock.systemUTC()))
                            .isInstanceOf(ExportLedgerException.class)
                            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secretpass")));
            assertThat(held).as("the driver did reach the server").isNotEmpty();
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
