package org.yiwang.region;

/** 行政区划: a division of Hainan, from the province down to village and community committees. */
public record Region(String code, String name, String fullName, String kind, ServiceLevel level, String parentCode,
        boolean leaf) {
}
