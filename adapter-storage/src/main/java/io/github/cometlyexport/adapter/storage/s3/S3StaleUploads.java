package io.github.cometlyexport.adapter.storage.s3;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The clean-up of multipart uploads that runs which died left behind (they hold parts, never a visible object). A
 * store that cannot list multipart uploads (it answers 501 NotImplemented, as Cloudflare R2 and some gateways do)
 * is warned about once and not asked again: the bucket's lifecycle rule for incomplete uploads is then the only
 * clean-up, and exports go on. Thread-safe.
 */
final class S3StaleUploads {
    private static final Logger LOG = LoggerFactory.getLogger(S3StaleUploads.class);
    private final S3Client s3;
    private final S3Location location;
    /** Set once the store answered that it cannot list multipart uploads. */
    private final AtomicBoolean unsupported = new AtomicBoolean();

    S3StaleUploads(S3Client s3, S3Location location) {
        this.s3 = s3;
        this.location = location;
    }

    /**
     * Aborts the unfinished uploads of one object, where the store can list them.
     *
     * @param dataKey the object's key
     * @throws io.github.cometlyexport.port.driven.ExportStorageException when the store fails otherwise
     */
    void abort(String dataKey) {
        if (unsupported.get()) {
            return;
        }
        try {
            for (MultipartUpload stale : s3.listMultipartUploads(ListMultipartUploadsRequest.builder()
                    .bucket(location.bucket()).prefix(dataKey).build()).uploads()) {
                if (stale.key().equals(dataKey)) {
                    s3.abortMultipartUpload(AbortMultipartUploadRequest.builder().bucket(location.bucket())
                            .key(dataKey).uploadId(stale.uploadId()).build());
                }
            }
        } catch (S3Exception e) {
            if (!notImplemented(e)) {
                throw S3StorageAdapter.failure("clean up earlier uploads of", location.uri(dataKey), e);
            }
            if (unsupported.compareAndSet(false, true)) {
                LOG.warn("{} cannot list unfinished multipart uploads ({}{}), so uploads left by runs that died are "
                        + "not aborted by this tool; give the bucket a lifecycle rule that aborts incomplete "
                        + "uploads", location, e.statusCode(), e.awsErrorDetails() == null
                        || e.awsErrorDetails().errorCode() == null ? "" : " " + e.awsErrorDetails().errorCode());
            }
        } catch (SdkException e) {
            throw S3StorageAdapter.failure("clean up earlier uploads of", location.uri(dataKey), e);
        }
    }

    /** @return whether the store answered that it does not implement the operation at all (not a failure) */
    private static boolean notImplemented(S3Exception e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return e.statusCode() == 501 || e.statusCode() == 405 || "NotImplemented".equals(code)
                || "MethodNotAllowed".equals(code);
    }
}
