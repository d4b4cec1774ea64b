package io.github.cometlyexport.cli;

import io.github.cometlyexport.app.CometlyExport;
import io.github.cometlyexport.app.ExportTable;
import io.github.cometlyexport.domain.StoredFormat;
import picocli.CommandLine.Option;

/** Where exports go, and how strictly they are checked on the way. */
final class DestinationOptions {
    @Option(names = "--out", required = true, paramLabel = "DEST", description = "A local folder, or "
            + "s3://bucket/prefix.")
    String out;

    @Option(names = "--s3-endpoint", paramLabel = "URL", description = "An S3-compatible endpoint (MinIO, Ceph…).")
    String s3Endpoint;

    @Option(names = "--s3-path-style", description = "Address buckets by path (S3-compatible stores).")
    boolean s3PathStyle;

    @Option(names = "--format", defaultValue = "gzip", paramLabel = "gzip|ndjson|parquet", description = "How files "
            + "are stored: gzip (as downloaded, default), ndjson (decompressed) or parquet (typed columns plus one "
            + "JSON column of every other key, ZSTD); verification of the download is the same.")
    String format;

    @Option(names = "--verify", defaultValue = "json", paramLabel = "json|shape", description = "How each line is "
            + "checked: json (full syntax, default; on other cores while the download inflates, so it costs next to "
            + "nothing on two cores or more) or shape (one {…} per line, not parsed: saves CPU on one core). Gzip "
            + "integrity, length and SHA-256 are always checked.")
    String verify;

    /**
     * @param cometly the run's client
     * @return the table {@code --out} and {@code --format} name (both checked by {@link ConfigResolver} before)
     */
    ExportTable table(CometlyExport cometly) {
        return cometly.table(out, StoredFormat.fromName(format).orElse(StoredFormat.GZIP));
    }
}
