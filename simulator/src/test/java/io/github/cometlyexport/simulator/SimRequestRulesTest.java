package io.github.cometlyexport.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulator's own reading of the create rules, independent of the client's validation. */
class SimRequestRulesTest {
    private static SimRequestRules.Checked check(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            JsonObject body = reader.readObject();
            return SimRequestRules.check(body);
        }
    }

    @Test
    void givenFullValidBody_whenChecked_thenDayAndFieldsAreKept() {
        SimRequestRules.Checked c = check("{\"date\":\"2024-02-29\",\"query_mode\":\"company\",\"event_names\":"
                + "[\"purchase\",\"custom_event_50\"],\"sources\":[\"email\"],\"attribution_model\":\"u_shaped\","
                + "\"attribution_window\":0,\"fields\":[\"amount\",\"email\"]}");
        assertThat(c.errors()).isEmpty();
        assertThat(c.request()).isEqualTo(SimRequest.events(LocalDate.of(2024, 2, 29), List.of("amount", "email"),
                List.of("purchase", "custom_event_50")));
    }

    @Test
    void givenEveryRuleBroken_whenChecked_thenEachFieldHasItsError() {
        SimRequestRules.Checked c = check("{\"date\":\"2023-02-29\",\"query_mode\":\"team\",\"event_names\":"
                + "[\"nope\",\"custom_event_51\",\"nope\"],\"sources\":[\"Email\"],\"attribution_window\":3,"
                + "\"fields\":[]}");
        assertThat(c.request()).isNull();
        assertThat(c.errors()).containsOnlyKeys("date", "query_mode", "event_names", "sources", "attribution_model",
                "attribution_window", "fields");
        assertThat(c.errors().get("event_names")).hasSize(4);
    }

    @Test
    void givenElevenEventNamesOrWrongTypes_whenChecked_thenRefused() {
        String eleven = "\"purchase\",\"sign_up\",\"contact\",\"schedule\",\"subscribe\",\"lead_generated\","
                + "\"add_to_cart\",\"start_trial\",\"upsell_purchase\",\"view_content\",\"custom_event_1\"";
        assertThat(check("{\"date\":\"2024-01-15\",\"event_names\":[" + eleven + "]}").errors())
                .containsOnlyKeys("event_names");
        assertThat(check("{\"date\":20240115,\"fields\":\"amount\",\"attribution_window\":\"7\"}").errors())
                .containsOnlyKeys("date", "fields", "attribution_window");
        assertThat(check("{}").errors()).containsOnlyKeys("date");
    }

    private static SimRequestRules.Checked contacts(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return SimRequestRules.checkContacts(reader.readObject());
        }
    }

    @Test
    void givenDocumentedContactBody_whenChecked_thenRangeAndOptionsAreKept() {
        SimRequestRules.Checked c = contacts("{\"start_date\":\"2024-01-15 00:00:00\",\"end_date\":"
                + "\"2024-01-15 23:59:59\",\"include_comet_tokens\":1,\"include_all_emails\":0}");
        assertThat(c.errors()).isEmpty();
        assertThat(c.request().contacts()).isTrue();
        assertThat(c.request().tokens()).isTrue();
        assertThat(c.request().emails()).isFalse();
        assertThat(c.request().end()).isEqualTo(java.time.LocalDateTime.of(2024, 1, 15, 23, 59, 59));
    }

    @Test
    void givenBrokenContactBody_whenChecked_thenEveryFieldHasItsError() {
        SimRequestRules.Checked c = contacts("{\"start_date\":\"2024-01-15\",\"end_date\":\"2024-01-14 10:00:00\","
                + "\"include_comet_tokens\":true,\"date\":\"2024-01-15\"}");
        assertThat(c.request()).isNull();
        assertThat(c.errors()).containsOnlyKeys("start_date", "include_comet_tokens", "date");
        SimRequestRules.Checked backwards = contacts("{\"start_date\":\"2024-01-15 10:00:00\",\"end_date\":"
                + "\"2024-01-15 09:00:00\"}");
        assertThat(backwards.errors()).containsOnlyKeys("end_date");
        assertThat(contacts("{}").errors()).containsOnlyKeys("start_date", "end_date");
    }

    private static SimRequestRules.Checked companies(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return SimRequestRules.checkCompanies(reader.readObject());
        }
    }

    @Test
    void givenDocumentedCompanyBody_whenChecked_thenRangeKeptAsACompanyExport() {
        SimRequestRules.Checked c = companies("{\"start_date\":\"2024-02-29 00:00:00\",\"end_date\":"
                + "\"2024-02-29 23:59:59\"}");
        assertThat(c.errors()).isEmpty();
        assertThat(c.request().dataset()).isEqualTo(SimRequest.COMPANIES);
        assertThat(c.request().contacts()).isFalse();
        assertThat(c.request().start()).isEqualTo(java.time.LocalDateTime.of(2024, 2, 29, 0, 0, 0));
        assertThat(c.request().end()).isEqualTo(java.time.LocalDateTime.of(2024, 2, 29, 23, 59, 59));
    }

    @Test
    void givenBrokenCompanyBody_whenChecked_thenEveryFieldHasItsErrorAndNoOptionIsAllowed() {
        SimRequestRules.Checked c = companies("{\"start_date\":\"2023-02-29 00:00:00\",\"end_date\":7,"
                + "\"include_comet_tokens\":1,\"query_mode\":\"company\"}");
        assertThat(c.request()).isNull();
        assertThat(c.errors()).containsOnlyKeys("start_date", "end_date", "include_comet_tokens", "query_mode");
        assertThat(c.errors().get("include_comet_tokens")).containsExactly(
                "The include_comet_tokens field is not allowed for company exports.");
        assertThat(companies("{\"start_date\":\"2024-01-15 10:00:00\",\"end_date\":\"2024-01-15 10:00:00\"}")
                .errors()).containsOnlyKeys("end_date");
        assertThat(companies("{\"date\":\"2024-01-15\"}").errors()).containsOnlyKeys("start_date", "end_date",
                "date");
    }
}
