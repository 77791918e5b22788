package io.hacamel.bridge.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import io.hacamel.bridge.bench.Benchmark;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/ha-camel-bridge, README's first command, run on a stand-in jar ({@link PrintJvm}) that prints what the JVM got:
 * the options of bin/jvm.options, two malloc arenas, and a class-data-sharing archive recorded at the first stop after
 * a build and used from then on.
 */
class LauncherTest {

    private static final Path LAUNCHER = Path.of("bin/ha-camel-bridge").toAbsolutePath();

    @TempDir
    Path target;
    private Path jar;
    private Path archive;

    @BeforeEach
    void buildJar() throws IOException {
        jar = target.resolve("ha-camel-bridge.jar");
        archive = target.resolve("ha-camel-bridge.jsa");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, PrintJvm.class.getName());
        String entry = PrintJvm.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
                InputStream classFile = PrintJvm.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            classFile.transferTo(out);
        }
    }

    @Test
    void runsTheJarWithTheOptionsOfJvmOptionsAndTwoMallocArenas() throws Exception {
        List<String> configured = Benchmark.jvmOptions(Path.of("bin/jvm.options"));

        String output = launch(Map.of(), "--some", "argument");

        assertThat(configured).contains("-Xmx144m", "-XX:+UseG1GC");
        configured.forEach(option -> assertThat(output).contains("option " + option));
        assertThat(output).contains("MALLOC_ARENA_MAX=2", "args --some argument");
    }

    @Test
    void recordsTheClassDataArchiveAtTheFirstStopAndUsesItAfterwards() throws Exception {
        assertThat(launch(Map.of())).contains("option -XX:ArchiveClassesAtExit=" + archive);
        assertThat(archive).exists();

        assertThat(launch(Map.of())).contains("option -XX:SharedArchiveFile=" + archive)
                .doesNotContain("ArchiveClassesAtExit");
    }

    @Test
    void aNewBuildRecordsItsOwnArchive() throws Exception {
        launch(Map.of());
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60))); // mvn package made a new jar

        assertThat(launch(Map.of())).contains("option -XX:ArchiveClassesAtExit=" + archive)
                .doesNotContain("SharedArchiveFile");
    }

    @Test
    void theOptionsCanBeReplacedAndTheArchiveTurnedOff() throws Exception {
        String output = launch(Map.of("BRIDGE_JVM_OPTIONS", "-Xmx64m -XX:+UseSerialGC", "BRIDGE_CDS", "false"));

        assertThat(output).contains("option -Xmx64m", "option -XX:+UseSerialGC").doesNotContain("-Xmx144m", "Archive");
        assertThat(archive).doesNotExist();
    }

    private String launch(Map<String, String> environment, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(concat(LAUNCHER.toString(), args)).redirectErrorStream(true);
        builder.environment().put("BRIDGE_JAR", jar.toString());
        builder.environment().remove("MALLOC_ARENA_MAX");
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":"
                + builder.environment().get("PATH"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static List<String> concat(String first, String... rest) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), java.util.stream.Stream.of(rest))
                .toList();
    }
}
