/**
 * What both stores share: the Hive-style {@link io.github.cometlyexport.adapter.storage.internal.StorageLayout} and the
 * manifest's JSON form ({@link io.github.cometlyexport.adapter.storage.internal.ManifestJson}). The local and S3 stores each
 * depend on this package and never on each other.
 */
package io.github.cometlyexport.adapter.storage;
import io.github.cometlyexport.adapter.storage.internal.ManifestJson;
import io.github.cometlyexport.adapter.storage.internal.StorageLayout;

