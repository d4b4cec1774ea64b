/**
 * The {@code cometly-export} command line (picocli): {@code status}, {@code wait}, {@code download},
 * {@code export}, {@code backfill}, {@code demo} and {@code simulate}, with the configuration precedence, output
 * forms and exit codes of the command-line contract. The only package that writes to standard output and error.
 */
package io.github.cometlyexport.cli;
