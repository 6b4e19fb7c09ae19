package org.yiwang.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Lets a load run for at least {@code min} and then until {@code done} holds, at most {@code max}: steady on a busy machine. */
public final class Await {

    private Await() {
    }

    public static void atLeastThenUntil(Duration min, Duration max, BooleanSupplier done) throws InterruptedException {
        long start = System.nanoTime();
        Thread.sleep(min.toMillis());
        while (!done.getAsBoolean() && System.nanoTime() - start < max.toNanos()) {
            Thread.sleep(200);
        }
    }
}
