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
 * How often a process's threads wake up, and which use the CPU: each voluntary context switch in proc(5)'s
 * {@code status} of every thread is a thread that went to sleep (a timer, a poll, a queue's wait) and will be woken;
 * {@code utime} and {@code stime} in its {@code stat} are its CPU time. With nothing to do, the wake-ups are what keeps
 * a small machine's CPU from its idle states.
 */
final class Wakeups {

    /**
     * Wake-ups per second over the window, the threads (by name) that woke most, per second, and those that used the
     * CPU most, in percent of a core.
     */
    record Count(double perSecond, Map<String, Double> byThread, Map<String, Double> cpuByThread) {
    }

    /** What the threads had done when it was taken; {@link #end} counts from there. */
    static final class Snapshot {
        private final long pid;
        private final Map<String, String> names;
        private final Map<String, double[]> before;
        private final long started = System.nanoTime();

        private Snapshot(long pid) throws IOException, InterruptedException {
            this.pid = pid;
            this.names = javaThreadNames(pid);
            this.before = counters(pid);
        }

        Count end() throws IOException {
            Map<String, double[]> after = counters(pid);
            double seconds = (System.nanoTime() - started) / 1e9;
            Map<String, Double> woken = new HashMap<>();
            Map<String, Double> cpu = new HashMap<>();
            double total = 0;
            for (Map.Entry<String, double[]> thread : after.entrySet()) {
                double[] was = before.getOrDefault(thread.getKey(), new double[2]);
                double switches = thread.getValue()[0] - was[0];
                total += switches;
                String tid = thread.getKey().substring(0, thread.getKey().indexOf(' '));
                String name = names.getOrDefault(tid, thread.getKey().substring(tid.length() + 1));
                woken.merge(name, switches / seconds, Double::sum);
                cpu.merge(name, (thread.getValue()[1] - was[1]) / seconds * 100, Double::sum);
            }
            return new Count(total / seconds, top(woken), top(cpu));
        }
    }

    private Wakeups() {
    }

    static Snapshot start(long pid) throws IOException, InterruptedException {
        return new Snapshot(pid);
    }

    static Count over(long pid, Duration window) throws IOException, InterruptedException {
        Snapshot snapshot = start(pid);
        Thread.sleep(window.toMillis());
        return snapshot.end();
    }

    private static Map<String, Double> top(Map<String, Double> byName) {
        return byName.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(10)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> Math.round(e.getValue() * 100) / 100.0,
                        (a, b) -> a, LinkedHashMap::new));
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

    /** Voluntary context switches and CPU seconds so far, by "tid name" of each thread alive now. */
    private static Map<String, double[]> counters(long pid) throws IOException {
        Map<String, double[]> counters = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim();
                    double cpuSeconds = BridgeProcess.cpuSeconds(Files.readString(task.resolve("stat")));
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")) {
                            counters.put(task.getFileName() + " " + name,
                                    new double[] {Long.parseLong(line.replaceAll("[^0-9]", "")), cpuSeconds});
                        }
                    }
                } catch (IOException gone) {
                    // the thread ended meanwhile
                }
            }
        }
        return counters;
    }
}
