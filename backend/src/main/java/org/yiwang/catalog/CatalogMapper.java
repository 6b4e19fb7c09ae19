package org.yiwang.catalog;

import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface CatalogMapper {

    List<Item> findAllPublished();

    Item findByCode(@Param("code") String code);

    List<Material> findMaterials(@Param("itemId") long itemId);

    String findCodeByProcessKey(@Param("processKey") String processKey);

    long countPublished();
}
