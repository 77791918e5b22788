package io.hacamel.bridge.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * What a flight recording of the bridge says about its hot path ({@code bench/run --profile RATE} prints it): CPU
 * samples per thread, the methods that are on the CPU themselves, and the methods that are on the stack (total), and
 * where memory is allocated. Reads the recording with the JDK's own jdk.jfr.consumer.
 */
final class HotPath {

    private static final int TOP = 25;

    private HotPath() {
    }

    public static void main(String[] args) throws IOException {
        print(Path.of(args[0]), System.out::println);
    }

    static void print(Path recording, java.util.function.Consumer<String> out) throws IOException {
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> total = new HashMap<>();
        Map<String, Long> allocations = new HashMap<>();
        long samples = 0;
        long allocated = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            String type = event.getEventType().getName();
            RecordedStackTrace stack = event.getStackTrace();
            if ("jdk.ExecutionSample".equals(type) && stack != null && !stack.getFrames().isEmpty()) {
                samples++;
                threads.merge(threadGroup(event.getThread("sampledThread").getJavaName()), 1L, Long::sum);
                self.merge(name(stack.getFrames().get(0)), 1L, Long::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame frame : stack.getFrames()) {
                    String name = name(frame);
                    if (seen.add(name)) {
                        total.merge(name, 1L, Long::sum);
                    }
                }
            } else if ("jdk.ObjectAllocationSample".equals(type) && stack != null && !stack.getFrames().isEmpty()) {
                long weight = event.getLong("weight");
                allocated += weight;
                String where = stack.getFrames().stream().map(HotPath::name)
                        .filter(name -> name.startsWith("io.hacamel") || name.startsWith("org.apache.camel"))
                        .findFirst().orElse(name(stack.getFrames().get(0)));
                allocations.merge(where, weight, Long::sum);
            }
        }
        out.accept("CPU samples: " + samples);
        top(out, "by thread", threads, samples);
        top(out, "self (on the CPU)", self, samples);
        top(out, "total (on the stack)", total, samples);
        out.accept(String.format("Allocated (sampled weight): %,d MB", allocated >> 20));
        top(out, "allocation by first bridge or Camel frame", allocations, allocated);
    }

    private static void top(java.util.function.Consumer<String> out, String title, Map<String, Long> counts,
            long all) {
        out.accept("-- " + title);
        out.accept(counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(TOP)
                .map(entry -> String.format("%5.1f%%  %s", 100.0 * entry.getValue() / Math.max(1, all),
                        entry.getKey()))
                .collect(Collectors.joining("\n")));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    /** Thread names without their numbers, so that a pool counts as one. */
    private static String threadGroup(String name) {
        return name == null ? "?" : name.replaceAll("[-#]?\\d+", "");
    }
}
