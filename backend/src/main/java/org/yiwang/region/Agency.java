package org.yiwang.region;

/** 实施主体: a provincial unit, a 市县区 department, a township government or a village service point. */
public record Agency(long id, String code, String name, String shortName, String kind, ServiceLevel level,
        String regionCode, String phone) {
}
