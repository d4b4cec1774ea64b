/**
 * Export files in S3 or an S3-compatible store (MinIO, Ceph, S3Proxy):
 * {@link io.github.cometlyexport.adapter.storage.s3.S3StorageAdapter}, through the AWS SDK for Java v2.
 */
package io.github.cometlyexport.adapter.storage.s3;
