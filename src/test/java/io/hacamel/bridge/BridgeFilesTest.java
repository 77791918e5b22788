package io.hacamel.bridge;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in routes are named one by one, so that Camel never scans the whole jar for them. */
class BridgeFilesTest {

    @TempDir
    Path home;

    @Test
    void everyBuiltInRouteIsNamed() throws IOException {
        String pattern = BridgeFiles.builtInRoutes(BridgeFiles.builtInRouteNames());

        assertThat(pattern).doesNotContain("*");
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            assertThat(pattern.split(",")).containsExactlyInAnyOrderElementsOf(
                    files.map(file -> "classpath:routes/" + file.getFileName()).toList());
        }
    }

    @Test
    void inAJarOnlyTheFilesDirectlyUnderRoutesCount() throws IOException {
        Path jar = home.resolve("bridge.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : new String[] {"routes/a.camel.yaml", "routes/old/b.camel.yaml", "other/c.camel.yaml",
                    "routes/b.camel.yaml"}) {
                out.putNextEntry(new JarEntry(name));
                write(out);
            }
        }

        assertThat(BridgeFiles.routeFileNames(jar)).containsExactly("a.camel.yaml", "b.camel.yaml");
    }

    private static void write(OutputStream out) throws IOException {
        out.write("- route: {}\n".getBytes());
    }
}
