package io.github.cometlyexport.adapter.parquet;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One line's values, reused from line to line: the typed columns' values and the {@link TableSchema#EXTRA} object
 * as UTF-8 JSON. Used by one thread.
 */
final class Row {
    final boolean[] present;
    final String[] texts;
    final long[] longs;
    final double[] doubles;
    private byte[] extra = new byte[256];
    private int extraLength;

    Row(int columns) {
        present = new boolean[columns];
        texts = new String[columns];
        longs = new long[columns];
        doubles = new double[columns];
    }

    void clear() {
        Arrays.fill(present, false);
        Arrays.fill(texts, null);
        extraLength = 0;
    }

    /** Starts a member of the extra object: opens it, or adds a comma. */
    void openMember() {
        append((byte) (extraLength == 0 ? '{' : ','));
    }

    /** Appends a JSON string literal of {@code text} to the extra object. */
    void appendString(String text) {
        append((byte) '"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                append((byte) '\\');
                append((byte) c);
            } else if (c < 0x20) {
                appendAscii(String.format("\\u%04x", (int) c));
            } else if (c < 0x80) {
                append((byte) c);
            } else {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) >= 0x80) {
                    end++;
                }
                byte[] utf8 = text.substring(i, end).getBytes(StandardCharsets.UTF_8);
                append(utf8, 0, utf8.length);
                i = end - 1;
            }
        }
        append((byte) '"');
    }

    /** Appends ASCII text (a number, {@code true}, {@code false}, {@code null}) as it is. */
    void appendAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            append((byte) text.charAt(i));
        }
    }

    void append(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, extra, extraLength, length);
        extraLength += length;
    }

    private void append(byte b) {
        ensure(1);
        extra[extraLength++] = b;
    }

    private void ensure(int more) {
        if (extraLength + more > extra.length) {
            extra = Arrays.copyOf(extra, Math.max(extra.length * 2, extraLength + more));
        }
    }

    /** Closes the extra object; {@link #extraLength()} is 0 when the line had no other key. */
    void closeExtra() {
        if (extraLength > 0) {
            append((byte) '}');
        }
    }

    byte[] extraBytes() {
        return extra;
    }

    int extraLength() {
        return extraLength;
    }
}
