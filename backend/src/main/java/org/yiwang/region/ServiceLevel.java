package org.yiwang.region;

/** 行使层级: the level of government at which an item is implemented. */
public enum ServiceLevel {
    PROVINCE, CITY_COUNTY, TOWNSHIP, VILLAGE
}
