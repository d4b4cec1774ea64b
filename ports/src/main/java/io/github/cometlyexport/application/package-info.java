/**
 * The services that run the use cases, using only the driven ports, an injected {@link java.time.Clock}, a
 * {@link io.github.cometlyexport.port.driven.Sleeper} and a {@link java.util.random.RandomGenerator}. They never read
 * the system clock and never sleep by themselves, so tests drive them with a steppable clock and a fake sleeper.
 *
 * <p>Every service is thread-safe if its ports are; one service instance can serve many concurrent calls.
 */
package io.github.cometlyexport.application;
