package org.yiwang.modeling;

import java.time.LocalDateTime;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface ModelingMapper {

    void insert(@Param("m") NewModel model);

    ProcessModel find(@Param("id") long id);

    /** The model, locked until the transaction ends: two deployments of one model run one after the other. */
    ProcessModel findForUpdate(@Param("id") long id);

    List<ProcessModel> list(@Param("region") String region, @Param("offset") int offset, @Param("limit") int limit);

    long count(@Param("region") String region);

    void saveDraft(@Param("id") long id, @Param("modelKey") String modelKey, @Param("name") String name,
            @Param("xml") String xml, @Param("updatedAt") LocalDateTime updatedAt);

    void deployed(@Param("id") long id, @Param("version") int version, @Param("deploymentId") String deploymentId,
            @Param("processDefinitionId") String processDefinitionId, @Param("updatedAt") LocalDateTime updatedAt);

    void insertDeployment(@Param("modelId") long modelId, @Param("processDefinitionId") String processDefinitionId,
            @Param("version") int version, @Param("deployedBy") String deployedBy, @Param("deployedAt") LocalDateTime deployedAt,
            @Param("note") String note);

    /** Who deployed these definitions, where the platform did it (templates deploy themselves at start-up). */
    List<ModelVersions.Deployer> findDeployers(@Param("definitionIds") List<String> definitionIds);

    void insertJob(@Param("j") NewJob job);

    ModelVersions.Job findJob(@Param("id") long id);

    ModelVersions.Job findRunningJob(@Param("modelId") long modelId);

    void jobProgress(@Param("id") long id, @Param("done") int done, @Param("failed") int failed, @Param("now") LocalDateTime now);

    void jobFinished(@Param("id") long id, @Param("status") String status, @Param("now") LocalDateTime now);

    void insertJobMessage(@Param("jobId") long jobId, @Param("applicationNo") String applicationNo, @Param("message") String message);

    List<ModelVersions.JobMessage> findJobMessages(@Param("jobId") long jobId);

    void insertTestRun(@Param("t") NewTestRun run);

    TestRuns.Row findTestRun(@Param("id") long id);

    /** The run, locked until the transaction ends: ending it twice at once deletes it once. */
    TestRuns.Row findTestRunForUpdate(@Param("id") long id);

    List<TestRuns.Row> findTestRuns(@Param("modelId") long modelId);

    List<Long> findExpiredTestRuns(@Param("now") LocalDateTime now);

    void deleteTestRun(@Param("id") long id);

    final class NewJob {
        public Long id;
        public long modelId;
        public String kind;
        public int fromVersion;
        public int toVersion;
        public int total;
        public String startedBy;
        public LocalDateTime now;
    }

    final class NewTestRun {
        public Long id;
        public long modelId;
        public String applicationNo;
        public String deploymentId;
        public String processInstanceId;
        public String startedBy;
        public LocalDateTime startedAt;
        public LocalDateTime expiresAt;
    }

    final class NewModel {
        public Long id;
        public String modelKey;
        public String name;
        public String xml;
        public String regionCode;
        public String createdBy;
        public LocalDateTime createdAt;
    }
}
