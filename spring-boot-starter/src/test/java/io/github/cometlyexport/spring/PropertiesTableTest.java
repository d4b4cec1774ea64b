package io.github.cometlyexport.spring;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

/**
 * The README's Spring Boot section is true: its properties table names exactly the properties of the metadata the
 * build generated, with the same defaults, and each table's keys are the table record's; its profile pair binds.
 */
class PropertiesTableTest {
    private static final Path README = Path.of(System.getProperty("user.dir")).getParent().resolve("README.md");
    private static final String P = "cometly.export.";
    private static final Pattern TICKS = Pattern.compile("`([^`]*)`");

    private static String section() throws Exception {
        String readme = Files.readString(README);
        int start = readme.indexOf("### Spring Boot");
        assertThat(start).as("README has a Spring Boot section").isNotNegative();
        return readme.substring(start, readme.indexOf("\n## ", start));
    }

    private static List<String> ticks(String cell) {
        List<String> out = new ArrayList<>();
        Matcher m = TICKS.matcher(cell);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** @return each documented property (full name) with its documented default, or null when it is prose */
    private static Map<String, String> documented() throws Exception {
        Map<String, String> out = new HashMap<>();
        for (String line : section().lines().filter(l -> l.startsWith("| `")).toList()) {
            String[] cells = line.split("\\|");
            List<String> names = ticks(cells[1]);
            List<String> defaults = ticks(cells[2]);
            String first = names.get(0);
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i).startsWith(".")
                        ? first.substring(0, first.lastIndexOf('.')) + names.get(i) : names.get(i);
                out.put(P + name, defaults.size() == names.size() ? defaults.get(i)
                        : defaults.size() == 1 ? defaults.get(0) : null);
            }
        }
        return out;
    }

    private static Map<String, JsonObject> metadata() throws Exception {
        try (InputStream in = PropertiesTableTest.class.getResourceAsStream(
                "/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("the configuration processor wrote the metadata").isNotNull();
            return Json.createReader(in).readObject().getJsonArray("properties").stream()
                    .map(JsonValue::asJsonObject).collect(Collectors.toMap(o -> o.getString("name"), o -> o));
        }
    }

    @Test
    void givenTheReadmeTable_whenHeldToTheMetadata_thenTheSamePropertiesWithTheSameDefaults() throws Exception {
        Map<String, String> documented = documented();
        Map<String, JsonObject> metadata = metadata();
        Set<String> plain = new TreeSet<>(documented.keySet());
        plain.removeIf(n -> n.contains("<name>"));
        Set<String> generated = new TreeSet<>(metadata.keySet());
        generated.remove(P + "tables");
        assertThat(plain).isEqualTo(generated);
        for (String name : plain) {
            JsonValue value = metadata.get(name).get("defaultValue");
            String shown = value == null ? null : value.getValueType() == JsonValue.ValueType.STRING
                    ? metadata.get(name).getString("defaultValue") : value.toString();
            if (shown != null) {
                assertThat(documented.get(name)).as(name + "'s default").isEqualTo(shown);
            }
        }
        assertThat(metadata).containsKey(P + "tables");
        assertThat(metadata.get(P + "api-key").getString("description")).isNotBlank();
    }

    @Test
    void givenTheReadmeTableRows_whenHeldToTheTableRecord_thenEveryKeyAndDefaultIsTrue() throws Exception {
        Set<String> documented = documented().keySet().stream().filter(n -> n.contains("<name>"))
                .map(n -> n.substring(n.lastIndexOf('.') + 1)).collect(Collectors.toCollection(TreeSet::new));
        Set<String> components = Arrays.stream(CometlyExportProperties.Table.class.getRecordComponents())
                .map(c -> c.getName().replaceAll("([A-Z])", "-$1").toLowerCase())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(documented).isEqualTo(components);

        CometlyExportProperties bound = bind(Map.of(P + "tables.t.destination", "d"));
        CometlyExportProperties.Table t = bound.tables().get("t");
        Map<String, String> defaults = documented();
        assertThat(t.dataset()).isEqualTo(defaults.get(P + "tables.<name>.dataset"));
        assertThat(String.valueOf(t.includeCometTokens()))
                .isEqualTo(defaults.get(P + "tables.<name>.include-comet-tokens"));
        assertThat(t.eventNames()).isNull();
    }

    @Test
    void givenTheReadmeProfilePair_whenBound_thenDevIsTheSimulatorAndAFolderAndProdIsS3AndTheDataSource()
            throws Exception {
        String section = section();
        int yaml = section.indexOf("```yaml\n");
        String text = section.substring(yaml + 8, section.indexOf("```", yaml + 8));
        List<PropertySource<?>> docs = new YamlPropertySourceLoader().load("readme",
                new ByteArrayResource(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(docs).hasSize(3);
        CometlyExportProperties dev = bind(merged(docs.get(0), docs.get(1)));
        CometlyExportProperties prod = bind(merged(docs.get(0), docs.get(2)));

        assertThat(dev.ledger()).isEqualTo("none");
        assertThat(dev.baseUrl().getHost()).isEqualTo("127.0.0.1");
        assertThat(dev.tables().get("events").destination()).isEqualTo("./exports");
        assertThat(dev.tables().get("events").eventNames()).containsExactly("purchase");
        assertThat(prod.ledger()).isEqualTo(CometlyExportProperties.DATASOURCE_LEDGER);
        assertThat(prod.tables().get("events").destination()).startsWith("s3://");
        assertThat(prod.baseUrl().toString()).isEqualTo("https://app.cometly.com/public-api/v1");
        assertThat(prod.schedule().refreshDays()).isEqualTo(2);
        PropertyChecks.config(withKey(dev), false);
        PropertyChecks.config(withKey(prod), false);
    }

    private static Map<String, Object> merged(PropertySource<?> base, PropertySource<?> profile) {
        Map<String, Object> out = new HashMap<>();
        for (PropertySource<?> s : List.of(base, profile)) {
            for (String name : ((org.springframework.core.env.EnumerablePropertySource<?>) s).getPropertyNames()) {
                out.put(name, String.valueOf(s.getProperty(name)));
            }
        }
        return out;
    }

    private static CometlyExportProperties bind(Map<String, ?> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("cometly.export",
                CometlyExportProperties.class);
    }

    private static CometlyExportProperties withKey(CometlyExportProperties p) {
        return new CometlyExportProperties(p.enabled(), "readme_key_1", p.baseUrl(), p.spaceZone(), p.settle(),
                p.statusRate(), p.createRate(), p.timeout(), p.maxAttempts(), p.downloadTimeout(), p.ledger(),
                p.verify(), p.format(), p.tables(), p.schedule(), p.health(), p.shutdownGrace());
    }
}
