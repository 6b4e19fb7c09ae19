package org.yiwang.bench;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.HdrHistogram.Histogram;
import org.flowable.common.engine.impl.history.HistoryLevel;
import org.flowable.common.engine.impl.persistence.StrongUuidGenerator;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.flowable.engine.runtime.ProcessInstance;
import org.flowable.task.api.Task;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.yiwang.common.DatabaseSettings;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The bare Flowable engine running {@code processes/standard.bpmn20.xml} in this JVM, on a database of its own
 * with the application's pool, driver and engine settings (read from the application's own configuration, so
 * they cannot drift apart): what the lifecycle costs without the platform around it.
 */
final class BareEngineLifecycles implements AutoCloseable {

    static final String DATABASE = "yiwang_bench_engine";
    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(5);
    private static final int DEADLOCK_ATTEMPTS = 5;

    /** The service tasks' {@code ${lifecycle...}} calls, which in the application write business rows; here nothing. */
    public static final class NoLifecycle {

        public void deemAccepted(Object execution) {
        }

        public void conclude(Object execution) {
        }
    }

    record Stats(long lifecycles, double seconds, Histogram lifecycleMicros, long deadlocksRetried) {

        double throughput() {
            return lifecycles / seconds;
        }
    }

    private final BenchContext ctx;
    private final HikariDataSource dataSource;
    private final ProcessEngine engine;
    private final AtomicLong deadlocks = new AtomicLong();

    private BareEngineLifecycles(BenchContext ctx, HikariDataSource dataSource, ProcessEngine engine) {
        this.ctx = ctx;
        this.dataSource = dataSource;
        this.engine = engine;
    }

    static BareEngineLifecycles start(BenchContext ctx) throws Exception {
        String url = ctx.scratchDatabase(DATABASE);
        HikariDataSource dataSource = null;
        try {
            dataSource = dataSource(ctx, url);
            StandaloneProcessEngineConfiguration config = new StandaloneProcessEngineConfiguration();
            config.setDataSource(dataSource);
            config.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
            config.setIdGenerator(new StrongUuidGenerator());
            config.setHistoryLevel(HistoryLevel.getHistoryLevelForKey(applicationSetting("flowable.history-level")));
            // The application's async executor only fires the 5-working-day timer, which never comes due here.
            config.setAsyncExecutorActivate(false);
            config.setBeans(Map.of("lifecycle", new NoLifecycle()));
            ProcessEngine engine = config.buildProcessEngine();
            engine.getRepositoryService().createDeployment().name("bench")
                    .addClasspathResource("processes/standard.bpmn20.xml").deploy();
            return new BareEngineLifecycles(ctx, dataSource, engine);
        } catch (Exception | Error e) {
            if (dataSource != null) {
                dataSource.close();
            }
            ctx.dropScratchDatabase(DATABASE);
            throw e;
        }
    }

    /** Hikari as the application configures it: pool size and isolation from application.yml, driver settings from DatabaseSettings. */
    private static HikariDataSource dataSource(BenchContext ctx, String url) throws Exception {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("bench-bare-engine");
        hikari.setJdbcUrl(url);
        hikari.setUsername(ctx.config.dbUser());
        hikari.setPassword(ctx.config.dbPassword());
        hikari.setMaximumPoolSize(Integer.parseInt(applicationSetting("spring.datasource.hikari.maximum-pool-size")));
        hikari.setMinimumIdle(Integer.parseInt(applicationSetting("spring.datasource.hikari.minimum-idle")));
        hikari.setTransactionIsolation(applicationSetting("spring.datasource.hikari.transaction-isolation"));
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("bench", Map.of("spring.datasource.url", url)));
        new DatabaseSettings().postProcessEnvironment(environment, null);
        String prefix = "spring.datasource.hikari.data-source-properties.";
        MapPropertySource driver = (MapPropertySource) environment.getPropertySources().get("yiwangDatabaseSettings");
        for (String name : driver.getPropertyNames()) {
            hikari.addDataSourceProperty(name.substring(prefix.length()), driver.getProperty(name));
        }
        return new HikariDataSource(hikari);
    }

    private static String applicationSetting(String key) throws Exception {
        for (PropertySource<?> source : new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))) {
            Object value = source.getProperty(key);
            if (value != null) {
                return value.toString();
            }
        }
        throw new IllegalStateException(key + " is not in application.yml");
    }

    /** Runs lifecycles on {@code threads} for {@code warmupNanos}, uncounted, then exactly {@code count} more, timed. */
    Stats run(int threads, long warmupNanos, long count) throws Exception {
        long warmupEnd = System.nanoTime() + warmupNanos;
        runOn(threads, () -> System.nanoTime() < warmupEnd, new Histogram(MAX_MICROS, 3));
        deadlocks.set(0);
        AtomicLong left = new AtomicLong(count);
        Histogram latency = new Histogram(MAX_MICROS, 3);
        long start = System.nanoTime();
        runOn(threads, () -> left.getAndDecrement() > 0, latency);
        return new Stats(count, (System.nanoTime() - start) / 1e9, latency, deadlocks.get());
    }

    private void runOn(int threads, Supplier<Boolean> another, Histogram latency) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Histogram>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    Histogram mine = new Histogram(MAX_MICROS, 3);
                    while (another.get()) {
                        long start = System.nanoTime();
                        lifecycle();
                        mine.recordValue(Math.min(MAX_MICROS, (System.nanoTime() - start) / 1000));
                    }
                    return mine;
                }));
            }
            for (Future<Histogram> f : done) {
                latency.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Start, then accept, review and approve: the same three task completions as the full stack, with its variables. */
    private void lifecycle() {
        Map<String, Object> variables = new HashMap<>();
        variables.put("acceptGroup", "4601-SCJ:ACCEPT");
        variables.put("reviewGroup", "4601-SCJ:REVIEW");
        variables.put("decideGroup", "4601-SCJ:APPROVE");
        variables.put("headGroup", "4601-SCJ:HEAD");
        variables.put("acceptDeadline", Date.from(Instant.now().plus(3650, ChronoUnit.DAYS)));
        ProcessInstance instance = retryingDeadlocks(() -> engine.getRuntimeService()
                .startProcessInstanceByKey("standard", "bench-" + System.nanoTime(), variables));
        for (String outcome : List.of("accept", "review", "approve")) {
            Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
            retryingDeadlocks(() -> {
                engine.getTaskService().complete(task.getId(), Map.of("outcome", outcome));
                return null;
            });
        }
    }

    /** As the application does (DESIGN §8): a transaction chosen as a deadlock victim is run again, and counted. */
    private <T> T retryingDeadlocks(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (attempt == DEADLOCK_ATTEMPTS || !isDeadlock(e)) {
                    throw e;
                }
                deadlocks.incrementAndGet();
            }
        }
    }

    private static boolean isDeadlock(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && ("40001".equals(sql.getSQLState()) || sql.getErrorCode() == 1213)) {
                return true;
            }
        }
        return false;
    }

    /** Closes the engine and its pool, then drops its database. */
    @Override
    public void close() throws SQLException {
        try {
            engine.close();
        } finally {
            dataSource.close();
            ctx.dropScratchDatabase(DATABASE);
        }
    }
}
