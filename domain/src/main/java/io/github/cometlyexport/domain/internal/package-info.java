/**
 * Internal: the domain's machinery that other modules of cometly-export share (the secret scrubber, the strict gzip
 * inflater). Not part of the API a host
 * programs against: public only so that our own modules can use it, and it may change in any release without notice.
 */
package io.github.cometlyexport.domain.internal;
