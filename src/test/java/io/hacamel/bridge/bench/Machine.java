package io.hacamel.bridge.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** The machine and the versions a benchmark ran with. */
final class Machine {

    private Machine() {
    }

    static void describe(Map<String, Object> machine, BenchSettings settings) throws IOException {
        machine.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        machine.put("cpu", cpuModel());
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memory_gb", Math.round(memoryKilobytes() / 1024.0 / 1024.0));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("bridge_jvm_options", settings.bridgeJvmOptions().isEmpty() ? "(none: the JVM's defaults)"
                : String.join(" ", settings.bridgeJvmOptions()));
        machine.put("bridge", String.join(" ", settings.launch()));
        machine.put("bridge_environment", settings.bridgeEnvironment().keySet().stream().sorted()
                .map(name -> name + "=" + settings.bridgeEnvironment().get(name)).toList());
        machine.put("camel", mavenVersion("org.apache.camel", "camel-api"));
        machine.put("vertx", mavenVersion("io.vertx", "vertx-core"));
        machine.put("jackson", mavenVersion("com.fasterxml.jackson.core", "jackson-databind"));
        machine.put("paho_mqttv5", mavenVersion("org.eclipse.paho", "org.eclipse.paho.mqttv5.client"));
        String mosquitto = HarnessBroker.mosquittoVersion();
        machine.put("broker", settings.preferMosquitto() && mosquitto != null ? mosquitto
                : "Apache ActiveMQ Artemis " + mavenVersion("org.apache.artemis", "artemis-server")
                        + " (embedded in the harness)");
        machine.put("commit", git("rev-parse", "--short", "HEAD") + (git("status", "--porcelain").isBlank() ? ""
                : " with local changes"));
        machine.put("load_average_at_start", RateRun.loadAverage());
    }

    private static String cpuModel() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
    }

    private static long memoryKilobytes() throws IOException {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(line -> line.startsWith("MemTotal:"))
                .map(line -> Long.parseLong(line.replaceAll("[^0-9]", ""))).findFirst().orElse(0L);
    }

    private static String mavenVersion(String group, String artifact) {
        String resource = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = Machine.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String git(String... args) {
        try {
            String[] command = new String[args.length + 1];
            command[0] = "git";
            System.arraycopy(args, 0, command, 1, args.length);
            Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes()).trim();
            git.waitFor(10, TimeUnit.SECONDS);
            return git.exitValue() == 0 ? out : "unknown";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }
}
