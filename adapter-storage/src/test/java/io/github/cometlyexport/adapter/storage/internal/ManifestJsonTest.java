package io.github.cometlyexport.adapter.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.ExportManifest;
import io.github.cometlyexport.domain.ExportRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestJsonTest {
    @Test
    void givenManifestWithFullRequest_whenEncodedAndDecoded_thenEqual() {
        ExportRequest request = ExportRequest.builder().date("2024-01-15").queryMode("company")
                .eventNames(List.of("purchase", "custom_event_3")).sources(List.of("email"))
                .attributionModel("linear").attributionWindow(7).fields(List.of("amount")).build();
        Instant t = Instant.parse("2024-01-16T06:00:00Z");
        ExportManifest m = new ExportManifest(new ExportJobId(5), null, request, 123, "ab".repeat(32), 9, t, t, t,
                "\"etag\"", 2, false);
        byte[] json = ManifestJson.encode(m, "\"stored\"");
        String text = new String(json, StandardCharsets.UTF_8);
        assertThat(text).contains("\"export_id\":5").contains("\"attribution_model\":\"linear\"")
                .contains("\"dataset\":\"events\"").contains("\"provisional\":false");
        assertThat(text.lines()).as("one line").hasSize(1);
        assertThat(ManifestJson.decode(json)).contains(new ManifestJson.Decoded(m, "\"stored\""));
    }

    @Test
    void givenTruncatedOrForeignJson_whenDecoded_thenNotAManifest() {
        byte[] json = ManifestJson.encode(new ExportManifest(new ExportJobId(5), null, null, 1, "0".repeat(64), 1,
                Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, null, 1, true), null);
        assertThat(ManifestJson.decode(json).orElseThrow().manifest().provisional()).isTrue();
        assertThat(ManifestJson.decode(java.util.Arrays.copyOf(json, json.length / 2))).isEmpty();
        assertThat(ManifestJson.decode("{\"format\":2}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(ManifestJson.decode("{\"format\":1}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(ManifestJson.decode("[]".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void givenConvertedFile_whenEncodedAndDecoded_thenTheSourceFactsSurvive() {
        Instant t = Instant.parse("2024-01-16T06:00:00Z");
        ExportManifest m = new ExportManifest(new ExportJobId(5), java.time.LocalDate.parse("2024-01-15"), null, 77,
                "cd".repeat(32), 9, t, t, t, null, 1, false, new ExportManifest.SourceFile(123, "AB".repeat(32)));
        byte[] json = ManifestJson.encode(m, null);
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"source_bytes\":123")
                .contains("\"source_sha256\":\"" + "ab".repeat(32) + "\"");
        ExportManifest back = ManifestJson.decode(json).orElseThrow().manifest();
        assertThat(back).isEqualTo(m);
        assertThat(back.knownSource()).contains(new ExportManifest.SourceFile(123, "ab".repeat(32)));
    }
}
