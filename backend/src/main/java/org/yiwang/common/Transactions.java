package org.yiwang.common;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a unit of work in one transaction and runs it again when the database chose it as a deadlock victim.
 * Flowable's runtime tables deadlock now and then under concurrent load even at READ COMMITTED; the retry
 * sees what the winner committed and then succeeds or answers a clear conflict.
 */
@Component
public class Transactions {

    private static final Logger log = LoggerFactory.getLogger(Transactions.class);
    private static final int ATTEMPTS = 6;
    /** The first retry waits up to this long, each further one up to twice as long as the one before. */
    private static final long FIRST_BACKOFF_MS = 40;

    private final TransactionTemplate template;
    private final TransactionTemplate separate;

    Transactions(PlatformTransactionManager transactions) {
        this.template = new TransactionTemplate(transactions);
        this.separate = new TransactionTemplate(transactions);
        separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public <T> T retryingDeadlocks(Supplier<T> work) {
        return retrying(template, work);
    }

    /** Like {@link #retryingDeadlocks(Supplier)}, in a short transaction of its own even inside another one. */
    public <T> T separatelyRetryingDeadlocks(Supplier<T> work) {
        return retrying(separate, work);
    }

    private static <T> T retrying(TransactionTemplate template, Supplier<T> work) {
        for (int attempt = 1;; attempt++) {
            try {
                return template.execute(status -> work.get());
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS || !isDeadlock(e)) {
                    throw e;
                }
                log.info("deadlock, retrying (attempt {} of {})", attempt + 1, ATTEMPTS);
                try {
                    // Random waits spread the losers apart; a convoy of equal waits deadlocks again.
                    Thread.sleep(ThreadLocalRandom.current().nextLong(FIRST_BACKOFF_MS << (attempt - 1)) + 1);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    public void retryingDeadlocks(Runnable work) {
        retryingDeadlocks(() -> {
            work.run();
            return null;
        });
    }

    /** MySQL/MariaDB error 1213 and H2's deadlock both report SQL state 40001, wrapped however deep. */
    static boolean isDeadlock(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PessimisticLockingFailureException) {
                return true;
            }
            if (t instanceof SQLException sql && ("40001".equals(sql.getSQLState()) || sql.getErrorCode() == 1213)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
