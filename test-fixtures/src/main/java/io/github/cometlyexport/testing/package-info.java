/**
 * Test helpers shared by several modules' tests (test scope only): {@link io.github.cometlyexport.testing.FakeSleeps}
 * (waits that move a test clock instead of passing), {@link io.github.cometlyexport.testing.S3ProxyServer} (a real
 * S3 protocol server on loopback) and {@link io.github.cometlyexport.testing.ForkedJvm} (runs a probe in a
 * small-heap JVM and reads its peak heap). Depends on none of the project's modules.
 */
package io.github.cometlyexport.testing;
