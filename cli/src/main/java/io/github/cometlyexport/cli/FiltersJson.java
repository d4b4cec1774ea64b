package io.github.cometlyexport.cli;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * A ledger day's filters ({@code DayKey.filters()}) as the JSON object {@code ledger --json} prints: the ledger
 * keeps them as one canonical text, the sorted map's {@code {name=value, name=[a, b]}}, whose values are the API's
 * identifiers, whole numbers and lists of identifiers (no commas, equals signs or brackets: the request's rules
 * allow none), so it reads back unambiguously. A text that is JSON already is taken as it is.
 */
final class FiltersJson {
    private FiltersJson() {
    }

    /** @return the filters as an object; a text of neither form is kept whole under {@code "text"} */
    static JsonObject parse(String text) {
        String t = text.strip();
        if (t.startsWith("{\"")) {
            try {
                return Json.createReader(new StringReader(t)).readObject();
            } catch (JsonException e) {
                return Json.createObjectBuilder().add("text", text).build();
            }
        }
        if (!t.startsWith("{") || !t.endsWith("}")) {
            return Json.createObjectBuilder().add("text", text).build();
        }
        JsonObjectBuilder out = Json.createObjectBuilder();
        for (String pair : topLevel(t.substring(1, t.length() - 1))) {
            int eq = pair.indexOf('=');
            if (eq < 1) {
                return Json.createObjectBuilder().add("text", text).build();
            }
            String name = pair.substring(0, eq);
            String value = pair.substring(eq + 1);
            if (value.startsWith("[") && value.endsWith("]")) {
                JsonArrayBuilder list = Json.createArrayBuilder();
                String inner = value.substring(1, value.length() - 1);
                if (!inner.isEmpty()) {
                    for (String item : inner.split(", ")) {
                        list.add(item);
                    }
                }
                out.add(name, list);
            } else if (value.matches("-?[0-9]{1,18}")) {
                out.add(name, Long.parseLong(value));
            } else {
                out.add(name, value);
            }
        }
        return out.build();
    }

    /** @return the {@code name=value} pairs, split at the commas outside brackets */
    private static List<String> topLevel(String body) {
        List<String> pairs = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                pairs.add(body.substring(from, i).strip());
                from = i + 1;
            }
        }
        if (!body.isBlank()) {
            pairs.add(body.substring(from).strip());
        }
        return pairs;
    }
}
