package org.yiwang.bench;

/**
 * One measurement of the suite. Add a new one by implementing this and listing it in {@link BenchSuite}.
 * A benchmark that throws is reported as failed and the suite goes on with the next one.
 */
interface Benchmark {

    /** Short stable id, used in the report and by {@code -Dbench.only}. */
    String name();

    Result run(BenchContext ctx) throws Exception;
}
