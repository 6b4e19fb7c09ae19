package org.yiwang.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** One run of the suite, written as report.json for tools and report.md for people (and the README). */
record Report(String date, String command, Machine machine, Database database, List<Result> benchmarks) {

    record Database(String version, String url) {
    }

    void write(Path dir) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("report.json").toFile(), this);
        Files.writeString(dir.resolve("report.md"), markdown());
    }

    String markdown() {
        StringBuilder md = new StringBuilder("# Benchmark report\n\n");
        md.append(date).append(" · `").append(command).append("`\n\n");
        md.append("| machine | |\n|---|---|\n");
        md.append("| CPU | ").append(machine.cpu()).append(" |\n");
        md.append("| cores | ").append(machine.cores()).append(" |\n");
        md.append("| memory | ").append(machine.memoryGib()).append(" GiB |\n");
        md.append("| OS | ").append(machine.os()).append(" |\n");
        md.append("| Java | ").append(machine.java()).append(" |\n");
        md.append("| load average at start (1/5/15 min) | ").append(machine.loadAverageAtStart()).append(" |\n");
        md.append("| database | ").append(database.version()).append(" |\n");
        for (Result r : benchmarks) {
            md.append("\n## ").append(r.title() != null ? r.title() : r.name()).append("\n\n");
            if (r.error() != null) {
                md.append("**Failed:** `").append(r.error()).append("`\n");
                continue;
            }
            md.append(r.setup()).append("\n\n| figure | value |\n|---|---:|\n");
            for (Result.Figure f : r.figures()) {
                md.append("| ").append(f.name()).append(" | ").append(format(f)).append(" |\n");
            }
            if (!r.targets().isEmpty()) {
                md.append('\n');
            }
            for (Result.Target t : r.targets()) {
                md.append("- ").append(t.met() ? "met" : "**MISSED**").append(": ").append(t.description())
                        .append(" (measured ").append(String.format(Locale.ROOT, "%.2f", t.actual())).append(")\n");
            }
            if (!r.notes().isEmpty()) {
                md.append('\n');
            }
            for (String note : r.notes()) {
                md.append("- ").append(note).append('\n');
            }
        }
        return md.toString();
    }

    private static String format(Result.Figure f) {
        if (f.value() == null) {
            return "n/a";
        }
        return switch (f.unit()) {
            case "count" -> String.format(Locale.ROOT, "%d", Math.round(f.value()));
            case "req/s" -> String.format(Locale.ROOT, "%.1f req/s", f.value());
            case "MiB" -> String.format(Locale.ROOT, "%.0f MiB", f.value());
            default -> String.format(Locale.ROOT, "%.2f %s", f.value(), f.unit());
        };
    }
}
