package org.yiwang.license;

import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface LicenseMapper {

    void insert(@Param("l") License license);

    License findByCode(@Param("code") String verificationCode);

    License findByNumber(@Param("number") String number);

    List<License> findByHolder(@Param("holderAccountId") long holderAccountId);

    List<License> findPageByHolder(@Param("holderAccountId") long holderAccountId, @Param("offset") int offset,
            @Param("limit") int limit);

    long countByHolder(@Param("holderAccountId") long holderAccountId);

    License findByApplication(@Param("applicationId") long applicationId);
}
