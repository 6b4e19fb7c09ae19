package org.yiwang.catalog;

import java.util.Map;

/** 事项类型 with the codes Chinese government platforms use. */
public final class ItemType {

    private static final Map<Integer, String> NAMES = Map.of(
            1, "行政许可", 5, "行政给付", 7, "行政确认", 8, "行政奖励", 9, "行政裁决", 10, "其他行政权力", 20, "公共服务");

    private ItemType() {
    }

    public static boolean isKnown(int type) {
        return NAMES.containsKey(type);
    }

    public static String nameOf(int type) {
        return NAMES.getOrDefault(type, "未知");
    }
}
