/**
 * Internal: what the local and S3 stores share (the table's layout of keys, the manifest and table JSON, SHA-256 while
 * writing). Not part of the API a host programs against: public only so that both stores can use it, and it may
 * change in any release without notice.
 */
package io.github.cometlyexport.adapter.storage.internal;
