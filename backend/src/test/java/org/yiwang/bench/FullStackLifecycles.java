package org.yiwang.bench;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.yiwang.support.Journeys;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The 承诺件 lifecycle through the HTTP API, as the portal and the workbench drive it: the applicant drafts an
 * application for a Haikou market-supervision licensing item, uploads every required material and submits; the
 * demo clerks hk.accept, hk.review and hk.approve each find the task in their todo list and complete it.
 */
final class FullStackLifecycles {

    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(5);
    private static final String[] CLERKS = { "hk.accept", "hk.review", "hk.approve" };
    private static final String[] ACTIONS = { "accept", "review", "approve" };
    private static final String[] OPINIONS = { "材料齐全，符合法定形式，予以受理。", "经审查，符合条件，建议准予许可。", "同意。" };

    /** The HTTP requests of a lifecycle, each with its own latency histogram. */
    enum Step {
        CREATE("create draft"), UPLOAD("upload material"), SUBMIT("submit"), FIND_TASK("find task in todo"),
        ACCEPT("accept"), REVIEW("review"), APPROVE("approve");

        final String label;

        Step(String label) {
            this.label = label;
        }
    }

    /** The item applied for: its code and the materials that must be uploaded before submitting. */
    record Item(String code, String name, List<Long> requiredMaterials) {
    }

    /**
     * Lifecycles completed within the measured window, their latencies and those of the requests started within
     * it; failures count over the whole run, warm-up included, with the first few answers kept to say what went wrong.
     */
    record Stats(long lifecycles, double seconds, Histogram lifecycleMicros, Map<Step, Histogram> stepMicros, long failures,
            List<String> firstFailures, List<String> concluded) {

        double throughput() {
            return lifecycles / seconds;
        }
    }

    private record Worker(Session applicant, Session[] clerks) {
    }

    private record Tally(long lifecycles, Histogram lifecycle, Map<Step, Histogram> steps, long failures, List<String> firstFailures,
            List<String> concluded) {
    }

    private FullStackLifecycles() {
    }

    /** Finds the item the way the portal does: the agency in Haikou, then its licensing items on the standard template. */
    static Item haikouLicensingItem(Session anonymous) throws Exception {
        long agencyId = -1;
        for (JsonNode a : Session.expect(anonymous.get("/api/v1/regions/4601/agencies"), 200, "agencies of 4601")) {
            if (a.path("name").asText().equals("海口市市场监督管理局")) {
                agencyId = a.path("id").asLong();
            }
        }
        JsonNode items = Session.expect(anonymous.get("/api/v1/catalog/items", "agencyId", String.valueOf(agencyId), "type", "1",
                "size", "100"), 200, "licensing items of agency " + agencyId).path("items");
        for (JsonNode i : items) {
            if (i.path("processKey").asText().equals("standard")) {
                JsonNode item = Session.expect(anonymous.get("/api/v1/catalog/items/" + i.path("code").asText()), 200, "item");
                List<Long> required = new ArrayList<>();
                item.path("materials").forEach(m -> {
                    if (m.path("required").asBoolean()) {
                        required.add(m.path("id").asLong());
                    }
                });
                return new Item(item.path("code").asText(), item.path("name").asText(), required);
            }
        }
        throw new IllegalStateException("no licensing item on the standard template for 海口市市场监督管理局 (agency " + agencyId + ")");
    }

