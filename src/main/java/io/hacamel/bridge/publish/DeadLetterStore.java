package io.hacamel.bridge.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhook deliveries that failed for good, one JSON file each ({@code <id>.json}) in a directory, so they survive
 * restarts. A file is written to a temporary name, forced to disk and renamed, so a crash never leaves half a dead
 * letter behind. Ids are time-ordered, so file names sort oldest first.
 */
final class DeadLetterStore {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterStore.class);
    private static final String SUFFIX = ".json";
    private static final String TEMPORARY = ".tmp";

    /** A dead letter as stored and listed. */
    record DeadLetter(String id, String target, @JsonProperty("entity_id") String entityId, int attempts,
            @JsonProperty("queued_at") String queuedAt, @JsonProperty("dead_lettered_at") String deadLetteredAt,
            @JsonProperty("last_error") String lastError, int replays, ObjectNode payload) {

        static DeadLetter of(WebhookDelivery delivery, int attempts, String error) {
            return new DeadLetter(delivery.id(), delivery.target(), delivery.entityId(), attempts,
                    delivery.queuedAt().toString(), Instant.now().toString(), error, 0, delivery.payload());
        }

        WebhookDelivery delivery() {
            return new WebhookDelivery(id, target, entityId, payload, Instant.parse(queuedAt), true);
        }

        DeadLetter replayFailed(String error) {
            return new DeadLetter(id, target, entityId, attempts + 1, queuedAt, deadLetteredAt, error, replays + 1,
                    payload);
        }
    }

    private final Path directory;
    private final ObjectMapper json;
    private final AtomicInteger stored = new AtomicInteger();

    DeadLetterStore(Path directory, ObjectMapper json) {
        this.directory = directory;
        this.json = json;
        if (!Files.isDirectory(directory)) {
            return; // made by the first dead letter
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(TEMPORARY)) {
                    Files.deleteIfExists(file); // a write the bridge did not finish
                } else if (name.endsWith(SUFFIX)) {
                    stored.incrementAndGet();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the webhook dead-letter directory " + directory, e);
        }
    }

    Path directory() {
        return directory;
    }

    /** Dead letters on disk. */
    int count() {
        return stored.get();
    }

    void save(DeadLetter letter) throws IOException {
        Files.createDirectories(directory);
        Path file = file(letter.id());
        boolean existed = Files.exists(file);
        Path temporary = directory.resolve("." + letter.id() + TEMPORARY);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(json.writeValueAsBytes(letter)));
            channel.force(true);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
        if (!existed) {
            stored.incrementAndGet();
        }
    }

    /** Every dead letter, oldest first; a file that cannot be read is logged and left alone. */
    List<DeadLetter> list() {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        files.sort(null);
        List<DeadLetter> letters = new ArrayList<>(files.size());
        for (Path file : files) {
            read(file).ifPresent(letters::add);
        }
        return letters;
    }

    /** The oldest dead letter (the smallest id); reads one file, and none when the store is empty. */
    Optional<DeadLetter> oldest() {
        if (count() == 0 || !Files.isDirectory(directory)) {
            return Optional.empty();
        }
        Path oldest = null;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : stream) {
                oldest = oldest == null || file.compareTo(oldest) < 0 ? file : oldest;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        return oldest == null ? Optional.empty() : read(oldest);
    }

    Optional<DeadLetter> get(String id) {
        Path file = file(id);
        return Files.exists(file) ? read(file) : Optional.empty();
    }

    boolean delete(String id) {
        try {
            boolean deleted = Files.deleteIfExists(file(id));
            if (deleted) {
                stored.decrementAndGet();
            }
            return deleted;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete dead letter " + id, e);
        }
    }

    private Optional<DeadLetter> read(Path file) {
        try {
            return Optional.of(json.readValue(file.toFile(), DeadLetter.class));
        } catch (IOException e) {
            LOG.warn("Cannot read the dead letter {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    private Path file(String id) {
        return directory.resolve(id + SUFFIX);
    }
}
