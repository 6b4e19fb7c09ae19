package org.yiwang.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The 5-working-day acceptance deadline of a submitted application, made due now in Flowable's timer table — as
 * if the days had passed — for tests of a built jar, whose clock they cannot move.
 */
public final class AcceptanceTimers {

    private AcceptanceTimers() {
    }

    /** Answers how many timers were moved: 1 for an application waiting for acceptance. */
    public static int makeDue(Connection db, String applicationNo) throws SQLException {
        try (PreparedStatement due = db.prepareStatement("""
                UPDATE ACT_RU_TIMER_JOB SET DUEDATE_ = ? WHERE PROCESS_INSTANCE_ID_ IN
                (SELECT process_instance_id FROM application WHERE application_no = ?)""")) {
            due.setTimestamp(1, Timestamp.from(Instant.now().minus(Duration.ofDays(1))));
            due.setString(2, applicationNo);
            return due.executeUpdate();
        }
    }

    /** The application as its applicant sees it once it is no longer SUBMITTED, or after {@code timeout}. */
    public static JsonNode awaitDecided(Journeys j, Api applicant, String applicationNo, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode application = j.application(applicant, applicationNo);
        while (application.path("status").asText().equals("SUBMITTED") && System.nanoTime() < deadline) {
            Thread.sleep(500);
            application = j.application(applicant, applicationNo);
        }
        return application;
    }
}
