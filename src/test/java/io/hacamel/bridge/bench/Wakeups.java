package io.hacamel.bridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How often a process's threads wake up: each voluntary context switch in proc(5)'s {@code status} of every thread is
 * a thread that went to sleep (a timer, a poll, a queue's wait) and will be woken. With nothing to do, this is what
 * keeps a small machine's CPU from its idle states.
 */
final class Wakeups {

    /** Wake-ups per second over the window, and the threads (by name) that woke most, per second. */
    record Count(double perSecond, Map<String, Double> byThread) {
    }

    private Wakeups() {
    }

    static Count over(long pid, Duration window) throws IOException, InterruptedException {
        Map<String, Long> before = switches(pid);
        long started = System.nanoTime();
        Thread.sleep(window.toMillis());
        Map<String, Long> after = switches(pid);
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Double> byName = new HashMap<>();
        long total = 0;
        for (Map.Entry<String, Long> thread : after.entrySet()) {
            long woken = thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
            total += woken;
            String name = thread.getKey().substring(thread.getKey().indexOf(' ') + 1);
            byName.merge(name, woken / seconds, Double::sum);
        }
        Map<String, Double> top = byName.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(10)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> Math.round(e.getValue() * 100) / 100.0,
                        (a, b) -> a, LinkedHashMap::new));
        return new Count(total / seconds, top);
    }

    /** Voluntary context switches so far, by "tid name" of each thread alive now. */
    private static Map<String, Long> switches(long pid) throws IOException {
        Map<String, Long> switches = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim();
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")) {
                            switches.put(task.getFileName() + " " + name,
                                    Long.parseLong(line.replaceAll("[^0-9]", "")));
                        }
                    }
                } catch (IOException gone) {
                    // the thread ended meanwhile
                }
            }
        }
        return switches;
    }
}
