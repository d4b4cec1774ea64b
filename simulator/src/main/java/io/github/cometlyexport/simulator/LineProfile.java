package io.github.cometlyexport.simulator;

/**
 * What the simulator's event lines look like. The documented keys are the same in both; {@link #REALISTIC} adds what
 * real exports with touchpoints and attribution fields carry, so that benchmarks on it do not flatter a parser.
 */
public enum LineProfile {
    /**
     * About 440 bytes a line: the documented keys, a few touchpoints, a note with escapes and unicode. Quick to
     * generate; the default.
     */
    COMPACT,
    /**
     * About 700 bytes a line, like an export that asked for every field: the compact keys plus the visitor's IP
     * address, a long user agent, a unicode place name, a landing page with a campaign and a click id, and the
     * attribution model's credit per touchpoint. A million events make about 100 MB of gzip (level 6).
     */
    REALISTIC
}
