package org.yiwang.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The machine the figures were measured on; they mean little without it. The load average at the start
 * shows whether other work (a build, tests) was competing for the cores.
 */
record Machine(int cores, Double memoryGib, String cpu, String os, String java, String loadAverageAtStart) {

    static Machine current() {
        return new Machine(
                Runtime.getRuntime().availableProcessors(),
                field("/proc/meminfo", "MemTotal").map(kb -> Long.parseLong(kb.replaceAll("\\D", "")) / (1024.0 * 1024))
                        .map(gib -> Math.round(gib * 10) / 10.0).orElse(null),
                field("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch")),
                field("/etc/os-release", "PRETTY_NAME").map(n -> n.replace("\"", "") + ", ").orElse("")
                        + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                loadAverage());
    }

    /** 1, 5 and 15 minute load averages, or null where /proc is missing. */
    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return null;
        }
    }

    /** The value of the first line {@code key: value} or {@code key=value} of a Linux information file. */
    private static Optional<String> field(String file, String key) {
        try (var lines = Files.lines(Path.of(file))) {
            return lines.filter(l -> l.startsWith(key))
                    .map(l -> l.substring(key.length()).replaceFirst("^\\s*[:=]\\s*", "").trim())
                    .findFirst();
        } catch (IOException | RuntimeException notLinux) {
            return Optional.empty();
        }
    }
}
