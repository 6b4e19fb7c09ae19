package org.yiwang.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLTransactionRollbackException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.ibatis.exceptions.PersistenceException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.support.JdbcTransactionManager;

/** Deadlock victims are retried; one that loses every time answers 503 "busy", not 500. */
class TransactionsTest {

    private final Transactions transactions = new Transactions(new JdbcTransactionManager(h2()));

    @Test
    void aDeadlockVictimIsRunAgainUntilItWins() {
        AtomicInteger runs = new AtomicInteger();
        String answer = transactions.retryingDeadlocks(() -> {
            if (runs.incrementAndGet() < 3) {
                throw flowableDeadlock();
            }
            return "done";
        });
        assertThat(answer).isEqualTo("done");
        assertThat(runs).hasValue(3);
    }

    @Test
    void otherFailuresAreNotRetried() {
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> transactions.retryingDeadlocks(() -> {
            runs.incrementAndGet();
            throw new IllegalStateException("not a deadlock");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(runs).hasValue(1);
    }

    @Test
    void aVictimOfEveryAttemptAnswersBusy() {
        AtomicInteger runs = new AtomicInteger();
        RuntimeException last = null;
        try {
            transactions.retryingDeadlocks(() -> {
                runs.incrementAndGet();
                throw flowableDeadlock();
            });
        } catch (RuntimeException e) {
            last = e;
        }
        assertThat(runs.get()).isGreaterThan(1);
        ResponseEntity<ProblemDetail> answer = new ProblemHandler().unexpected(last);
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(answer.getBody().getProperties()).containsEntry("code", "BUSY");
    }

    /** What Flowable throws when MariaDB picks its transaction as the deadlock victim (error 1213, state 40001). */
    private static PersistenceException flowableDeadlock() {
        return new PersistenceException("### Error updating database",
                new SQLTransactionRollbackException("Deadlock found when trying to get lock; try restarting transaction", "40001", 1213));
    }

    private static JdbcDataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:transactions-test");
        return ds;
    }
}
