/**
 * Use cases: what a host application or the CLI asks of the core. Each {@code <Verb><Noun>UseCase} takes one
 * {@code <Verb><Noun>Command}; expected outcomes (a failed job, a give-up) come back as values, infrastructure
 * failures as {@code io.github.cometlyexport.port.driven.ExportException}s.
 */
package io.github.cometlyexport.port.driving;
