package io.github.cometlyexport.domain;

import java.util.Objects;

/**
 * An export file that a store holds complete and verified, with its manifest.
 *
 * @param manifest the verified facts about the file
 * @param location where the file is, as a user would name it: a file path or an {@code s3://bucket/key} URI
 */
public record StoredExport(ExportManifest manifest, String location) {
    /**
     * Checks that both parts are given.
     *
     * @param manifest the verified facts about the file; not null
     * @param location where the file is, as a user would name it; not null
     * @throws NullPointerException if an argument is null
     */
    public StoredExport {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(location, "location");
    }
}
