package io.hacamel.bridge.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.filter.Filterable;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tests' logging (src/test/resources/log4j2-tests.properties over the shipped configuration): the console gets
 * WARN and above, so that {@code mvn -B verify} prints pages, not megabytes; every line, the DEBUG lines of
 * {@link LogCapture} included, goes to target/test-logs/tests.log; and a capture still sees them all.
 */
class TestLogsTest {

    private static final Path FILE = Path.of("target", "test-logs", "tests.log");

    @Test
    void theConsoleShowsWarningsAndTheFileEverything() throws Exception {
        String marker = UUID.randomUUID().toString();
        Logger bridge = LogManager.getLogger("io.hacamel.bridge.TestLogs");

        try (LogCapture capture = LogCapture.capture()) {
            bridge.debug("debug {}", marker);
            bridge.info("info {}", marker);
            bridge.warn("warn {}", marker);

            assertThat(capture.lines()).contains("DEBUG io.hacamel.bridge.TestLogs - debug " + marker,
                    "INFO io.hacamel.bridge.TestLogs - info " + marker, "WARN io.hacamel.bridge.TestLogs - warn " + marker);
        }
        await().until(() -> inFile("warn " + marker));
        assertThat(inFile("debug " + marker)).isTrue();
        assertThat(inFile("info " + marker)).isTrue();

        Appender console = ((LoggerContext) LogManager.getContext(false)).getConfiguration().getAppender("console");
        assertThat(passes(console, Level.DEBUG)).isFalse();
        assertThat(passes(console, Level.INFO)).isFalse();
        assertThat(passes(console, Level.WARN)).isTrue();
        assertThat(passes(console, Level.ERROR)).isTrue();
    }

    /** Whether the file has the line; read line by line, as a whole test run's log is large. */
    private static boolean inFile(String text) throws IOException {
        try (Stream<String> lines = Files.lines(FILE)) {
            return lines.anyMatch(line -> line.endsWith(text));
        }
    }

    private static boolean passes(Appender appender, Level level) {
        Filter filter = ((Filterable) appender).getFilter();
        return filter == null || filter.filter(Log4jLogEvent.newBuilder().setLevel(level)
                .setLoggerName("io.hacamel.bridge.TestLogs").build()) != Filter.Result.DENY;
    }
}
