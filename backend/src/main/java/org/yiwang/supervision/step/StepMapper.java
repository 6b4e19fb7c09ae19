package org.yiwang.supervision.step;

import java.util.Date;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** Reads the engine's task tables and the cases (read-only): the steps a case went through and the open ones. */
@Mapper
interface StepMapper {

    /** The case a step clock belongs to. */
    record CaseRow(long id, String applicationNo, String processInstanceId, long agencyId, String agencyName, String agencyRegion,
            String regionCode, String itemName, String status, int limitDays, int extendedDays, java.time.LocalDate suspendedSince) {
    }

    /** A task of the engine; its times are instants (the engine writes them in the JVM's zone). */
    record TaskRow(String stepKey, String name, String category, Date startedAt, Date endedAt, Date dueAt) {
    }

    /** An open task with its case, for the card scan. */
    record OpenRow(long applicationId, String applicationNo, long agencyId, String agencyRegion, String stepKey, String name,
            String category, Date startedAt, Date dueAt, int limitDays, int extendedDays) {
    }

    CaseRow caseOf(@Param("applicationNo") String applicationNo);

    List<TaskRow> tasksOf(@Param("processInstanceId") String processInstanceId);

    /** Open tasks of running (not suspended) cases started before {@code startedBefore}. */
    List<OpenRow> openStartedBefore(@Param("startedBefore") Date startedBefore);
}
