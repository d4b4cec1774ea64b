/**
 * Driven ports: what the core needs from the world (the Cometly API, the download host, a store, a line decoder,
 * a way to sleep), and the {@link io.github.cometlyexport.port.driven.ExportException} family that every adapter
 * throws instead of its library's exceptions. Nothing here names a library type.
 */
package io.github.cometlyexport.port.driven;
