package org.yiwang.search;

import java.time.LocalDateTime;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface SearchMapper {

    List<Synonym> findSynonyms();

    Synonym findSynonym(@Param("id") long id);

    int insertSynonym(@Param("term") String term, @Param("expansion") String expansion, @Param("createdBy") String createdBy,
            @Param("createdAt") LocalDateTime createdAt);

    int deleteSynonym(@Param("id") long id);

    int countMiss(@Param("query") String query, @Param("at") LocalDateTime at);

    int insertMiss(@Param("query") String query, @Param("at") LocalDateTime at);

    List<Miss> findMisses(@Param("offset") int offset, @Param("limit") int limit);

    long countMisses();
}
