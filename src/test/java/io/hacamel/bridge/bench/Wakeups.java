package io.hacamel.bridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        Map<String, String> names = javaThreadNames(pid);
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
            String tid = thread.getKey().substring(0, thread.getKey().indexOf(' '));
            String name = names.getOrDefault(tid, thread.getKey().substring(tid.length() + 1));
            byName.merge(name, woken / seconds, Double::sum);
        }
        Map<String, Double> top = byName.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(10)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> Math.round(e.getValue() * 100) / 100.0,
                        (a, b) -> a, LinkedHashMap::new));
        return new Count(total / seconds, top);
    }

    /**
     * The Java names of a JVM's threads by native thread id ({@code jcmd Thread.print}): the kernel keeps only their
     * first 15 characters, the same for all of Camel's. A number in a name is left out, so that pools add up.
     */
    private static Map<String, String> javaThreadNames(long pid) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid), "Thread.print").redirectErrorStream(true).start();
        String dump = new String(jcmd.getInputStream().readAllBytes());
        jcmd.waitFor();
        Map<String, String> names = new HashMap<>();
        Matcher thread = Pattern.compile("^\"(.*)\" .*nid=(0x[0-9a-f]+|[0-9]+)", Pattern.MULTILINE).matcher(dump);
        while (thread.find()) {
            String nid = thread.group(2);
            long tid = nid.startsWith("0x") ? Long.parseLong(nid.substring(2), 16) : Long.parseLong(nid);
            names.put(String.valueOf(tid), thread.group(1).replaceAll("#?[0-9]+", "N"));
        }
        return names;
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
