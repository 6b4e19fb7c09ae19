package org.yiwang.region;

import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface RegionMapper {

    List<Region> findAllRegions();

    Agency findAgency(@Param("id") long id);

    Agency findAgencyByCode(@Param("code") String code);

    List<Agency> findAgenciesInRegion(@Param("regionCode") String regionCode);
}
