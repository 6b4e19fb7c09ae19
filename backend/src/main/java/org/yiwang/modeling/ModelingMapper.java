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

    List<ProcessModel> list(@Param("offset") int offset, @Param("limit") int limit);

    long count();

    void saveDraft(@Param("id") long id, @Param("modelKey") String modelKey, @Param("name") String name,
            @Param("xml") String xml, @Param("updatedAt") LocalDateTime updatedAt);

    void deployed(@Param("id") long id, @Param("version") int version, @Param("deploymentId") String deploymentId,
            @Param("processDefinitionId") String processDefinitionId, @Param("updatedAt") LocalDateTime updatedAt);

    final class NewModel {
        public Long id;
        public String modelKey;
        public String name;
        public String xml;
        public String createdBy;
        public LocalDateTime createdAt;
    }
}
