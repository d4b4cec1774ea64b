package io.github.cometlyexport.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void givenRequestBody_whenParsed_thenTypesAreKept() {
        Object v = Json.parse(" {\"date\":\"2024-01-15\",\"n\":7,\"x\":1.5,\"a\":[\"p\",\"q\"],\"t\":true,\"z\":null,"
                + "\"s\":\"tab\\t\\u00fc\\\"\"} ");
        assertThat(v).isEqualTo(new java.util.LinkedHashMap<>(Map.of("date", "2024-01-15", "n", 7L, "x", 1.5,
                "a", List.of("p", "q"), "t", true, "s", "tab\tü\"")) {
            {
                put("z", null);
            }
        });
    }

    @Test
    void givenBrokenJson_whenParsed_thenPositionIsNamed() {
        assertThatThrownBy(() -> Json.parse("{\"a\":}")).hasMessageContaining("at character 5");
        assertThatThrownBy(() -> Json.parse("{} x")).hasMessageContaining("after the JSON value");
        assertThatThrownBy(() -> Json.parse("{\"a\":\"unterminated")).hasMessageContaining("end of input");
    }

    @Test
    void givenSpecialCharacters_whenQuoted_thenEscaped() {
        assertThat(Json.quote("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
    }
}
