package io.hacamel.bridge.launcher;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.hacamel.bridge.testing.BridgeCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/ha-camel-bridge has the JVM record a class-data archive at the first stop after a build, which takes several
 * silent seconds after the bridge has stopped: the bridge says so in its last line. (A start that fails at once, on a
 * taken port, stops the quickest.)
 */
class ClassDataArchiveTest {

    @Test
    void theLastLineSaysTheArchiveIsBeingWritten(@TempDir Path home) throws Exception {
        Path archive = home.resolve("ha-camel-bridge.jsa");
        try (ServerSocket taken = new ServerSocket(0)) {
            List<String> lines = BridgeCommand.run(home, Map.of("CAMEL_SERVER_PORT", String.valueOf(taken.getLocalPort())),
                    "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off").lines();

            assertThat(lines.get(lines.size() - 1)).endsWith("Writing the class-data archive " + archive
                    + " for faster starts: about 70 MB, 5 to 10 s, once after a build");
            assertThat(archive).isNotEmptyFile();
        }
    }

    @Test
    void noLineWithoutAnArchive(@TempDir Path home) throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            String output = BridgeCommand.run(home, Map.of("CAMEL_SERVER_PORT", String.valueOf(taken.getLocalPort())))
                    .output();

            assertThat(output).contains("The bridge did not start").doesNotContain("class-data archive");
        }
    }
}
