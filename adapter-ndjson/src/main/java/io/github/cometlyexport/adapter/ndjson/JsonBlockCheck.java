package io.github.cometlyexport.adapter.ndjson;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

/**
 * Checks one block of whole lines with Jackson's byte-level streaming parser: every non-blank line must hold exactly
 * one JSON object, begun and ended on that line. Tokens are walked and skipped, never turned into strings or
 * numbers, so the cost is the syntax check itself. Stateless and thread-safe.
 */
final class JsonBlockCheck implements BlockCheck {
    private final JsonFactory factory = JsonFactory.builder().build();

    @Override
    public Result check(byte[] block, int length) throws BadLine {
        int previousLine = 0;
        int open = 0;
        long objects = 0;
        try (JsonParser parser = factory.createParser(ObjectReadContext.empty(), block, 0, length)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                int line = parser.currentTokenLocation().getLineNr();
                if (token != JsonToken.START_OBJECT) {
                    throw new BadLine(line, "a " + kind(token) + " instead of an object");
                }
                if (line == previousLine) {
                    throw new BadLine(line, "a second object on the same line");
                }
                open = line;
                parser.skipChildren();
                if (parser.currentTokenLocation().getLineNr() != line) {
                    throw new BadLine(line, "an object over more than one line");
                }
                open = 0;
                previousLine = line;
                objects++;
            }
            return new Result(objects, parser.currentLocation().getLineNr() - 1L);
        } catch (JacksonException e) {
            // Inside an object, the object's line is the bad one (a cut line fails only at the next line or the end).
            TokenStreamLocation at = e.getLocation();
            long line = open > 0 ? open : at != null && at.getLineNr() > 0 ? at.getLineNr() : previousLine + 1L;
            throw new BadLine(line, reason(e));
        }
    }

    /** Jackson's own words, without its notes on where the parser was (the line number says that). */
    private static String reason(JacksonException e) {
        String message = String.valueOf(e.getOriginalMessage());
        int cut = message.indexOf(" (start marker at");
        message = cut >= 0 ? message.substring(0, cut) : message;
        cut = message.indexOf('\n');
        return cut >= 0 ? message.substring(0, cut) : message;
    }

    private static String kind(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> token.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
