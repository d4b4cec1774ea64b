/**
 * Export files on a local disk: {@link io.github.cometlyexport.adapter.storage.local.LocalFileStorageAdapter}.
 */
package io.github.cometlyexport.adapter.storage.local;
