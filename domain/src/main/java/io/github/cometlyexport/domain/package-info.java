/**
 * The pure rules of a Cometly event export: the job lifecycle ({@link io.github.cometlyexport.domain.ExportJob}),
 * the expiry of presigned download links ({@link io.github.cometlyexport.domain.DownloadUrl}), the rules of an
 * export request ({@link io.github.cometlyexport.domain.ExportRequest}), and the policies that decide when to
 * poll, when to give up and when to replace a failed job.
 *
 * <p>This package depends on the JDK only, never reads the system clock and never sleeps: time comes in as
 * arguments, and decisions go out as values.
 */
package io.github.cometlyexport.domain;
