package io.github.cometlyexport.cli;

import picocli.CommandLine.Option;

/** When a day counts as closed: the Space's time zone and the settle time for late events. */
final class DayOptions {
    @Option(names = "--space-zone", paramLabel = "ZONE", description = "The Space's time zone, e.g. "
            + "America/Los_Angeles (COMETLY_SPACE_ZONE; default: UTC-12, the latest on earth, so that no day is cut "
            + "short).")
    String spaceZone;

    @Option(names = "--settle", paramLabel = "DURATION", description = "How long after a day ends before it counts "
            + "as closed, for late events (COMETLY_SETTLE; default 2h).")
    String settle;
}
