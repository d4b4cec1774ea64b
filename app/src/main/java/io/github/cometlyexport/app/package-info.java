/**
 * The composition root: {@link io.github.cometlyexport.app.CometlyExport} builds the use cases from a
 * {@link io.github.cometlyexport.app.CometlyExportConfig}, picking the store by destination ({@code s3://…} or a
 * folder). Host applications use it from Java; the command-line interface (module {@code cli}) uses it too.
 */
package io.github.cometlyexport.app;
