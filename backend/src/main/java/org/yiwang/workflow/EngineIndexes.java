package org.yiwang.workflow;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import javax.sql.DataSource;

import org.flowable.engine.ProcessEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Indexes the workbench lists need on the engine's own tables (see V19 for the business side). Flowable creates its
 * tables after Flyway has run, so they cannot be a migration; they are added here, once the engine has built its
 * schema, when missing. Flowable indexes neither assignee column: a clerk's claimed tasks and done list would
 * otherwise read every task.
 */
@Component
class EngineIndexes {

    private static final Logger log = LoggerFactory.getLogger(EngineIndexes.class);
    private static final Map<String, String> INDEXES = Map.of(
            "YW_IDX_RU_TASK_ASSIGNEE", "ACT_RU_TASK (ASSIGNEE_)",
            "YW_IDX_HI_TASK_ASSIGNEE", "ACT_HI_TASKINST (ASSIGNEE_, END_TIME_)");

    /** Takes the engine so that it runs after the engine has created or updated its tables. */
    EngineIndexes(ProcessEngine engine, DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            for (var index : INDEXES.entrySet()) {
                String table = index.getValue().substring(0, index.getValue().indexOf(' '));
                if (!exists(c.getMetaData(), table, index.getKey())) {
                    log.info("creating index {} on {} for the workbench lists", index.getKey(), index.getValue());
                    try (Statement s = c.createStatement()) {
                        s.execute("CREATE INDEX " + index.getKey() + " ON " + index.getValue());
                    }
                }
            }
        }
    }

    private static boolean exists(DatabaseMetaData meta, String table, String index) throws SQLException {
        try (ResultSet rs = meta.getIndexInfo(meta.getConnection().getCatalog(), null, table, false, true)) {
            while (rs.next()) {
                if (index.equalsIgnoreCase(rs.getString("INDEX_NAME"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
