package io.github.cometlyexport.adapter.ndjson;

/**
 * The shape check of a block: every non-blank line's first non-blank byte is {@code {} and its last is
 * {@code }}. It counts lines at memory speed but does not parse them (a line {@code {"a":1,,}} passes).
 */
final class ShapeBlockCheck implements BlockCheck {

    @Override
    public Result check(byte[] block, int length) throws BadLine {
        long breaks = 0;
        long objects = 0;
        int first = -1;
        int last = -1;
        for (int i = 0; i <= length; i++) {
            int b = i < length ? block[i] : '\n';
            if (b == '\n') {
                if (first >= 0) {
                    if (first != '{' || last != '}') {
                        throw new BadLine(breaks + 1, "it does not begin with { and end with }");
                    }
                    objects++;
                    first = -1;
                }
                if (i < length) {
                    breaks++;
                }
            } else if (b != ' ' && b != '\t' && b != '\r') {
                if (first < 0) {
                    first = b;
                }
                last = b;
            }
        }
        return new Result(objects, breaks);
    }
}
