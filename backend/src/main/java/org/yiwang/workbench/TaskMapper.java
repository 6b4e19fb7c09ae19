package org.yiwang.workbench;

import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** Workbench lists read the engine's task tables joined with the business tables in one query. */
@Mapper
interface TaskMapper {

    List<TaskRow> findTodo(@Param("userIds") List<String> userIds, @Param("groups") List<String> groups,
            @Param("f") TaskFilter filter, @Param("offset") int offset, @Param("limit") int limit);

    long countTodo(@Param("userIds") List<String> userIds, @Param("groups") List<String> groups, @Param("f") TaskFilter filter);

    List<TaskRow> findDone(@Param("userId") String userId, @Param("f") TaskFilter filter, @Param("offset") int offset,
            @Param("limit") int limit);

    long countDone(@Param("userId") String userId, @Param("f") TaskFilter filter);

    /** The due date of the row at {@code position} of the region's list, or null when it holds fewer rows. */
    java.time.LocalDate regionDueBound(@Param("regionPrefix") String regionPrefix, @Param("f") TaskFilter filter,
            @Param("position") int position);

    List<TaskRow> findInRegion(@Param("regionPrefix") String regionPrefix, @Param("f") TaskFilter filter,
            @Param("dueBound") java.time.LocalDate dueBound, @Param("offset") int offset, @Param("limit") int limit);

    /** The region's rows, counted up to {@code cap}. */
    long countInRegion(@Param("regionPrefix") String regionPrefix, @Param("f") TaskFilter filter, @Param("cap") long cap);

    /** The region's cases in every state, newest first, each with one of its open tasks if it has any. */
    List<TaskRow> findCasesInRegion(@Param("regionPrefix") String regionPrefix, @Param("f") TaskFilter filter,
            @Param("offset") int offset, @Param("limit") int limit);

    long countCasesInRegion(@Param("regionPrefix") String regionPrefix, @Param("f") TaskFilter filter, @Param("cap") long cap);

    TaskRow findOpen(@Param("taskId") String taskId);

    /** Accounts for whom this account substitutes on this day. */
    List<Long> findSubstituted(@Param("substituteId") long substituteId, @Param("day") java.time.LocalDate day);

    Substitution findSubstitution(@Param("accountId") long accountId);

    void deleteSubstitution(@Param("accountId") long accountId);

    void insertSubstitution(@Param("accountId") long accountId, @Param("substituteId") long substituteId,
            @Param("startsOn") java.time.LocalDate startsOn, @Param("endsOn") java.time.LocalDate endsOn);

    record Substitution(long accountId, long substituteId, java.time.LocalDate startsOn, java.time.LocalDate endsOn) {
    }
}
