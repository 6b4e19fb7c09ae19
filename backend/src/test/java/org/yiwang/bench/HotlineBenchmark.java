package org.yiwang.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Issue 13: the 12345 hotline at scale. Intake throughput through the API (operators recording calls), then the
 * dispatcher's board ({@code view=pending}) and an agency's list ({@code view=agency}) over
 * {@code -Dbench.hotline.open} (100,000) open and {@code -Dbench.hotline.closed} (1,000,000) closed tickets,
 * generated deterministically (seed {@value #SEED}) into {@code -Dbench.hotline.db} (yiwang_hotline_scale) once and
 * reused by later runs with the same counts. Tickets are generated with no personal data (the contact columns are
 * nullable), so the server's keys do not matter for them.
 */
final class HotlineBenchmark implements Benchmark {

    static final long SEED = 20261213L;
    private static final double TARGET_P95_MS = 100;
    private static final int BATCH = 5_000;
    private static final String[] OPEN_STATES = { "NEW", "RETURNED", "DISPATCHED", "DISPATCHED", "SIGNED", "SIGNED", "ESCALATED" };
    private static final String[] TYPES = { "CONSULT", "HELP", "COMPLAINT", "COMPLAINT", "REPORT", "SUGGESTION" };
    private static final String[] CLASSES = { "010101", "010301", "020101", "020102", "030101", "030201", "040000", "120000" };
    private static final String[] REGIONS = { "460105", "460106", "460107", "460108", "460202", "460203" };

    @Override
    public String name() {
        return "hotline";
    }

    @Override
    public Result run(BenchContext ctx) throws Exception {
        int open = Integer.getInteger("bench.hotline.open", 100_000);
        int closed = Integer.getInteger("bench.hotline.closed", 1_000_000);
        String database = System.getProperty("bench.hotline.db", "yiwang_hotline_scale");
        boolean cached = false;
        if (ctx.databaseExists(database)) {
            try (Connection c = WorkbenchDataGenerator.connect(ctx.config, database)) {
                cached = cached(c, open, closed);
            }
        }
        AppServer server = ctx.startServerOnKept(database, !cached, WorkbenchDataGenerator.DATA_KEY, WorkbenchDataGenerator.HASH_KEY);
        double generatedSeconds = 0;
        if (!cached) {
            System.out.println("hotline: generating " + open + " open and " + closed + " closed tickets into " + database);
            long t0 = System.nanoTime();
            try (Connection c = WorkbenchDataGenerator.connect(ctx.config, database)) {
                generate(c, open, closed);
            }
            generatedSeconds = (System.nanoTime() - t0) / 1e9;
            server = ctx.startServerOnKept(database, false, WorkbenchDataGenerator.DATA_KEY, WorkbenchDataGenerator.HASH_KEY);
        }
        int clients = ctx.config.clients();
        Duration warmup = Duration.ofSeconds(ctx.config.warmupSeconds());
        Duration measured = Duration.ofSeconds(ctx.config.seconds());

        // Intake: every client an operator's session recording a consultation call.
        List<Session> operators = sessions(ctx, server, "operator", clients);
        LoadGenerator.Stats intake = LoadGenerator.run(ctx.http, clients, warmup, measured,
                (client, n) -> operators.get(client).postRequest("/api/v1/hotline/tickets", Map.of("type", "CONSULT",
                        "classCode", CLASSES[(int) ((client + n) % CLASSES.length)], "regionCode", "460106", "phone",
                        "1387654%04d".formatted((client * 131 + n) % 10_000), "content", "基准测试来电：咨询第 " + n + " 次")));

        List<Session> dispatchers = sessions(ctx, server, "dispatcher", clients);
        LoadGenerator.Stats board = LoadGenerator.run(ctx.http, clients, warmup, measured,
                (client, n) -> dispatchers.get(client).getRequest("/api/v1/hotline/tickets", "view", "pending", "page",
                        String.valueOf(1 + n % 3), "size", "20"));

        List<Session> clerks = sessions(ctx, server, "hk.accept", clients);
        LoadGenerator.Stats agency = LoadGenerator.run(ctx.http, clients, warmup, measured,
                (client, n) -> clerks.get(client).getRequest("/api/v1/hotline/tickets", "view", "agency", "page",
                        String.valueOf(1 + n % 3), "size", "20"));

        List<Result.Figure> figures = new ArrayList<>();
        figures.add(Result.Figure.of("data generated in", cached ? null : generatedSeconds, "s"));
        for (var named : List.of(Map.entry("intake ", intake), Map.entry("dispatcher board ", board), Map.entry("agency list ", agency))) {
            for (Result.Figure f : named.getValue().figures()) {
                figures.add(Result.Figure.of(named.getKey() + f.name(), f.value(), f.unit()));
            }
        }
        figures.add(Result.Figure.of("heap used after run", server.heapUsedMib(), "MiB"));
        return new Result(name(), "12345 hotline at scale, " + clients + " concurrent clients",
                "Database `" + database + "` with " + String.format("%,d", open) + " open and " + String.format("%,d", closed)
                        + " closed tickets (seed " + SEED + ", " + (cached ? "reused" : "generated in this run") + "). Intake: "
                        + clients + " `operator` sessions in a closed loop on `POST /api/v1/hotline/tickets` (a consultation "
                        + "call each, 201). Board: " + clients + " `dispatcher` sessions on `view=pending&size=20`, pages 1-3. "
                        + "Agency list: " + clients + " `hk.accept` sessions (海口市市场监督管理局) on `view=agency&size=20`, "
                        + "pages 1-3. " + ctx.config.warmupSeconds() + " s warm-up, " + ctx.config.seconds() + " s measured "
                        + "each; clients on the same machine.",
                figures,
                List.of(Result.Target.atMost("dispatcher board p95 ≤ 100 ms under " + clients + " clients", TARGET_P95_MS,
                        board.millis(95)),
                        Result.Target.atMost("agency list p95 ≤ 100 ms under " + clients + " clients", TARGET_P95_MS,
                                agency.millis(95))),
                null);
    }

    private static List<Session> sessions(BenchContext ctx, AppServer server, String username, int count) throws Exception {
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sessions.add(Session.login(ctx.http, server.baseUrl, username, server.demoPassword));
        }
        return sessions;
    }

    private static boolean cached(Connection db, int open, int closed) {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT seed, open_tickets, closed_tickets FROM bench_hotline_data")) {
            return rs.next() && rs.getLong(1) == SEED && rs.getInt(2) == open && rs.getInt(3) == closed;
        } catch (java.sql.SQLException noTable) {
            return false;
        }
    }

    /**
     * Tickets spread over the agencies of 海口 and 三亚 in proportion (海口市市场监督管理局 holds about one in eight) and
     * over the last two years, numbered 12345-BYYYYMMDD-… apart from the server's own.
     */
    private static void generate(Connection db, int open, int closed) throws Exception {
        db.setAutoCommit(false);
        Map<String, Long> agencies = new HashMap<>();
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT code, id FROM agency WHERE code LIKE '4601-%' OR code LIKE '4602-%'")) {
            while (rs.next()) {
                agencies.put(rs.getString(1), rs.getLong(2));
            }
        }
        List<Long> ids = new ArrayList<>(agencies.values());
        ids.sort(null);
        long haikouScj = agencies.get("4601-SCJ");
        Random random = new Random(SEED);
        LocalDateTime now = LocalDateTime.now();
        String sql = "INSERT INTO hotline_ticket (ticket_no, type, class_code, region_code, channel, title, content, state, "
                + "agency_id, received_at, dispatched_at, sign_due, signed_at, reply_due, replied_at, reply, rating, closed_at, "
                + "updated_at, version) VALUES (?, ?, ?, ?, 'PHONE', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)";
        try (PreparedStatement insert = db.prepareStatement(sql)) {
            for (int i = 0; i < open + closed; i++) {
                boolean isOpen = i < open;
                String state = isOpen ? OPEN_STATES[random.nextInt(OPEN_STATES.length)] : "CLOSED";
                LocalDateTime received = now.minusMinutes(isOpen ? random.nextInt(60 * 24 * 20) : 60L * 24 * 20 + random.nextInt(60 * 24 * 700));
                boolean atAgency = !state.equals("NEW") && !state.equals("RETURNED") && !state.equals("ESCALATED");
                Long agency = !atAgency ? null : random.nextInt(8) == 0 ? haikouScj : ids.get(random.nextInt(ids.size()));
                LocalDate day = received.toLocalDate();
                insert.setString(1, "12345-B%s-%07d".formatted(day.toString().replace("-", ""), i));
                insert.setString(2, TYPES[random.nextInt(TYPES.length)]);
                insert.setString(3, CLASSES[random.nextInt(CLASSES.length)]);
                insert.setString(4, REGIONS[random.nextInt(REGIONS.length)]);
                insert.setString(5, "基准测试工单 " + i);
                insert.setString(6, "基准测试生成的诉求内容，第 " + i + " 件。");
                insert.setString(7, state);
                insert.setObject(8, agency);
                insert.setTimestamp(9, Timestamp.valueOf(received));
                insert.setTimestamp(10, atAgency ? Timestamp.valueOf(received.plusHours(1)) : null);
                insert.setObject(11, atAgency ? day.plusDays(1) : null);
                boolean signed = state.equals("SIGNED") || state.equals("CLOSED");
                insert.setTimestamp(12, signed ? Timestamp.valueOf(received.plusHours(5)) : null);
                insert.setObject(13, atAgency ? day.plusDays(7) : null);
                insert.setTimestamp(14, isOpen ? null : Timestamp.valueOf(received.plusDays(3)));
                insert.setString(15, isOpen ? null : "已办理（基准测试）");
                insert.setString(16, isOpen ? null : random.nextInt(5) == 0 ? "UNSATISFIED" : "SATISFIED");
                insert.setTimestamp(17, isOpen ? null : Timestamp.valueOf(received.plusDays(4)));
                insert.setTimestamp(18, Timestamp.valueOf(received.plusDays(isOpen ? 0 : 4)));
                insert.addBatch();
                if ((i + 1) % BATCH == 0) {
                    insert.executeBatch();
                    db.commit();
                }
            }
            insert.executeBatch();
        }
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE bench_hotline_data (seed BIGINT, open_tickets INT, closed_tickets INT)");
            s.execute("INSERT INTO bench_hotline_data VALUES (" + SEED + ", " + open + ", " + closed + ")");
        }
        db.commit();
    }
}
