package org.yiwang.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks in SQL that nothing is half written: the business record and the Flowable process instance of an
 * application exist together or not at all, and a case waiting for a clerk has exactly the one open task of
 * its step — none lost, none doubled. Answers one line per violation, so a test asserts an empty list.
 */
public final class CaseConsistency {

    /** The step whose task a case in this status waits on (standard process). */
    private static final Map<String, String> WAITING_STEP = Map.of("SUBMITTED", "acceptApplication", "ACCEPTED", "reviewApplication");

    private CaseConsistency() {
    }

    public static List<String> violations(Connection db, Collection<String> applicationNos) throws SQLException {
        List<String> violations = new ArrayList<>();
        query(db, violations, "submitted application without a process instance: ", """
                SELECT a.application_no, a.status FROM application a WHERE a.status <> 'DRAFT'
                AND NOT EXISTS (SELECT 1 FROM ACT_HI_PROCINST p WHERE p.ID_ = a.process_instance_id)""");
        query(db, violations, "draft with a process instance: ", """
                SELECT a.application_no, a.process_instance_id FROM application a
                WHERE a.status = 'DRAFT' AND a.process_instance_id IS NOT NULL""");
        query(db, violations, "process instance without an application: ", """
                SELECT p.ID_, p.PROC_DEF_ID_ FROM ACT_HI_PROCINST p
                WHERE NOT EXISTS (SELECT 1 FROM application a WHERE a.process_instance_id = p.ID_)""");
        query(db, violations, "running execution without an application: ", """
                SELECT e.ID_, e.ACT_ID_ FROM ACT_RU_EXECUTION e WHERE e.PARENT_ID_ IS NULL
                AND NOT EXISTS (SELECT 1 FROM application a WHERE a.process_instance_id = e.PROC_INST_ID_)""");
        query(db, violations, "job that failed for good: ", "SELECT ID_, EXCEPTION_MSG_ FROM ACT_RU_DEADLETTER_JOB");

        Map<String, String> status = new TreeMap<>();
        Map<String, List<String>> openTasks = new TreeMap<>();
        try (PreparedStatement s = db.prepareStatement("""
                SELECT a.application_no, a.status, t.TASK_DEF_KEY_ FROM application a
                LEFT JOIN ACT_RU_TASK t ON t.PROC_INST_ID_ = a.process_instance_id""");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                String no = r.getString(1);
                status.put(no, r.getString(2));
                List<String> tasks = openTasks.computeIfAbsent(no, k -> new ArrayList<>());
                if (r.getString(3) != null) {
                    tasks.add(r.getString(3));
                }
            }
        }
        for (String no : applicationNos) {
            String step = WAITING_STEP.get(status.get(no));
            if (status.get(no) == null) {
                violations.add("application lost: " + no);
            } else if (step != null && !openTasks.get(no).equals(List.of(step))) {
                violations.add(no + " is " + status.get(no) + " but its open tasks are " + openTasks.get(no) + ", not [" + step + "]");
            }
        }
        return violations;
    }

    private static void query(Connection db, List<String> violations, String what, String sql) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                violations.add(what + r.getString(1) + " (" + r.getString(2) + ")");
            }
        }
    }
}
