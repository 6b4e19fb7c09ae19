package org.yiwang.license;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface LicenseMapper {

    void insert(@Param("l") License license);

    License findByCode(@Param("code") String verificationCode);

    License findByNumber(@Param("number") String number);

    License findByApplication(@Param("applicationId") long applicationId);
}
