package io.hacamel.bridge;

import java.lang.management.ManagementFactory;
import java.util.Optional;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * The class-data-sharing archive bin/ha-camel-bridge asks the JVM to write at the first stop after a build
 * ({@code -XX:ArchiveClassesAtExit}): the JVM writes it after the bridge has stopped, silently, for several seconds.
 */
final class ClassDataArchive {

    private ClassDataArchive() {
    }

    /** The file the JVM writes at exit, if it writes one. */
    static Optional<String> writtenAtExit() {
        String file = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption("ArchiveClassesAtExit").getValue();
        return file.isBlank() ? Optional.empty() : Optional.of(file);
    }

    /** The line that says why the stopped bridge's process has not ended yet. */
    static String announcement(String file) {
        return "Writing the class-data archive " + file + " for faster starts: about 70 MB, 5 to 10 s, once after a build";
    }
}
