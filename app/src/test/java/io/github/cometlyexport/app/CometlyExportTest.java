package io.github.cometlyexport.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cometlyexport.adapter.storage.local.LocalFileStorageAdapter;
import io.github.cometlyexport.domain.ApiKey;
import io.github.cometlyexport.domain.StoredFormat;
import java.net.URI;
import java.nio.file.Path;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client hands out tables and closes only what it made. No request is sent: building one calls nothing. */
class CometlyExportTest {
    @TempDir
    Path dir;

    private final CometlyExportConfig config = CometlyExportConfig.builder(new ApiKey("client_key_0123456789"))
            .baseUrl(URI.create("http://127.0.0.1:9/public-api/v1")).build();

    @Test
    void givenOneDestination_whenTakenTwice_thenTheSameTableAndAnotherFormatIsAnother() {
        try (CometlyExport cometly = CometlyExport.create(config)) {
            String folder = dir.resolve("out").toString();
            ExportTable table = cometly.table(folder);
            assertThat(cometly.table(folder)).isSameAs(table);
            assertThat(cometly.table(folder, StoredFormat.NDJSON)).isNotSameAs(table);
            assertThat(table.location()).isEqualTo(dir.resolve("out").toAbsolutePath().normalize().toString());
        }
    }

    @Test
    void givenAHostStore_whenGivenToTheBuilder_thenTheDefaultTableWritesThere() {
        LocalFileStorageAdapter store = new LocalFileStorageAdapter(dir.resolve("host"));
        try (CometlyExport cometly = CometlyExport.builder(config).store(store).build()) {
            assertThat(cometly.table().store()).isSameAs(store);
            assertThat(cometly.table()).isSameAs(cometly.table(store));
        }
    }

    @Test
    void givenNoStore_whenTheDefaultTableIsAsked_thenTheErrorSaysWhatToDo() {
        try (CometlyExport cometly = CometlyExport.create(config)) {
            assertThatThrownBy(cometly::table).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("CometlyExportBuilder.store");
        }
    }

    @Test
    void givenBadDestinations_whenTaken_thenRefusedClearly() {
        try (CometlyExport cometly = CometlyExport.create(config)) {
            assertThatThrownBy(() -> cometly.table(" ")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("destination");
            assertThatThrownBy(() -> cometly.table("s3://")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void givenAHostHttpClient_whenTheClientCloses_thenTheHostsStaysOpenAndTablesAreRefused() throws Exception {
        try (CloseableHttpClient host = HttpClients.createDefault()) {
            CometlyExport cometly = CometlyExport.builder(config).httpClient(host).build();
            cometly.table(dir.resolve("out").toString());
            cometly.close();
            cometly.close();
            assertThatThrownBy(() -> cometly.table(dir.resolve("other").toString()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
            // A closed pool refuses to execute; the host's still serves (its own error is a refused connection).
            assertThatThrownBy(() -> host.execute(new org.apache.hc.client5.http.classic.methods.HttpGet(
                    "http://127.0.0.1:9/"), r -> r.getCode()))
                    .isInstanceOf(java.io.IOException.class).isNotInstanceOf(IllegalStateException.class)
                    .hasMessageNotContaining("shut down");
        }
    }
}
