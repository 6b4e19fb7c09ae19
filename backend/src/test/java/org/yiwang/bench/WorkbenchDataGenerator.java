package org.yiwang.bench;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.apache.shiro.authc.credential.DefaultPasswordService;
import org.yiwang.application.ApplicationNumbersAccess;
import org.yiwang.identity.PersonalDataCipher;
import org.yiwang.support.Journeys;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Fills a migrated MariaDB database with the workbench's scale of issue 5: {@value #CONCLUDED} concluded applications
 * and {@value #OPEN} open tasks over the province's real agencies and items, deterministically from {@value #SEED}.
 *
 * <p>Nothing of the engine is invented. The running server first makes one real application per template state
 * through the HTTP API (submitted, accepted, reviewed, and concluded ones, on the instant and standard processes of
 * 海口市市场监督管理局), so Flowable writes its own rows for each. Those rows — executions, tasks, candidate links
 * {@code agency:{id}:{ROLE}}, variables, the acceptance timer, activity instances and their history — are then copied
 * with INSERT…SELECT once per generated application: every id of the instance gets a suffix of its own, the
 * application number and the agency in group names and variables are replaced, clerks are mapped to the new agency's
 * clerks, and times are shifted. Concluded applications keep the history the done list reads
 * ({@code ACT_HI_PROCINST}, {@code ACT_HI_TASKINST}) and their business row; their activity and variable history,
 * timeline, notifications and e-licences are not generated.
 *
 * <p>Load follows the agencies: weighted by department (market regulation, human resources and social security,
 * civil affairs, the administrative approval bureaus first), by place (海口, 三亚 above the counties) and by level.
 * Every agency with load gets one generated clerk per role ({@code w{agencyId}.accept}, ... password
 * {@value #CLERK_PASSWORD}), except 海口市市场监督管理局, whose work goes to the demo clerks hk.accept and colleagues.
 * Applicants are {@value #APPLICANTS} generated people with encrypted identity numbers under {@link #DATA_KEY}.
 *
 * <p>When it is done it writes the seed, the counts and {@link #VERSION} to {@code bench_workbench_data}; a database
 * holding that row for the same values is reused as it is ({@link #cached}).
 */
final class WorkbenchDataGenerator {

    static final long SEED = 20261127L;
    /** Raised whenever the generated data changes, so that a database from an earlier generator is made afresh. */
    static final int VERSION = 2;
    static final int OPEN = 100_000;
    static final int CONCLUDED = 1_000_000;
    static final int APPLICANTS = 20_000;
    static final String CLERK_PASSWORD = "Bench-Clerk-2026";
    /** Keys for the personal data of the generated applicants; the workbench server runs with the same ones. */
    static final String DATA_KEY = key("yiwang-bench-data-key");
    static final String HASH_KEY = key("yiwang-bench-hash-key");
    /** 海口市市场监督管理局: its templates are made by the demo clerks, who therefore also own its generated work. */
    static final String HAIKOU_SCJ = "4601-SCJ";

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final int BATCH = 2_000;
    private static final Map<String, Integer> DEPARTMENT_WEIGHTS = Map.ofEntries(Map.entry("SCJ", 10), Map.entry("RSJ", 8),
            Map.entry("MZJ", 8), Map.entry("XZSP", 6), Map.entry("JTJ", 4), Map.entry("WJW", 4), Map.entry("SWJ", 3),
            Map.entry("GAJ", 3), Map.entry("ZJJ", 3), Map.entry("ZRZY", 3), Map.entry("YBJ", 3), Map.entry("NYJ", 2));
    private static final Map<String, Integer> PLACE_WEIGHTS = Map.of("4601", 4, "4602", 2);
    /** Engine tables copied per state, with how a template's rows are found in them. */
    private static final Map<String, String> OPEN_TABLES = new LinkedHashMap<>();
    private static final Map<String, String> CONCLUDED_TABLES = new LinkedHashMap<>();

    static {
        String proc = "t.PROC_INST_ID_ = ?";
        String linked = "(t.PROC_INST_ID_ = ? OR t.TASK_ID_ IN (SELECT ID_ FROM ACT_HI_TASKINST WHERE PROC_INST_ID_ = ?))";
        OPEN_TABLES.put("ACT_RU_EXECUTION", proc);
        OPEN_TABLES.put("ACT_RU_TASK", proc);
        OPEN_TABLES.put("ACT_RU_IDENTITYLINK", linked);
        OPEN_TABLES.put("ACT_RU_VARIABLE", proc);
        OPEN_TABLES.put("ACT_RU_TIMER_JOB", "t.PROCESS_INSTANCE_ID_ = ?");
        OPEN_TABLES.put("ACT_RU_ACTINST", proc);
        OPEN_TABLES.put("ACT_HI_PROCINST", proc);
        OPEN_TABLES.put("ACT_HI_TASKINST", proc);
        OPEN_TABLES.put("ACT_HI_IDENTITYLINK", linked);
        OPEN_TABLES.put("ACT_HI_VARINST", proc);
        OPEN_TABLES.put("ACT_HI_ACTINST", proc);
        CONCLUDED_TABLES.put("ACT_HI_PROCINST", proc);
        CONCLUDED_TABLES.put("ACT_HI_TASKINST", proc);
    }

    /** A state of the templates: the process, the clerk actions that lead there, and its share of the generated rows. */
    enum State {
        INSTANT_OPEN("instant", List.of(), true, 20),
        STANDARD_ACCEPT("standard", List.of(), true, 35),
        STANDARD_REVIEW("standard", List.of("accept"), true, 25),
        STANDARD_DECIDE("standard", List.of("accept", "review"), true, 20),
        INSTANT_CONCLUDED("instant", List.of("approve"), false, 40),
        STANDARD_CONCLUDED("standard", List.of("accept", "review", "approve"), false, 60);

        final String processKey;
        final List<String> actions;
        final boolean open;
        final int share;

        State(String processKey, List<String> actions, boolean open, int share) {
            this.processKey = processKey;
            this.actions = actions;
            this.open = open;
            this.share = share;
        }
    }

    /** What the benchmark needs from the generated data. */
    record Generated(int openTasks, int concluded, List<String> busiestAcceptClerks, boolean reused, double seconds) {
    }

    private record Agency(long id, String code, String shortName, String regionCode, String level, String department) {
    }

    private record Item(long id, long agencyId, String regionCode, int limitDays, String processKey) {
    }

    private record Template(State state, String applicationNo, String processInstanceId, LocalDateTime taskTime,
            Map<String, String> clerkIds) {
    }

    private final Connection db;
    private final AppServer server;
    private final BenchContext ctx;
    private final Random random = new Random(SEED);
    private final LocalDateTime now = LocalDateTime.now(ZONE).withNano(0);

    private WorkbenchDataGenerator(Connection db, AppServer server, BenchContext ctx) {
        this.db = db;
        this.server = server;
        this.ctx = ctx;
    }

    /** JDBC settings for bulk loading: client-side statements, so that batches are rewritten into multi-row INSERTs. */
    /** A server on the kept scale database with its data. */
    record OnScaleData(AppServer server, Generated data) {
    }

    /**
     * Starts the server on the kept scale database ({@code -Dbench.workbench.db}), generating the data first when it
     * is missing; after generating, the server starts again, as the cached runs have it: nothing the generator left in
     * its caches is measured.
     */
    static OnScaleData startServer(BenchContext ctx, String benchmark) throws Exception {
        String database = ctx.config.workbenchDatabase();
        Generated data = null;
        if (ctx.databaseExists(database)) {
            try (Connection c = connect(ctx.config, database)) {
                data = cached(c);
            }
        }
        AppServer server = ctx.startServerOnKept(database, data == null, DATA_KEY, HASH_KEY);
        if (data == null) {
            System.out.println(benchmark + ": generating the workbench data into " + database + " (once; later runs reuse it)");
            try (Connection c = connect(ctx.config, database)) {
                data = generate(c, server, ctx);
            }
            server = ctx.startServerOnKept(database, false, DATA_KEY, HASH_KEY);
        }
        return new OnScaleData(server, data);
    }

    static Connection connect(BenchConfig config, String database) throws SQLException {
        return DriverManager.getConnection(config.jdbcUrl(database) + "?rewriteBatchedStatements=true&useServerPrepStmts=false"
                + "&nullCatalogMeansCurrent=true", config.dbUser(), config.dbPassword());
    }

    /** The data of an earlier run, when this database holds the same seed and counts; else null. */
    static Generated cached(Connection db) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT seed, open_tasks, concluded, version FROM bench_workbench_data")) {
            if (!rs.next() || rs.getLong(1) != SEED || rs.getInt(2) != OPEN || rs.getInt(3) != CONCLUDED || rs.getInt(4) != VERSION) {
                return null;
            }
        } catch (SQLException noTable) {
            return null;
        }
        return new Generated(OPEN, CONCLUDED, busiestAcceptClerks(db), true, 0);
    }

    /** Generates everything into the database the running {@code server} has just migrated. */
    static Generated generate(Connection db, AppServer server, BenchContext ctx) throws Exception {
        long t0 = System.nanoTime();
        new WorkbenchDataGenerator(db, server, ctx).run();
        return new Generated(OPEN, CONCLUDED, busiestAcceptClerks(db), false, (System.nanoTime() - t0) / 1e9);
    }

    private void run() throws Exception {
        List<Agency> agencies = agencies();
        Map<Long, List<Item>> items = items();
        Map<Long, Map<String, String>> clerks = staff(agencies, items);
        long firstApplicant = applicants();
        Map<State, Template> templates = new LinkedHashMap<>();
        for (State s : State.values()) {
            templates.put(s, template(s));
            log("template " + s + ": " + templates.get(s).applicationNo());
        }
        try (Statement s = db.createStatement()) {
            // The copies of one instance reference each other (parent executions, tasks); rows come in table order.
            s.execute("SET SESSION foreign_key_checks = 0");
            s.execute("SET SESSION unique_checks = 0");
            s.execute("DROP TABLE IF EXISTS bench_clone");
            s.execute("CREATE TABLE bench_clone (n BIGINT NOT NULL PRIMARY KEY, state VARCHAR(24) NOT NULL, sfx CHAR(12) NOT NULL, "
                    + "app_no VARCHAR(32) NOT NULL, agency_id BIGINT NOT NULL, shift_s BIGINT NOT NULL, u_accept VARCHAR(20), "
                    + "u_review VARCHAR(20), u_approve VARCHAR(20), KEY (state))");
        }
        WeightedAgencies weighted = new WeightedAgencies(agencies, items);
        Map<String, Integer> sequences = sequences();
        int n = 0;
        try (PreparedStatement clone = db.prepareStatement("INSERT INTO bench_clone VALUES (?,?,?,?,?,?,?,?,?)");
                PreparedStatement app = db.prepareStatement(applicationInsert())) {
            for (State state : State.values()) {
                int count = (state.open ? OPEN : CONCLUDED) * state.share / 100;
                Template t = templates.get(state);
                for (int i = 0; i < count; i++, n++) {
                    Item item = weighted.pick(state.processKey, random);
                    Agency agency = weighted.agency(item.agencyId());
                    Map<String, String> staff = clerks.get(agency.id());
                    LocalDateTime submitted = submittedAt(state);
                    LocalDateTime accepted = state == State.INSTANT_OPEN || state == State.STANDARD_ACCEPT ? null
                            : submitted.plusHours(2 + random.nextInt(70));
                    LocalDateTime taskTime = switch (state) {
                        case STANDARD_REVIEW -> accepted;
                        case STANDARD_DECIDE -> accepted.plusHours(4 + random.nextInt(24 * Math.max(1, item.limitDays() / 2)));
                        default -> submitted;
                    };
                    LocalDateTime concluded = state.open ? null : accepted.plusHours(1 + random.nextInt(24 * Math.max(1, item.limitDays())));
                    if (concluded != null && concluded.isAfter(now)) {
                        concluded = now.minusMinutes(random.nextInt(600) + 1);
                    }
                    String sfx = "b" + "%011x".formatted(n);
                    String no = number(agency.regionCode(), submitted.toLocalDate(), sequences);
                    LocalDateTime engineAt = state.open ? taskTime : concluded;
                    long shift = java.time.Duration.between(t.taskTime(), engineAt).getSeconds();
                    clone.setLong(1, n);
                    clone.setString(2, state.name());
                    clone.setString(3, sfx);
                    clone.setString(4, no);
                    clone.setLong(5, agency.id());
                    clone.setLong(6, shift);
                    clone.setString(7, staff.get("ACCEPT"));
                    clone.setString(8, staff.get("REVIEW"));
                    clone.setString(9, staff.get("APPROVE"));
                    clone.addBatch();
                    bindApplication(app, state, item, agency, no, t.processInstanceId().substring(0, 24) + sfx,
                            firstApplicant + random.nextInt(APPLICANTS), submitted, accepted, concluded);
                    app.addBatch();
                    if (n % BATCH == BATCH - 1) {
                        clone.executeBatch();
                        app.executeBatch();
                    }
                    if (n % 100_000 == 99_999) {
                        log((n + 1) + " applications");
                    }
                }
            }
            clone.executeBatch();
            app.executeBatch();
        }
        saveSequences(sequences);
        for (State state : State.values()) {
            copyEngineRows(templates.get(state), state.open ? OPEN_TABLES : CONCLUDED_TABLES);
        }
        try (Statement s = db.createStatement()) {
            s.execute("DROP TABLE bench_clone");
            for (String table : List.of("application", "account", "account_role", "ACT_RU_EXECUTION", "ACT_RU_TASK",
                    "ACT_RU_IDENTITYLINK", "ACT_RU_VARIABLE", "ACT_HI_PROCINST", "ACT_HI_TASKINST")) {
                s.execute("ANALYZE TABLE " + table);
            }
            s.execute("CREATE TABLE bench_workbench_data (seed BIGINT NOT NULL, open_tasks INT NOT NULL, concluded INT NOT NULL, "
                    + "version INT NOT NULL, generated_at TIMESTAMP NOT NULL)");
            s.execute("INSERT INTO bench_workbench_data VALUES (" + SEED + ", " + OPEN + ", " + CONCLUDED + ", " + VERSION
                    + ", CURRENT_TIMESTAMP)");
        }
    }

    // ---- reference data ---------------------------------------------------------------------------------------

    private List<Agency> agencies() throws SQLException {
        List<Agency> out = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT id, code, short_name, region_code, level FROM agency WHERE kind <> 'VILLAGE_SERVICE_POINT' ORDER BY id")) {
            while (rs.next()) {
                String code = rs.getString(2);
                out.add(new Agency(rs.getLong(1), code, rs.getString(3), rs.getString(4), rs.getString(5),
                        code.contains("-") ? code.substring(code.indexOf('-') + 1) : code));
            }
        }
        return out;
    }

    /** Published instant and standard items by agency: the two templates generated work is copied from. */
    private Map<Long, List<Item>> items() throws SQLException {
        Map<Long, List<Item>> out = new HashMap<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT id, agency_id, region_code, "
                + "promised_limit_days, process_key FROM item WHERE status = 'PUBLISHED' AND process_key IN ('instant', 'standard') "
                + "ORDER BY id")) {
            while (rs.next()) {
                Item i = new Item(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getString(5));
                out.computeIfAbsent(i.agencyId(), k -> new ArrayList<>()).add(i);
            }
        }
        return out;
    }

    /** Agencies drawn by weight, then one of their items of the wanted process, uniformly. */
    private static final class WeightedAgencies {

        private final Map<String, List<Agency>> agencies = new HashMap<>();
        private final Map<String, double[]> cumulative = new HashMap<>();
        private final Map<Long, Agency> byId = new HashMap<>();
        private final Map<Long, List<Item>> items;

        WeightedAgencies(List<Agency> all, Map<Long, List<Item>> items) {
            this.items = items;
            for (String key : List.of("instant", "standard")) {
                List<Agency> with = all.stream().filter(a -> items.getOrDefault(a.id(), List.of()).stream()
                        .anyMatch(i -> i.processKey().equals(key))).toList();
                double[] cum = new double[with.size()];
                double sum = 0;
                for (int i = 0; i < with.size(); i++) {
                    sum += weight(with.get(i));
                    cum[i] = sum;
                }
                agencies.put(key, with);
                cumulative.put(key, cum);
            }
            all.forEach(a -> byId.put(a.id(), a));
        }

        private static double weight(Agency a) {
            double level = switch (a.level()) {
                case "PROVINCE" -> 2;
                case "TOWNSHIP" -> 0.4;
                default -> 1;
            };
            String place = a.regionCode().length() >= 4 ? a.regionCode().substring(0, 4) : a.regionCode();
            return level * DEPARTMENT_WEIGHTS.getOrDefault(a.department(), 1) * PLACE_WEIGHTS.getOrDefault(place, 1);
        }

        Item pick(String processKey, Random random) {
            double[] cum = cumulative.get(processKey);
            int i = java.util.Arrays.binarySearch(cum, random.nextDouble() * cum[cum.length - 1]);
            Agency a = agencies.get(processKey).get(i >= 0 ? i : -i - 1);
            List<Item> of = items.get(a.id()).stream().filter(it -> it.processKey().equals(processKey)).toList();
            return of.get(random.nextInt(of.size()));
        }

        Agency agency(long id) {
            return byId.get(id);
        }
    }

    // ---- accounts ----------------------------------------------------------------------------------------------

    /** The clerks (account ids as the engine stores them) by role for every agency with items; the demo ones at Haikou. */
    private Map<Long, Map<String, String>> staff(List<Agency> agencies, Map<Long, List<Item>> items) throws SQLException {
        String hash = new DefaultPasswordService().encryptPassword(CLERK_PASSWORD);
        Timestamp created = Timestamp.valueOf(now);
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO account (username, kind, display_name, region_code, agency_id, "
                + "password_hash, failed_logins, enabled, created_at) VALUES (?, 'STAFF', ?, ?, ?, ?, 0, TRUE, ?)")) {
            for (Agency a : agencies) {
                if (!items.containsKey(a.id()) || a.code().equals(HAIKOU_SCJ)) {
                    continue;
                }
                for (String role : List.of("ACCEPT", "REVIEW", "APPROVE", "HEAD")) {
                    ps.setString(1, "w" + a.id() + "." + role.toLowerCase());
                    ps.setString(2, (a.shortName() + roleName(role)));
                    ps.setString(3, a.regionCode());
                    ps.setLong(4, a.id());
                    ps.setString(5, hash);
                    ps.setTimestamp(6, created);
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
        try (Statement s = db.createStatement()) {
            s.executeUpdate("INSERT INTO account_role (account_id, role) SELECT id, UPPER(SUBSTRING_INDEX(username, '.', -1)) "
                    + "FROM account WHERE username LIKE 'w%.%' AND kind = 'STAFF'");
        }
        Map<Long, Map<String, String>> out = new HashMap<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT a.agency_id, r.role, a.id FROM account a "
                + "JOIN account_role r ON r.account_id = a.id WHERE a.kind = 'STAFF' AND a.agency_id IS NOT NULL "
                + "AND (a.username LIKE 'w%.%' OR a.username LIKE 'hk.%') ORDER BY a.id")) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).putIfAbsent(rs.getString(2), String.valueOf(rs.getLong(3)));
            }
        }
        log("staff: " + out.size() + " agencies with clerks");
        return out;
    }

    private static String roleName(String role) {
        return switch (role) {
            case "ACCEPT" -> "受理员";
            case "REVIEW" -> "审查员";
            case "APPROVE" -> "审批员";
            default -> "负责人";
        };
    }

    /** People with valid, encrypted identity numbers; answers the id of the first. */
    private long applicants() throws SQLException {
        PersonalDataCipher cipher = new PersonalDataCipher(DATA_KEY, HASH_KEY);
        String hash = new DefaultPasswordService().encryptPassword(CLERK_PASSWORD);
        String surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高符邢云吉羊";
        String given = "海南明华文志国建平丽芳秀英伟强军敏静雪梅婷玉兰桂椰";
        List<String> regions = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT code FROM region WHERE kind = 'VILLAGE' ORDER BY code")) {
            while (rs.next()) {
                regions.add(rs.getString(1));
            }
        }
        Random r = new Random(SEED + 1);
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO account (kind, display_name, id_type, id_number_enc, "
                + "id_number_hash, region_code, password_hash, failed_logins, enabled, created_at) "
                + "VALUES ('APPLICANT', ?, 'ID_CARD', ?, ?, ?, ?, 0, TRUE, ?)")) {
            for (int i = 0; i < APPLICANTS; i++) {
                String region = regions.get(r.nextInt(regions.size()));
                LocalDate born = LocalDate.of(1950, 1, 1).plusDays(r.nextInt(365 * 55));
                String id = idNumber(region.substring(0, 6), born, i);
                ps.setString(1, "" + surnames.charAt(r.nextInt(surnames.length())) + given.charAt(r.nextInt(given.length()))
                        + given.charAt(r.nextInt(given.length())));
                ps.setString(2, cipher.encrypt(id));
                ps.setString(3, cipher.lookupHash(id));
                ps.setString(4, region);
                ps.setString(5, hash);
                ps.setTimestamp(6, Timestamp.valueOf(now.minusDays(1200)));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT MIN(id) FROM account WHERE kind = 'APPLICANT' AND username IS NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A GB 11643 identity number: place, birth date, a sequence, and its check character. */
    private static String idNumber(String place, LocalDate born, int sequence) {
        String body = place + born.format(DateTimeFormatter.BASIC_ISO_DATE) + "%03d".formatted(sequence % 1000);
        int[] weights = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    // ---- templates made by the real server ---------------------------------------------------------------------

    /** One application brought to {@code state} through the API by the demo applicant and the Haikou demo clerks. */
    private Template template(State state) throws Exception {
        String itemCode;
        List<Long> materials = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT i.code FROM item i JOIN agency g ON g.id = i.agency_id "
                + "WHERE g.code = ? AND i.process_key = ? AND i.status = 'PUBLISHED' ORDER BY i.id LIMIT 1")) {
            ps.setString(1, HAIKOU_SCJ);
            ps.setString(2, state.processKey);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                itemCode = rs.getString(1);
            }
        }
        try (PreparedStatement ps = db.prepareStatement("SELECT m.id FROM item_material m JOIN item i ON i.id = m.item_id "
                + "WHERE i.code = ? AND m.required ORDER BY m.id")) {
            ps.setString(1, itemCode);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    materials.add(rs.getLong(1));
                }
            }
        }
        Session applicant = Session.login(ctx.http, server.baseUrl, "applicant", server.demoPassword);
        String no = Session.expect(applicant.postJson("/api/v1/applications", Map.of("itemCode", itemCode, "regionCode", "4601",
                "formData", Map.of("reason", "申请办理", "contact", "黎小明"))), 201, "create draft").path("applicationNo").asText();
        for (long m : materials) {
            Session.expect(applicant.upload("/api/v1/applications/" + no + "/materials", "scan-" + m + ".png", Journeys.PNG,
                    "image/png", Map.of("materialId", String.valueOf(m))), 201, "upload");
        }
        Session.expect(applicant.send(HttpRequest.newBuilder(applicant.uri("/api/v1/applications/" + no + "/submit"))
                .header("Idempotency-Key", UUID.randomUUID().toString()).POST(HttpRequest.BodyPublishers.noBody())), 200, "submit");
        Map<String, String> clerkIds = new HashMap<>();
        for (String action : state.actions) {
            String clerk = switch (action) {
                case "accept" -> "hk.accept";
                case "review" -> "hk.review";
                default -> "hk.approve";
            };
            Session s = Session.login(ctx.http, server.baseUrl, clerk, server.demoPassword);
            JsonNode task = Session.expect(s.get("/api/v1/workbench/tasks", "view", "todo", "applicationNo", no), 200, "todo")
                    .path("items").path(0);
            Session.expect(s.postJson("/api/v1/workbench/tasks/" + task.path("taskId").asText() + "/" + action,
                    Map.of("opinion", "同意。")), 200, action);
        }
        for (String[] c : new String[][] { { "ACCEPT", "hk.accept" }, { "REVIEW", "hk.review" }, { "APPROVE", "hk.approve" } }) {
            clerkIds.put(c[0], accountId(c[1]));
        }
        String processInstance;
        try (PreparedStatement ps = db.prepareStatement("SELECT process_instance_id FROM application WHERE application_no = ?")) {
            ps.setString(1, no);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                processInstance = rs.getString(1);
            }
        }
        // The time the copies are shifted from: the open task's creation, or the end of the concluded process.
        String timeSql = state.open ? "SELECT MAX(CREATE_TIME_) FROM ACT_RU_TASK WHERE PROC_INST_ID_ = ?"
                : "SELECT END_TIME_ FROM ACT_HI_PROCINST WHERE PROC_INST_ID_ = ?";
        LocalDateTime engineTime;
        try (PreparedStatement ps = db.prepareStatement(timeSql)) {
            ps.setString(1, processInstance);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                engineTime = rs.getTimestamp(1).toLocalDateTime();
            }
        }
        // The engine writes its times in the server's default zone, the business tables in the platform's: align.
        LocalDateTime inPlatformZone = engineTime.atZone(ZoneId.systemDefault()).withZoneSameInstant(ZONE).toLocalDateTime();
        return new Template(state, no, processInstance, inPlatformZone, clerkIds);
    }

    private String accountId(String username) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT id FROM account WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return String.valueOf(rs.getLong(1));
            }
        }
    }

    // ---- applications ------------------------------------------------------------------------------------------

    private LocalDateTime submittedAt(State state) {
        long minutesAgo = switch (state) {
            // Still waiting for acceptance: within the 5 working days of the notice, so the timer is still ahead.
            case INSTANT_OPEN, STANDARD_ACCEPT -> random.nextInt(3 * 24 * 60);
            case STANDARD_REVIEW -> 3 * 24 * 60 + random.nextInt(20 * 24 * 60);
            case STANDARD_DECIDE -> 5 * 24 * 60 + random.nextInt(30 * 24 * 60);
            default -> 30L * 24 * 60 + random.nextInt(1000 * 24 * 60);
        };
        return now.minusMinutes(minutesAgo + 60);
    }

    private static String applicationInsert() {
        return "INSERT INTO application (application_no, item_id, agency_id, region_code, applicant_id, status, form_data, "
                + "process_instance_id, submit_key, submitted_at, accepted_at, accept_deadline, limit_days, due_date, yellow_from, "
                + "decision, decided_at, concluded_at, created_at, updated_at, version) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    }

    private void bindApplication(PreparedStatement ps, State state, Item item, Agency agency, String no, String processInstance,
            long applicant, LocalDateTime submitted, LocalDateTime accepted, LocalDateTime concluded) throws SQLException {
        // As the application sets them: an instant item is due the day it is received, any other first by the
        // supplement notice and from acceptance by its limit; YELLOW from 80 % of the limit (StatutoryClock).
        boolean instant = item.processKey().equals("instant");
        LocalDate acceptDeadline = instant ? null : addWorkingDays(submitted.toLocalDate(), 5);
        LocalDate due = accepted != null ? addWorkingDays(accepted.toLocalDate(), item.limitDays())
                : instant ? submitted.toLocalDate() : acceptDeadline;
        LocalDate yellowFrom = addWorkingDays(due, -(item.limitDays() - (int) Math.ceil(0.8 * item.limitDays())));
        String status = switch (state) {
            case INSTANT_OPEN, STANDARD_ACCEPT -> "SUBMITTED";
            case STANDARD_REVIEW -> "ACCEPTED";
            case STANDARD_DECIDE -> "UNDER_REVIEW";
            default -> "CONCLUDED";
        };
        ps.setString(1, no);
        ps.setLong(2, item.id());
        ps.setLong(3, agency.id());
        ps.setString(4, item.regionCode());
        ps.setLong(5, applicant);
        ps.setString(6, status);
        ps.setString(7, "{\"reason\":\"申请办理\",\"contact\":\"申请人\"}");
        ps.setString(8, processInstance);
        ps.setString(9, UUID.nameUUIDFromBytes(no.getBytes(StandardCharsets.UTF_8)).toString());
        ps.setTimestamp(10, Timestamp.valueOf(submitted));
        ps.setTimestamp(11, accepted == null ? null : Timestamp.valueOf(accepted));
        ps.setObject(12, acceptDeadline);
        ps.setInt(13, item.limitDays());
        ps.setObject(14, due);
        ps.setObject(15, yellowFrom);
        ps.setString(16, concluded == null ? null : "APPROVED");
        ps.setTimestamp(17, concluded == null ? null : Timestamp.valueOf(concluded));
        ps.setTimestamp(18, concluded == null ? null : Timestamp.valueOf(concluded));
        ps.setTimestamp(19, Timestamp.valueOf(submitted.minusMinutes(30)));
        ps.setTimestamp(20, Timestamp.valueOf(concluded != null ? concluded : accepted != null ? accepted : submitted));
        ps.setInt(21, 2 + (accepted == null ? 0 : 1) + (concluded == null ? 0 : 2));
    }

    /** Monday to Friday; the real calendar's holidays and make-up days are not applied to generated dates. */
    private static LocalDate addWorkingDays(LocalDate from, int days) {
        LocalDate d = from;
        int step = days < 0 ? -1 : 1;
        for (int left = Math.abs(days); left > 0; ) {
            d = d.plusDays(step);
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                left--;
            }
        }
        return d;
    }

    private Map<String, Integer> sequences() throws SQLException {
        Map<String, Integer> out = new HashMap<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT region6, day, next_seq FROM application_sequence")) {
            while (rs.next()) {
                out.put(rs.getString(1) + rs.getString(2), rs.getInt(3));
            }
        }
        return out;
    }

    /** The next number of the agency's division and day, from the same counters the application uses. */
    private static String number(String regionCode, LocalDate day, Map<String, Integer> sequences) {
        String region6 = regionCode.length() >= 6 ? regionCode.substring(0, 6) : (regionCode + "000000").substring(0, 6);
        String key = region6 + day.format(DateTimeFormatter.BASIC_ISO_DATE);
        int seq = sequences.merge(key, 1, Integer::sum);
        return ApplicationNumbersAccess.number(key + "%06d".formatted(seq));
    }

    /** The counters continue after the generated numbers, so applications made later never take one of them. */
    private void saveSequences(Map<String, Integer> sequences) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("DELETE FROM application_sequence");
        }
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO application_sequence (region6, day, next_seq) VALUES (?,?,?)")) {
            for (var e : sequences.entrySet()) {
                ps.setString(1, e.getKey().substring(0, 6));
                ps.setString(2, e.getKey().substring(6));
                ps.setInt(3, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    // ---- copying the engine's rows ----------------------------------------------------------------------------

    /**
     * Copies the template instance's rows of each table once per generated application of its state. Every id of
     * the instance (any column named {@code …ID_} holding one) keeps its first 24 characters and gets the copy's
     * suffix; the application number and the template's agency are replaced in names and values; clerks map to the
     * copy's clerks; times and date variables move by the copy's shift.
     */
    private void copyEngineRows(Template t, Map<String, String> tables) throws SQLException {
        Set<String> ids = instanceIds(t, tables);
        String agencyId = haikouAgencyId();
        for (var table : tables.entrySet()) {
            List<String> columns = new ArrayList<>();
            List<String> values = new ArrayList<>();
            try (PreparedStatement ps = db.prepareStatement("SELECT COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS "
                    + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
                ps.setString(1, table.getKey());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String col = rs.getString(1);
                        columns.add(col);
                        values.add(expression(col, rs.getString(2), table.getKey(), ids, t, agencyId));
                    }
                }
            }
            long t0 = System.nanoTime();
            // The template's rows are set apart first: an INSERT…SELECT from its own table would go through a temporary table.
            try (Statement s = db.createStatement()) {
                s.execute("DROP TABLE IF EXISTS bench_template_rows");
            }
            try (PreparedStatement ps = db.prepareStatement("CREATE TABLE bench_template_rows AS SELECT t.* FROM " + table.getKey()
                    + " t WHERE " + table.getValue())) {
                int params = table.getValue().length() - table.getValue().replace("?", "").length();
                for (int i = 1; i <= params; i++) {
                    ps.setString(i, t.processInstanceId());
                }
                ps.execute();
            }
            try (Statement s = db.createStatement()) {
                int rows = s.executeUpdate("INSERT INTO " + table.getKey() + " (" + String.join(", ", columns) + ") SELECT "
                        + String.join(", ", values) + " FROM bench_template_rows t JOIN bench_clone c ON c.state = '"
                        + t.state().name() + "'");
                s.execute("DROP TABLE bench_template_rows");
                log(table.getKey() + " " + t.state() + ": " + rows + " rows in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            }
        }
    }

    private String haikouAgencyId() throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT id FROM agency WHERE code = ?")) {
            ps.setString(1, HAIKOU_SCJ);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return String.valueOf(rs.getLong(1));
            }
        }
    }

    private String expression(String column, String type, String table, Set<String> ids, Template t, String agencyId) {
        String col = "t." + column;
        if (column.endsWith("ID_") && !column.equals("PROC_DEF_ID_") && !column.equals("DEPLOYMENT_ID_")
                && (type.equals("varchar") || type.equals("char"))) {
            if (column.equals("USER_ID_") || column.equals("START_USER_ID_")) {
                return clerk(col, t);
            }
            if (column.equals("GROUP_ID_")) {
                return "REPLACE(" + col + ", 'agency:" + agencyId + ":', CONCAT('agency:', c.agency_id, ':'))";
            }
            return "IF(" + col + " IN (" + String.join(",", ids.stream().map(id -> "'" + id + "'").toList()) + "), CONCAT(LEFT("
                    + col + ", 24), c.sfx), " + col + ")";
        }
        if (column.equals("ASSIGNEE_") || column.equals("OWNER_")) {
            return clerk(col, t);
        }
        if (column.equals("BUSINESS_KEY_") || column.equals("TEXT_")) {
            return "REPLACE(REPLACE(" + col + ", '" + t.applicationNo() + "', c.app_no), 'agency:" + agencyId
                    + ":', CONCAT('agency:', c.agency_id, ':'))";
        }
        if (type.equals("datetime") || type.equals("timestamp")) {
            return col + " + INTERVAL c.shift_s SECOND";
        }
        if (column.equals("LONG_")) {
            String typeColumn = table.equals("ACT_HI_VARINST") ? "t.VAR_TYPE_" : "t.TYPE_";
            return "IF(" + typeColumn + " = 'date', " + col + " + c.shift_s * 1000, " + col + ")";
        }
        return col;
    }

    private static String clerk(String col, Template t) {
        return "CASE " + col + " WHEN '" + t.clerkIds().get("ACCEPT") + "' THEN c.u_accept WHEN '" + t.clerkIds().get("REVIEW")
                + "' THEN c.u_review WHEN '" + t.clerkIds().get("APPROVE") + "' THEN c.u_approve ELSE " + col + " END";
    }

    /** The ids the template instance's rows carry, found in every {@code …ID_} column of its rows. */
    private Set<String> instanceIds(Template t, Map<String, String> tables) throws SQLException {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(t.processInstanceId());
        for (var table : tables.entrySet()) {
            String where = table.getValue();
            try (PreparedStatement ps = db.prepareStatement("SELECT * FROM " + table.getKey() + " t WHERE " + where)) {
                int params = where.length() - where.replace("?", "").length();
                for (int i = 1; i <= params; i++) {
                    ps.setString(i, t.processInstanceId());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    var meta = rs.getMetaData();
                    while (rs.next()) {
                        for (int c = 1; c <= meta.getColumnCount(); c++) {
                            String name = meta.getColumnName(c).toUpperCase();
                            String v = rs.getObject(c) instanceof String s ? s : null;
                            if (name.endsWith("ID_") && !name.equals("PROC_DEF_ID_") && v != null && v.length() == 36
                                    && v.charAt(8) == '-') {
                                ids.add(v);
                            }
                        }
                    }
                }
            }
        }
        return ids;
    }

    // ---- what the benchmark reads -------------------------------------------------------------------------------

    /** Accept clerks of the agencies with the most open acceptance tasks, hk.accept first. */
    private static List<String> busiestAcceptClerks(Connection db) throws SQLException {
        List<String> out = new ArrayList<>(List.of("hk.accept"));
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT a.username FROM account a "
                + "JOIN (SELECT agency_id, COUNT(*) n FROM application WHERE status = 'SUBMITTED' GROUP BY agency_id) w "
                + "ON w.agency_id = a.agency_id WHERE a.username LIKE 'w%.accept' ORDER BY w.n DESC, a.username LIMIT 40")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static String key(String name) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void log(String message) {
        System.out.println("workbench data: " + message);
    }
}
