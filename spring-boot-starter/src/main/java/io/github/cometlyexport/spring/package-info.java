/**
 * The Spring Boot starter: auto-configuration of one Cometly Space from {@code cometly.export.*} properties (the
 * client, its tables, a runner on a cron schedule with a graceful shutdown, meters and health).
 */
package io.github.cometlyexport.spring;
