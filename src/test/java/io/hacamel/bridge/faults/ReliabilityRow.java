package io.hacamel.bridge.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * One row of docs/reliability.md as a fault test measured it, written to {@code target/reliability/<id>.md};
 * {@link ReliabilityTable} puts the rows of a run into the document.
 */
record ReliabilityRow(String id, String fault, String whatHappened, Duration recovery, int lostFinalStates,
        long coalesced, long duplicateExecutions) {

    static final Path DIRECTORY = Path.of("target", "reliability");

    String markdown() {
        String seconds = recovery == null ? "–" : String.format(Locale.ROOT, "%.1f s", recovery.toMillis() / 1000.0);
        return "| " + fault + " | " + whatHappened + " | " + seconds + " | " + lostFinalStates + " | " + coalesced
                + " | " + duplicateExecutions + " |";
    }

    void write() {
        try {
            Files.createDirectories(DIRECTORY);
            Files.writeString(DIRECTORY.resolve(id + ".md"), markdown() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