    /**
     * Runs lifecycles on {@code workers} threads, each logged in once per account before the clock starts;
     * a lifecycle counts when it ends within the measured window, so that none is counted twice or half.
     */
    static Stats run(AppServer server, BenchContext ctx, Item item, int workers, long warmupNanos, long measuredNanos) throws Exception {
        List<Worker> sessions = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Session[] clerks = new Session[CLERKS.length];
            for (int c = 0; c < CLERKS.length; c++) {
                clerks[c] = Session.login(ctx.http, server.baseUrl, CLERKS[c], server.demoPassword);
            }
            sessions.add(new Worker(Session.login(ctx.http, server.baseUrl, "applicant", server.demoPassword), clerks));
        }
        long measureFrom = System.nanoTime() + warmupNanos;
        long measureTo = measureFrom + measuredNanos;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<Tally>> tallies = new ArrayList<>();
            for (Worker w : sessions) {
                tallies.add(pool.submit(() -> work(w, item, measureFrom, measureTo)));
            }
            Histogram lifecycle = new Histogram(MAX_MICROS, 3);
            Map<Step, Histogram> steps = histograms();
            long lifecycles = 0;
            long failures = 0;
            List<String> firstFailures = new ArrayList<>();
            List<String> concluded = new ArrayList<>();
            for (Future<Tally> f : tallies) {
                Tally t = f.get();
                lifecycles += t.lifecycles();
                lifecycle.add(t.lifecycle());
                t.steps().forEach((step, h) -> steps.get(step).add(h));
                failures += t.failures();
                firstFailures.addAll(t.firstFailures());
                concluded.addAll(t.concluded());
            }
            return new Stats(lifecycles, measuredNanos / 1e9, lifecycle, steps, failures,
                    firstFailures.stream().distinct().limit(5).toList(), concluded);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Tally work(Worker w, Item item, long measureFrom, long measureTo) throws InterruptedException {
        Histogram lifecycle = new Histogram(MAX_MICROS, 3);
        Map<Step, Histogram> steps = histograms();
        // Like LoadGenerator: a request is measured when it starts within the window, so that steps show even
        // when whole lifecycles are slower than the window.
        StepClock clock = (step, since) -> {
            long now = System.nanoTime();
            if (since >= measureFrom && since < measureTo) {
                steps.get(step).recordValue(Math.min(MAX_MICROS, (now - since) / 1000));
            }
            return now;
        };
        long lifecycles = 0;
        long failures = 0;
        List<String> firstFailures = new ArrayList<>();
        List<String> concluded = new ArrayList<>();
        while (System.nanoTime() < measureTo) {
            long start = System.nanoTime();
            try {
                String no = lifecycle(w, item, clock);
                long end = System.nanoTime();
                concluded.add(no);
                if (end >= measureFrom && end < measureTo) {
                    lifecycles++;
                    lifecycle.recordValue(Math.min(MAX_MICROS, (end - start) / 1000));
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                failures++;
                if (firstFailures.size() < 5) {
                    firstFailures.add(e.toString());
                }
            }
        }
        return new Tally(lifecycles, lifecycle, steps, failures, firstFailures, concluded);
    }

    /** One application from draft to CONCLUDED; answers its number. */
    private static String lifecycle(Worker w, Item item, StepClock clock) throws Exception {
        long t = System.nanoTime();
        var created = w.applicant().postJson("/api/v1/applications", Map.of("itemCode", item.code(), "regionCode", "4601",
                "formData", Map.of("reason", "申请办理" + item.name(), "contact", "黎小明")));
        t = clock.took(Step.CREATE, t);
        String no = Session.expect(created, 201, "create draft").path("applicationNo").asText();
        for (long material : item.requiredMaterials()) {
            var uploaded = w.applicant().upload("/api/v1/applications/" + no + "/materials", "scan-" + material + ".png", Journeys.PNG,
                    "image/png", Map.of("materialId", String.valueOf(material)));
            t = clock.took(Step.UPLOAD, t);
            Session.expect(uploaded, 201, "upload material " + material);
        }
        var submitted = w.applicant().send(HttpRequest.newBuilder(w.applicant().uri("/api/v1/applications/" + no + "/submit"))
                .header("Idempotency-Key", UUID.randomUUID().toString()).POST(HttpRequest.BodyPublishers.noBody()));
        t = clock.took(Step.SUBMIT, t);
        Session.expect(submitted, 200, "submit");
        for (int c = 0; c < CLERKS.length; c++) {
            Session clerk = w.clerks()[c];
            var todo = clerk.get("/api/v1/workbench/tasks", "view", "todo", "applicationNo", no);
            t = clock.took(Step.FIND_TASK, t);
            JsonNode tasks = Session.expect(todo, 200, CLERKS[c] + " todo").path("items");
            if (tasks.size() != 1) {
                throw new IllegalStateException(CLERKS[c] + " sees " + tasks.size() + " tasks on " + no + ", expected 1");
            }
            var done = clerk.postJson("/api/v1/workbench/tasks/" + tasks.get(0).path("taskId").asText() + "/" + ACTIONS[c],
                    Map.of("opinion", OPINIONS[c]));
            t = clock.took(Step.values()[Step.ACCEPT.ordinal() + c], t);
            Session.expect(done, 200, ACTIONS[c]);
        }
        return no;
    }

    /** Records the latency of a step that began at {@code since}; answers now, when the next step begins. */
    @FunctionalInterface
    private interface StepClock {
        long took(Step step, long since);
    }

    private static Map<Step, Histogram> histograms() {
        Map<Step, Histogram> steps = new EnumMap<>(Step.class);
        for (Step s : Step.values()) {
            steps.put(s, new Histogram(MAX_MICROS, 3));
        }
        return steps;
    }
}
