package io.github.cometlyexport.adapter.storage.local;

import io.github.cometlyexport.adapter.storage.internal.ManifestJson;
import io.github.cometlyexport.adapter.storage.internal.StorageLayout;
import io.github.cometlyexport.adapter.storage.internal.TableJson;
import io.github.cometlyexport.domain.Dataset;
import io.github.cometlyexport.domain.TableDefinition;
import io.github.cometlyexport.port.driven.InspectTablePort;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The local store's side of {@link InspectTablePort}: the table's folder as it lies on disk. Stateless. */
final class LocalTableListing {
    private static final String PARTITION = "date=";

    private LocalTableListing() {
    }

    static InspectTablePort.TableFile table(Path root, Dataset dataset) {
        Path file = root.resolve(StorageLayout.tableFile(dataset.wireName()));
        try {
            if (!Files.isRegularFile(file)) {
                return new InspectTablePort.TableFile(false, null);
            }
            TableDefinition definition = TableJson.decode(Files.readAllBytes(file)).orElse(null);
            return new InspectTablePort.TableFile(true, definition);
        } catch (IOException e) {
            throw LocalFileStorageAdapter.failure("read", file, e);
        }
    }

    static List<InspectTablePort.Partition> partitions(Path root, Dataset dataset, LocalDate from, LocalDate to) {
        Path folder = root.resolve(dataset.wireName());
        List<InspectTablePort.Partition> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (DirectoryStream<Path> days = Files.newDirectoryStream(folder, PARTITION + "*")) {
            for (Path partition : days) {
                LocalDate day = day(partition.getFileName().toString());
                if (day != null && !day.isBefore(from) && !day.isAfter(to) && Files.isDirectory(partition)) {
                    out.add(partition(partition, day));
                }
            }
        } catch (IOException e) {
            throw LocalFileStorageAdapter.failure("list", folder, e);
        }
        out.sort(Comparator.comparing(InspectTablePort.Partition::day));
        return out;
    }

    static InputStream open(Path root, Dataset dataset, LocalDate day, String name) {
        Path file = root.resolve(dataset.wireName()).resolve(PARTITION + day).resolve(name);
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw LocalFileStorageAdapter.failure("read", file, e);
        }
    }

    private static InspectTablePort.Partition partition(Path folder, LocalDate day) throws IOException {
        Map<String, Long> visible = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (!name.startsWith("_") && !name.startsWith(".")) {
                    visible.put(name, Files.isRegularFile(f) ? Files.size(f) : 0L);
                }
            }
        }
        Path manifest = folder.resolve(StorageLayout.MANIFEST);
        boolean present = Files.isRegularFile(manifest);
        return new InspectTablePort.Partition(day, new TreeMap<>(visible), present, present
                ? ManifestJson.decode(Files.readAllBytes(manifest)).map(ManifestJson.Decoded::manifest).orElse(null)
                : null);
    }

    /** @return the day a partition's name gives, or {@code null} for a name that is not one */
    static LocalDate day(String name) {
        try {
            return name.startsWith(PARTITION) ? LocalDate.parse(name.substring(PARTITION.length())) : null;
        } catch (DateTimeException e) {
            return null;
        }
    }
}
