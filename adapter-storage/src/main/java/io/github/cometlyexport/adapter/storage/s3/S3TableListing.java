package io.github.cometlyexport.adapter.storage.s3;

import io.github.cometlyexport.adapter.storage.internal.ManifestJson;
import io.github.cometlyexport.adapter.storage.internal.StorageLayout;
import io.github.cometlyexport.adapter.storage.internal.TableJson;
import io.github.cometlyexport.domain.Dataset;
import io.github.cometlyexport.domain.ExportManifest;
import io.github.cometlyexport.port.driven.ExportInterruptedException;
import io.github.cometlyexport.port.driven.ExportStorageException;
import io.github.cometlyexport.port.driven.InspectTablePort;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 store's side of {@link InspectTablePort}: one listing of the table's partitions (in pages of 1000 keys,
 * stopping after the range's last day), then one small read per manifest, 16 at once. Thread-safe.
 */
final class S3TableListing {
    private static final String PARTITION = "date=";
    /** Manifests read at once: round trips overlap, within the HTTP client's default pool of 50 connections. */
    private static final int READERS = 16;
    private final S3Client s3;
    private final S3Location location;

    S3TableListing(S3Client s3, S3Location location) {
        this.s3 = s3;
        this.location = location;
    }

    InspectTablePort.TableFile table(Dataset dataset) {
        String key = location.key(StorageLayout.tableFile(dataset.wireName()));
        try {
            Optional<byte[]> bytes = bytes(key);
            return new InspectTablePort.TableFile(bytes.isPresent(), bytes.flatMap(TableJson::decode).orElse(null));
        } catch (SdkException e) {
            throw S3StorageAdapter.failure("read", location.uri(key), e);
        }
    }

    List<InspectTablePort.Partition> partitions(Dataset dataset, LocalDate from, LocalDate to) {
        // The prefix ends before "date=": some S3-compatible stores (S3Proxy) match no key to a prefix holding '='.
        String prefix = location.key(dataset.wireName() + "/");
        Map<LocalDate, Map<String, Long>> visible = new TreeMap<>();
        Map<LocalDate, String> manifests = new TreeMap<>();
        try {
            // No StartAfter: S3-compatible stores differ on a marker that is not a key (S3Proxy lists nothing).
            ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(location.bucket()).prefix(prefix)
                    .build();
            outer:
            for (var page : s3.listObjectsV2Paginator(request)) {
                for (S3Object o : page.contents()) {
                    String rest = o.key().substring(prefix.length());
                    int slash = rest.indexOf('/');
                    LocalDate day = slash < 0 ? null : day(rest.substring(0, slash));
                    if (day == null || day.isBefore(from)) {
                        continue;
                    }
                    if (day.isAfter(to)) {
                        break outer;
                    }
                    String name = rest.substring(slash + 1);
                    Map<String, Long> names = visible.computeIfAbsent(day, d -> new TreeMap<>());
                    if (name.equals(StorageLayout.MANIFEST)) {
                        manifests.put(day, o.key());
                    } else if (!name.startsWith("_") && !name.startsWith(".")) {
                        names.put(name, o.size());
                    }
                }
            }
        } catch (SdkException e) {
            throw S3StorageAdapter.failure("list", location.uri(prefix), e);
        }
        return withManifests(visible, manifests);
    }

    /** Reads the manifests {@link #READERS} at once: one round trip each, so a year of days is not 365 in a row. */
    private List<InspectTablePort.Partition> withManifests(Map<LocalDate, Map<String, Long>> visible,
                                                           Map<LocalDate, String> manifests) {
        ExecutorService pool = Executors.newFixedThreadPool(READERS, r -> {
            Thread t = new Thread(r, "cometly-audit-manifests");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<LocalDate, Future<ExportManifest>> reads = new TreeMap<>();
            manifests.forEach((day, key) -> reads.put(day, pool.submit(() -> manifest(key))));
            List<InspectTablePort.Partition> out = new ArrayList<>();
            for (Map.Entry<LocalDate, Map<String, Long>> e : visible.entrySet()) {
                Future<ExportManifest> read = reads.get(e.getKey());
                out.add(new InspectTablePort.Partition(e.getKey(), e.getValue(), read != null,
                        read == null ? null : read.get()));
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExportInterruptedException("interrupted while reading manifests of " + location, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new ExportStorageException("could not read a manifest of " + location + ": " + e.getCause(),
                    e.getCause(), true);
        } finally {
            pool.shutdownNow();
        }
    }

    InputStream open(Dataset dataset, LocalDate day, String name) {
        String key = location.key(dataset.wireName() + "/" + PARTITION + day + "/" + name);
        try {
            return s3.getObject(GetObjectRequest.builder().bucket(location.bucket()).key(key).build());
        } catch (SdkException e) {
            throw S3StorageAdapter.failure("read", location.uri(key), e);
        }
    }

    private ExportManifest manifest(String key) {
        try {
            return bytes(key).flatMap(ManifestJson::decode).map(ManifestJson.Decoded::manifest).orElse(null);
        } catch (SdkException e) {
            throw S3StorageAdapter.failure("read", location.uri(key), e);
        }
    }

    Optional<byte[]> bytes(String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(GetObjectRequest.builder().bucket(location.bucket()).key(key)
                    .build()).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    private static LocalDate day(String name) {
        try {
            return name.startsWith(PARTITION) ? LocalDate.parse(name.substring(PARTITION.length())) : null;
        } catch (DateTimeException e) {
            return null;
        }
    }
}
