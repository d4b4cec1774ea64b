/**
 * An embeddable stand-in for Cometly's event-export API, for demos and tests: {@link
 * io.github.cometlyexport.simulator.CometlySimulator} serves the create and status endpoints with Spaces, keys,
 * both rate limits and a job timeline on one loopback port, and an S3-like download host with presigned, expiring
 * links, {@code Range}, {@code ETag} and {@code If-Match} on another. Fault knobs make it misbehave on demand; a
 * {@link io.github.cometlyexport.simulator.Journal} records every request for tests to assert on.
 *
 * <p>JDK ({@code com.sun.net.httpserver}, {@code java.util.zip}, {@code javax.crypto}) and JSON-P only. It checks
 * requests with its own rules ({@code SimRequestRules}, written from the API documentation), not the client's, so
 * that a mistake in the client's validation cannot hide behind the same mistake here. The JUnit 5 extension needs
 * {@code junit-jupiter-api} on the test classpath; nothing else does.
 */
package io.github.cometlyexport.simulator;
