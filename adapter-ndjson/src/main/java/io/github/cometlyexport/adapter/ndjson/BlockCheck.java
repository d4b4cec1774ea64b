package io.github.cometlyexport.adapter.ndjson;

/**
 * How strictly a block of whole lines is checked ({@link JsonBlockCheck}: full JSON; {@link ShapeBlockCheck}: one
 * {@code {…}} per line). Implementations are stateless and thread-safe: blocks are checked on parser threads.
 */
interface BlockCheck {

    /** What a block held: its objects and its line breaks (to number the lines of the blocks after it). */
    record Result(long objects, long lineBreaks) {
    }

    /** The first line of a block that is not one JSON object, numbered from 1 within the block. */
    final class BadLine extends Exception {
        private static final long serialVersionUID = 1L;
        private final long line;

        BadLine(long line, String why) {
            super(why, null, false, false);
            this.line = line;
        }

        long line() {
            return line;
        }
    }

    /**
     * @param block  bytes of whole lines (the last may lack its line break only at the end of the file)
     * @param length how many bytes of {@code block}
     * @return the block's objects and line breaks
     * @throws BadLine at its first line that is not one JSON object
     */
    Result check(byte[] block, int length) throws BadLine;
}
