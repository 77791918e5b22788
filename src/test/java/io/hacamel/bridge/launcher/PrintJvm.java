package io.hacamel.bridge.launcher;

import java.lang.management.ManagementFactory;

/** Stands in for the bridge in {@link LauncherTest}: prints the JVM's options and MALLOC_ARENA_MAX, then exits. */
public final class PrintJvm {

    private PrintJvm() {
    }

    public static void main(String[] args) {
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            System.out.println("option " + option);
        }
        System.out.println("MALLOC_ARENA_MAX=" + System.getenv("MALLOC_ARENA_MAX"));
        System.out.println("args " + String.join(" ", args));
    }
}
