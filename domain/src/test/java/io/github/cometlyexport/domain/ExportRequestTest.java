package io.github.cometlyexport.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExportRequestTest {

    private static ExportRequest.Builder valid() {
        return ExportRequest.builder().date("2024-01-15");
    }

    private static List<Violation> violationsOf(ExportRequest.Builder builder) {
        InvalidExportRequestException e = catchThrowableOfType(InvalidExportRequestException.class, builder::build);
        assertThat(e).as("expected the request to be refused").isNotNull();
        assertThat(builder.violations()).isEqualTo(e.violations());
        return e.violations();
    }

    private static List<String> fields(List<Violation> violations) {
        return violations.stream().map(Violation::field).collect(Collectors.toList());
    }

    @Test
    void givenOnlyADate_whenBuilt_thenDefaultsApply() {
        ExportRequest request = valid().build();
        assertThat(request.date()).isEqualTo(LocalDate.of(2024, 1, 15));
        assertThat(request.queryMode()).isEqualTo(QueryMode.PROFILE);
        assertThat(request.eventNames()).isEmpty();
        assertThat(request.dateText()).isEqualTo("2024-01-15");
    }

    @Test
    void givenNoDate_whenBuilt_thenDateIsRequired() {
        List<Violation> v = violationsOf(ExportRequest.builder());
        assertThat(v).containsExactly(new Violation("date", "is required (YYYY-MM-DD)"));
    }

    @Test
    void givenMalformedOrImpossibleDate_whenBuilt_thenDateNamed() {
        assertThat(violationsOf(valid().date("15/01/2024"))).singleElement()
                .satisfies(x -> assertThat(x.toString()).startsWith("date: '15/01/2024'"));
        assertThat(fields(violationsOf(valid().date("2024-02-30")))).containsExactly("date");
    }

    @Test
    void givenUnknownQueryMode_whenBuilt_thenQueryModeNamed() {
        assertThat(fields(violationsOf(valid().queryMode("person")))).containsExactly("query_mode");
        assertThat(valid().queryMode("company").build().queryMode()).isEqualTo(QueryMode.COMPANY);
    }

    @Test
    void givenElevenEventNames_whenBuilt_thenTooMany() {
        List<String> eleven = IntStream.rangeClosed(1, 11).mapToObj(i -> "custom_event_" + i).collect(Collectors.toList());
        List<Violation> v = violationsOf(valid().eventNames(eleven));
        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.field()).isEqualTo("event_names");
            assertThat(x.message()).contains("at most 10").contains("11");
        });
        assertThat(valid().eventNames(eleven.subList(0, 10)).build().eventNames()).hasSize(10);
    }

    @Test
    void givenDuplicateEventNames_whenBuilt_thenDuplicatesNamed() {
        List<Violation> v = violationsOf(valid().eventNames(List.of("purchase", "lead_generated", "purchase")));
        assertThat(v).singleElement().satisfies(x -> assertThat(x.toString()).isEqualTo(
                "event_names: duplicates are not allowed: purchase"));
    }

    @Test
    void givenUnknownEventNames_whenBuilt_thenEachNamed() {
        List<Violation> v = violationsOf(valid().eventNames(List.of("purchase", "checkout", "custom_event_51",
                "custom_event_0")));
        assertThat(v).extracting(Violation::message).hasSize(3)
                .anySatisfy(m -> assertThat(m).contains("'checkout'"))
                .anySatisfy(m -> assertThat(m).contains("'custom_event_51'"))
                .anySatisfy(m -> assertThat(m).contains("'custom_event_0'"));
        assertThat(ExportRequestRules.isKnownEventName("custom_event_50")).isTrue();
        assertThat(ExportRequestRules.isKnownEventName("custom_event_1")).isTrue();
        assertThat(ExportRequestRules.isKnownEventName("webinar_registration")).isTrue();
    }

    @Test
    void givenSixteenSources_whenBuilt_thenTooMany() {
        List<String> sixteen = IntStream.rangeClosed(1, 16).mapToObj(i -> "source_" + i).collect(Collectors.toList());
        List<Violation> v = violationsOf(valid().sources(sixteen).attributionModel("linear").attributionWindow(7));
        assertThat(v).singleElement().satisfies(x -> assertThat(x.message()).contains("at most 15").contains("16"));
    }

    @Test
    void givenDuplicateOrMalformedSources_whenBuilt_thenSourcesNamed() {
        List<Violation> v = violationsOf(valid().sources(List.of("email", "email", "Google Ads"))
                .attributionModel("linear").attributionWindow(7));
        assertThat(fields(v)).containsOnly("sources").hasSize(2);
        assertThat(v).extracting(Violation::message)
                .anySatisfy(m -> assertThat(m).contains("duplicates").contains("email"))
                .anySatisfy(m -> assertThat(m).contains("'Google Ads'"));
    }

    @Test
    void givenSourcesWithoutAttribution_whenBuilt_thenModelAndWindowRequired() {
        List<Violation> v = violationsOf(valid().sources(List.of("facebook_ads")));
        assertThat(fields(v)).containsExactly("attribution_model", "attribution_window");
        ExportRequest ok = valid().sources(List.of("facebook_ads")).attributionModel("u_shaped").attributionWindow(0)
                .build();
        assertThat(ok.attributionModel()).isEqualTo(AttributionModel.U_SHAPED);
        assertThat(ok.attributionWindow()).isZero();
    }

    @Test
    void givenUnknownAttributionModel_whenBuilt_thenModelNamedOnce() {
        List<Violation> v = violationsOf(valid().sources(List.of("email")).attributionModel("time_decay")
                .attributionWindow(7));
        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.field()).isEqualTo("attribution_model");
            assertThat(x.message()).contains("'time_decay'").contains("last_non_direct_touch");
        });
    }

    @Test
    void givenUndocumentedWindow_whenBuilt_thenWindowNamed() {
        List<Violation> v = violationsOf(valid().attributionWindow(3));
        assertThat(v).singleElement().satisfies(x -> assertThat(x.toString()).startsWith("attribution_window: must be one of")
                .endsWith("got 3"));
        for (int ok : new int[] {0, 1, 7, 14, 30, 60, 90}) {
            assertThat(valid().attributionWindow(ok).build().attributionWindow()).isEqualTo(ok);
        }
    }

    @Test
    void givenDuplicateOrMalformedFields_whenBuilt_thenFieldsNamed() {
        List<Violation> v = violationsOf(valid().fields(List.of("amount", "amount", "bad field")));
        assertThat(fields(v)).containsOnly("fields").hasSize(2);
    }

    @Test
    void givenManyProblems_whenBuilt_thenAllReportedTogether() {
        ExportRequest.Builder bad = ExportRequest.builder().date("yesterday").queryMode("people")
                .eventNames(List.of("nope", "nope")).sources(List.of("email")).attributionWindow(5)
                .fields(List.of("Amount"));
        InvalidExportRequestException e = catchThrowableOfType(InvalidExportRequestException.class, bad::build);
        assertThat(fields(e.violations())).containsExactlyInAnyOrder("date", "query_mode", "event_names",
                "event_names", "event_names", "attribution_model", "attribution_window", "fields");
        assertThat(e.getMessage()).startsWith("invalid export request (8 problems): ")
                .contains("date: (not shown) is not a calendar date").contains("query_mode:").contains("fields:");
        // A date-like mistake is echoed; a word, which could be a key typed into the wrong place, is not.
        assertThat(ExportRequest.builder().date("2024-13-01").violations()).extracting(Violation::message)
                .containsExactly("'2024-13-01' is not a calendar date in the form YYYY-MM-DD");
    }

    @Test
    void givenRecordConstructor_whenInvalid_thenSameRulesApply() {
        InvalidExportRequestException e = catchThrowableOfType(InvalidExportRequestException.class,
                () -> new ExportRequest(null, null, null, List.of("x"), null, null, null, null, false, false));
        assertThat(fields(e.violations())).containsExactly("date", "event_names");
    }

    @Test
    void givenRequest_whenRoundTrippedThroughBuilder_thenEqual() {
        ExportRequest request = valid().queryMode("company").eventNames(List.of("purchase"))
                .sources(List.of("google_ads")).attributionModel("linear_paid").attributionWindow(30)
                .fields(List.of("amount")).build();
        assertThat(request.toBuilder().build()).isEqualTo(request);
    }

    @Test
    void givenContactsOfADay_whenMapped_thenTheDocumentedBodyAndTheirOwnTable() {
        ExportRequest contacts = ExportRequest.builder().dataset(Dataset.CONTACTS).date("2024-01-15")
                .includeAllEmails(true).build();
        assertThat(contacts.wireFields()).containsExactly(java.util.Map.entry("start_date", "2024-01-15 00:00:00"),
                java.util.Map.entry("end_date", "2024-01-15 23:59:59"), java.util.Map.entry("include_all_emails", 1));
        assertThat(contacts.filters()).containsOnlyKeys("include_all_emails");
        assertThat(TableDefinition.of(contacts).dataset()).isEqualTo("contacts");
        assertThat(contacts.toBuilder().build()).isEqualTo(contacts);
    }

    @Test
    void givenEventFiltersOnContactsAndContactOptionsOnEvents_whenBuilt_thenEachIsReported() {
        List<Violation> onContacts = ExportRequest.builder().dataset(Dataset.CONTACTS).date("2024-01-15")
                .eventNames(List.of("purchase")).fields(List.of("amount")).queryMode("company").violations();
        assertThat(onContacts).extracting(Violation::field).contains("event_names", "fields", "query_mode");
        List<Violation> onEvents = ExportRequest.builder().date("2024-01-15").includeCometTokens(true)
                .includeAllEmails(true).violations();
        assertThat(onEvents).extracting(Violation::field).containsExactly("include_comet_tokens",
                "include_all_emails");
    }

    @Test
    void givenCompaniesOfADay_whenMapped_thenOnlyTheRangeAndTheirOwnTable() {
        ExportRequest companies = ExportRequest.builder().dataset(Dataset.COMPANIES).date("2024-02-29").build();
        assertThat(companies.wireFields()).containsExactly(java.util.Map.entry("start_date", "2024-02-29 00:00:00"),
                java.util.Map.entry("end_date", "2024-02-29 23:59:59"));
        assertThat(companies.filters()).isEmpty();
        assertThat(TableDefinition.of(companies).dataset()).isEqualTo("companies");
        assertThat(companies.toBuilder().build()).isEqualTo(companies);
        assertThat(Dataset.fromName("companies")).contains(Dataset.COMPANIES);
    }

    @Test
    void givenEventFiltersAndContactOptionsOnCompanies_whenBuilt_thenEveryOneIsReportedAtOnce() {
        List<Violation> all = ExportRequest.builder().dataset(Dataset.COMPANIES).date("2024-13-01")
                .eventNames(List.of("purchase")).sources(List.of("email")).attributionModel("linear")
                .attributionWindow(7).fields(List.of("amount")).queryMode("company").includeCometTokens(true)
                .includeAllEmails(true).violations();
        assertThat(all).extracting(Violation::field).containsExactlyInAnyOrder("date", "event_names", "sources",
                "attribution_model", "attribution_window", "fields", "query_mode", "include_comet_tokens",
                "include_all_emails");
        assertThat(all).filteredOn(v -> v.field().equals("event_names")).singleElement()
                .extracting(Violation::message).asString().contains("not a filter of company exports");
        assertThat(all).filteredOn(v -> v.field().equals("include_comet_tokens")).singleElement()
                .extracting(Violation::message).asString().contains("not of companies");
        assertThat(catchThrowableOfType(InvalidExportRequestException.class, () -> new ExportRequest(
                Dataset.COMPANIES, LocalDate.of(2024, 1, 15), null, List.of(), List.of(), null, null,
                List.of("amount"), true, false)).getMessage()).contains("fields").contains("include_comet_tokens");
    }

    @Test
    void givenARangeThatEndsBeforeItStarts_whenMade_thenRefused() {
        ContactRange day = ContactRange.ofDay(LocalDate.of(2024, 2, 29));
        assertThat(day.startText()).isEqualTo("2024-02-29 00:00:00");
        assertThat(day.endText()).isEqualTo("2024-02-29 23:59:59");
        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class, () -> new ContactRange(
                day.end(), day.start()));
        assertThat(e).hasMessageContaining("must be after start_date");
    }

    @Test
    void givenJobIdsOfTwoDatasets_whenCompared_thenTheyAreDifferentResources() {
        assertThat(new ExportJobId(7)).isNotEqualTo(new ExportJobId(7, Dataset.CONTACTS));
        assertThat(new ExportJobId(7).of(Dataset.CONTACTS).dataset()).isEqualTo(Dataset.CONTACTS);
        assertThat(new ExportJobId(7, Dataset.CONTACTS)).hasToString("7");
    }
}
