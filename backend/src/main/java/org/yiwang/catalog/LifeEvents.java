package org.yiwang.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 生命周期主题 (life events) the portal browses by. An item belongs to an event when its name mentions one of
 * the event's words; the same name always lands in the same events.
 */
final class LifeEvents {

    record Event(String code, String name, List<String> words) {
    }

    static final List<Event> ALL = List.of(
            new Event("BIRTH", "出生", List.of("出生", "生育", "预防接种", "母婴")),
            new Event("SCHOOL", "上学", List.of("学校", "入学", "学生", "教育", "学历", "助学", "休学")),
            new Event("WORK", "就业", List.of("就业", "失业", "创业", "职业", "招聘", "人力资源", "劳动")),
            new Event("MARRIAGE", "婚育", List.of("婚姻", "结婚", "离婚", "收养", "计划生育")),
            new Event("HOUSING", "住房", List.of("住房", "房屋", "不动产", "公积金", "物业")),
            new Event("ELDERLY", "养老", List.of("养老", "老年", "高龄", "退休", "待遇领取")),
            new Event("BUSINESS", "开办企业", List.of("企业", "公司", "个体", "经营", "营业", "食品", "商标")),
            new Event("CONSTRUCTION", "工程建设", List.of("建设工程", "施工", "建筑", "规划", "工程")),
            new Event("ASSISTANCE", "社会救助", List.of("救助", "低保", "最低生活保障", "特困", "困难", "残疾")),
            new Event("TRAVEL", "交通出行", List.of("驾驶", "机动车", "道路", "运输", "车辆", "船舶")),
            new Event("HEALTH", "医疗卫生", List.of("医疗", "医师", "医保", "医院", "卫生", "药品", "诊所")),
            new Event("VETERANS", "退役军人", List.of("退役", "军人", "优抚", "烈士")));

    private LifeEvents() {
    }

    static boolean matches(String eventCode, String itemName) {
        return ALL.stream().filter(e -> e.code().equals(eventCode)).findFirst()
                .map(e -> e.words().stream().anyMatch(itemName::contains)).orElse(false);
    }

    static boolean known(String eventCode) {
        return ALL.stream().anyMatch(e -> e.code().equals(eventCode));
    }

    static Map<String, Event> byCode() {
        Map<String, Event> events = new LinkedHashMap<>();
        ALL.forEach(e -> events.put(e.code(), e));
        return events;
    }
}
