package org.yiwang.catalog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yiwang.region.ServiceLevel;
import org.yiwang.workflow.ProcessContract;

/**
 * Builds the province's implementation list (实施清单) of 11,702 items from the 1,133 distinct real item
 * names of one county's public guide. Pure and deterministic: the same inputs always give the same items
 * and codes. The spread follows how a province implements its catalogue:
 * <ul>
 * <li>290 provincial items, at the provincial unit that governs each matter;</li>
 * <li>260 items in each of the 20 市县区, chosen per place with a fixed mix of item types;</li>
 * <li>12 social-assistance and employment services at each of the 243 townships;</li>
 * <li>1 service taken in at each of the 3,296 village and community service points (代办), routed
 * cross-level to the township and the county.</li>
 * </ul>
 */
final class CatalogGenerator {

    static final int PROVINCE_ITEMS = 290;
    static final int CITY_COUNTY_ITEMS = 260;
    /** Item types and how many of each a 市县区 implements; the sum is {@link #CITY_COUNTY_ITEMS}. */
    private static final Map<Integer, Integer> CITY_COUNTY_MIX = orderedMap(1, 140, 20, 70, 10, 30, 7, 12, 5, 4, 9, 3, 8, 1);
    private static final Set<Integer> PROVINCIAL_TYPES = Set.of(1, 5, 7, 8, 9, 10);

    static final List<String> TOWNSHIP_SERVICES = List.of(
            "最低生活保障", "特困人员救助供养", "临时救助", "困难残疾人生活补贴", "重度残疾人护理补贴",
            "80周岁以上老年人高龄津贴发放", "城乡居民基本养老保险待遇申领", "农村部分计划生育家庭奖励扶助金",
            "就业登记", "失业登记", "就业困难人员认定", "城乡居民基本养老保险费补缴申报");
    static final List<String> VILLAGE_SERVICES = List.of(
            "城乡居民基本养老保险待遇申领", "80周岁以上老年人高龄津贴发放", "社会保障卡申领");

    /**
     * The department that governs each matter a county's 行政审批局 gathers: keyword, provincial unit, and
     * the 市县区 department (by its name in the source guide) that implements it here.
     */
    private static final List<String[]> APPROVAL_BUREAU_ROUTES = List.of(
            new String[] { "食品", "海南省市场监督管理局", "区市监局" },
            new String[] { "药品", "海南省药品监督管理局", "区市监局" },
            new String[] { "医疗器械", "海南省药品监督管理局", "区市监局" },
            new String[] { "企业", "海南省市场监督管理局", "区市监局" },
            new String[] { "个体", "海南省市场监督管理局", "区市监局" },
            new String[] { "道路", "海南省交通运输厅", "区交通运输局" },
            new String[] { "运输", "海南省交通运输厅", "区交通运输局" },
            new String[] { "驾驶", "海南省交通运输厅", "区交通运输局" },
            new String[] { "建筑", "海南省住房和城乡建设厅", "区住建局" },
            new String[] { "施工", "海南省住房和城乡建设厅", "区住建局" },
            new String[] { "房地产", "海南省住房和城乡建设厅", "区住建局" },
            new String[] { "医", "海南省卫生健康委员会", "区卫健局" },
            new String[] { "卫生", "海南省卫生健康委员会", "区卫健局" },
            new String[] { "学校", "海南省教育厅", "区教科体局" },
            new String[] { "教育", "海南省教育厅", "区教科体局" },
            new String[] { "娱乐", "海南省旅游和文化广电体育厅", "区文广旅局" },
            new String[] { "演出", "海南省旅游和文化广电体育厅", "区文广旅局" },
            new String[] { "旅", "海南省旅游和文化广电体育厅", "区文广旅局" },
            new String[] { "水", "海南省水务厅", "区水务局" },
            new String[] { "农", "海南省农业农村厅", "区农业农村局" },
            new String[] { "渔", "海南省农业农村厅", "区农业农村局" },
            new String[] { "林", "海南省林业局", "区林业局" },
            new String[] { "危险化学品", "海南省应急管理厅", "区应急管理局" },
            new String[] { "烟花爆竹", "海南省应急管理厅", "区应急管理局" },
            new String[] { "人力资源", "海南省人力资源和社会保障厅", "区人社局" });
    private static final String DEFAULT_PROVINCIAL_UNIT = "海南省发展和改革委员会";

    private CatalogGenerator() {
    }

    record Vocabulary(int index, String department, String mainItem, String name, int type) {
    }

    record Department(String source, String code, String shortName, String provincialUnit, String lawBasis) {
    }

    record Place(String regionCode, String name) {
    }

    record Material(int seq, String name, String form, int copies, boolean required, boolean blankForm,
            boolean sample, String acceptTypes, int maxSizeMb) {
    }

    record Item(long id, String code, String basicCode, String name, String mainItemName, int type,
            ServiceLevel level, String regionCode, String agencyCode, String departmentCode, String caseKind, String audience,
            int legalLimitDays, int promisedLimitDays, String fee, String feeBasis, int visits, int onlineDepth,
            String lawBasis, String processDescription, String processKey, List<Material> materials) {
    }

    /**
     * @param provincialUnitCodes agency code of each provincial unit by its full name
     */
    static List<Item> generate(List<Vocabulary> vocabulary, Map<String, Department> departments, List<Place> places,
            List<String> townships, List<String> villages, Map<String, String> provincialUnitCodes) {
        List<Item> items = new ArrayList<>();
        Map<String, Vocabulary> byName = new LinkedHashMap<>();
        vocabulary.forEach(v -> byName.putIfAbsent(v.name(), v));

        // Provincial level: matters a provincial unit governs, most likely the permits and confirmations.
        List<Vocabulary> provincial = byName.values().stream()
                .filter(v -> PROVINCIAL_TYPES.contains(v.type()))
                .filter(v -> provincialUnit(v, departments) != null)
                .sorted(byHash("46"))
                .limit(PROVINCE_ITEMS)
                .sorted(Comparator.comparingInt(Vocabulary::index))
                .toList();
        for (Vocabulary v : provincial) {
            String unit = provincialUnit(v, departments);
            items.add(item(items.size() + 1, v, provincialName(v.name()), ServiceLevel.PROVINCE, "46",
                    provincialUnitCodes.get(unit), departments.get(v.department()), lawBasis(v, departments), ProcessContract.STANDARD));
        }

        // 市县区: the same mix of types everywhere, a different choice of matters per place.
        Set<String> localServices = new java.util.HashSet<>(TOWNSHIP_SERVICES);
        localServices.addAll(VILLAGE_SERVICES);
        for (Place place : places) {
            List<Vocabulary> chosen = new ArrayList<>();
            CITY_COUNTY_MIX.forEach((type, count) -> byName.values().stream()
                    .filter(v -> v.type() == type && !localServices.contains(v.name()))
                    .sorted(byHash(place.regionCode()))
                    .limit(count)
                    .forEach(chosen::add));
            chosen.sort(Comparator.comparingInt(Vocabulary::index));
            for (Vocabulary v : chosen) {
                Department dept = departments.get(localDepartment(v));
                items.add(item(items.size() + 1, v, v.name(), ServiceLevel.CITY_COUNTY, place.regionCode(),
                        place.regionCode() + "-" + dept.code(), dept, lawBasis(v, departments), processKeyFor(v)));
            }
        }

        for (String township : townships) {
            for (String name : TOWNSHIP_SERVICES) {
                Vocabulary v = byName.get(name);
                items.add(item(items.size() + 1, v, name, ServiceLevel.TOWNSHIP, township, "T" + township,
                        departments.get(v.department()), lawBasis(v, departments), ProcessContract.STANDARD));
            }
        }
        for (String village : villages) {
            Vocabulary v = byName.get(VILLAGE_SERVICES.get((int) Long.remainderUnsigned(hash(village), VILLAGE_SERVICES.size())));
            items.add(item(items.size() + 1, v, v.name(), ServiceLevel.VILLAGE, village, "V" + village,
                    departments.get(v.department()), lawBasis(v, departments), ProcessContract.CROSS_LEVEL));
        }
        return items;
    }

    static String basicCode(Vocabulary v) {
        return "%s%04d".formatted(typeLetters(v.type()), v.index());
    }

    /** The letters of a type in the catalogue's codes. */
    static String typeLetters(int type) {
        return switch (type) {
            case 1 -> "XK";   // 行政许可
            case 5 -> "JF";   // 行政给付
            case 7 -> "QR";   // 行政确认
            case 8 -> "JL";   // 行政奖励
            case 9 -> "CJ";   // 行政裁决
            case 10 -> "QT";  // 其他行政权力
            default -> "GG";  // 公共服务
        };
    }

    private static Item item(long id, Vocabulary v, String name, ServiceLevel level, String regionCode,
            String agencyCode, Department department, String lawBasis, String processKey) {
        String basicCode = basicCode(v);
        String code = basicCode + "-" + regionCode;
        long h = hash(code);
        boolean instant = !ProcessContract.CROSS_LEVEL.equals(processKey) && level != ServiceLevel.TOWNSHIP
                && pick(h, 100) < instantShare(v.type());
        int legal = legalLimit(v.type(), h >>> 8);
        int promised = instant ? 0 : Math.max(1, (int) Math.round(legal * new double[] { 0.25, 0.3, 0.4, 0.5 }[pick(h >>> 16, 4)]));
        int visitsDraw = pick(h >>> 24, 100);
        int visits = instant || visitsDraw < 78 ? 0 : visitsDraw < 97 ? 1 : 2;
        int depth = switch (visits) {
            case 0 -> pick(h >>> 32, 10) < 6 ? 4 : 3;
            case 1 -> pick(h >>> 32, 2) == 0 ? 3 : 2;
            default -> 1;
        };
        boolean charged = pick(h >>> 40, 100) < 3 && v.type() == 1;
        String audience = audience(v);
        String key = instant ? ProcessContract.INSTANT : processKey;
        return new Item(id, code, basicCode, name, "未分类".equals(v.mainItem()) ? null : v.mainItem(), v.type(), level,
                regionCode, agencyCode, department.code(), instant ? "INSTANT" : "PROMISED", audience, instant && v.type() != 1 ? 0 : legal,
                promised, charged ? "按标准收取证照工本费" : "不收费",
                charged ? "国家发展改革委、财政部核定的行政事业性收费标准" : null, visits, depth, lawBasis,
                processDescription(key, promised), key, materials(v, name, audience, h >>> 48));
    }

    private static int instantShare(int type) {
        return switch (type) {
            case 1 -> 10;
            case 7 -> 35;
            case 20 -> 50;
            case 10 -> 20;
            case 5 -> 10;
            default -> 0;
        };
    }

    private static int legalLimit(int type, long h) {
        if (type == 1) {
            return new int[] { 20, 20, 20, 20, 20, 20, 15, 15, 10, 10 }[pick(h, 10)];
        }
        return new int[] { 20, 20, 20, 15, 15, 10, 30, 30, 10, 20 }[pick(h, 10)];
    }

    private static String processKeyFor(Vocabulary v) {
        // Construction and investment permits involve several agencies reviewing together (联办).
        String n = v.name();
        boolean joint = v.type() == 1 && (n.contains("施工") || n.contains("建设工程") || n.contains("项目") && n.contains("审批"));
        if (!joint) {
            return ProcessContract.STANDARD;
        }
        // A design passes from one department to the next (依次审查); a change, renewal or re-issue of a permit
        // needs the opinion of any one of them (或签); everything else needs all of them (会签).
        if (n.contains("设计")) {
            return ProcessContract.JOINT_SEQUENTIAL;
        }
        return n.contains("变更") || n.contains("延续") || n.contains("补办") ? ProcessContract.JOINT_ANY : ProcessContract.JOINT;
    }

    private static String audience(Vocabulary v) {
        String n = v.name();
        for (String word : List.of("企业", "公司", "单位", "机构", "经营", "生产", "经营者", "项目", "学校", "医院", "社会组织")) {
            if (n.contains(word)) {
                return "LEGAL_PERSON";
            }
        }
        for (String word : List.of("个人", "居民", "老年", "残疾", "儿童", "婚", "就业", "失业", "养老", "学生", "驾驶",
                "身份证", "户口", "出生", "收养", "退役", "军人", "困难", "救助", "补贴", "资格")) {
            if (n.contains(word)) {
                return "NATURAL_PERSON";
            }
        }
        return v.type() == 1 ? "LEGAL_PERSON" : "BOTH";
    }

    private static String processDescription(String processKey, int promised) {
        String limit = promised == 0 ? "当场办结" : "承诺" + promised + "个工作日内办结";
        return switch (processKey) {
            case ProcessContract.INSTANT -> "网上申请 → 窗口受理并当场审批 → 办结送达（即办件，" + limit + "）";
            case ProcessContract.JOINT -> "网上申请 → 牵头部门受理 → 相关部门并联审查 → 牵头部门审批决定 → 办结送达（" + limit + "）";
            case ProcessContract.JOINT_ANY -> "网上申请 → 牵头部门受理 → 相关部门并联审查（或签，一个部门审查即可）→ 牵头部门审批决定 → 办结送达（"
                    + limit + "）";
            case ProcessContract.JOINT_SEQUENTIAL -> "网上申请 → 牵头部门受理 → 相关部门依次审查 → 牵头部门审批决定 → 办结送达（" + limit + "）";
            case ProcessContract.CROSS_LEVEL -> "村（社区）便民服务站代办受理 → 乡镇（街道）初审 → 市县部门审批决定 → 办结送达（" + limit + "）";
            default -> "网上申请 → 受理（材料不全的一次性告知补正）→ 审查 → 审批决定 → 办结送达（" + limit + "）";
        };
    }

    private static List<Material> materials(Vocabulary v, String name, String audience, long h) {
        List<Material> materials = new ArrayList<>();
        String scans = "pdf,jpg,jpeg,png";
        materials.add(new Material(1, name + "申请表", "ORIGINAL", 1, true, true, true, scans, 10));
        if ("LEGAL_PERSON".equals(audience)) {
            materials.add(new Material(2, "营业执照或统一社会信用代码证书", "COPY", 1, true, false, false, scans, 10));
            materials.add(new Material(3, "法定代表人身份证明", "ORIGINAL", 1, true, true, false, scans, 10));
        } else {
            materials.add(new Material(2, "申请人居民身份证", "COPY", 1, true, false, false, scans, 10));
        }
        List<String> specific = specificMaterials(localDepartment(v));
        materials.add(new Material(materials.size() + 1, specific.get(pick(h, specific.size())),
                pick(h >>> 4, 2) == 0 ? "ORIGINAL_AND_COPY" : "COPY", 1, pick(h >>> 6, 4) != 0, false,
                pick(h >>> 8, 2) == 0, scans, 20));
        materials.add(new Material(materials.size() + 1, "授权委托书及受托人身份证明（委托他人办理时提供）", "ORIGINAL", 1,
                false, true, true, scans, 10));
        return materials;
    }

    private static List<String> specificMaterials(String department) {
        return switch (department) {
            case "区市监局", "区行政审批局" -> List.of("经营场所使用证明", "食品安全管理制度文本", "主要设备设施布局图及操作流程");
            case "区交通运输局" -> List.of("车辆行驶证", "驾驶员从业资格证", "安全生产管理制度文本");
            case "区卫健局" -> List.of("医疗机构执业许可证", "卫生技术人员资格证书", "诊疗科目及设备清单");
            case "区民政局", "区残联" -> List.of("户口簿", "家庭收入及财产状况说明", "残疾人证");
            case "区人社局", "区医疗保障局" -> List.of("社会保障卡", "劳动合同", "就业失业登记证明");
            case "区住建局", "区自然资源和规划局" -> List.of("建设用地规划许可证", "施工图设计文件审查合格书", "不动产权证书");
            case "区教科体局" -> List.of("办学场所证明", "教师资格证书", "学籍证明");
            case "广安区税务局" -> List.of("税务登记证件", "财务会计报表", "相关合同或协议");
            case "区公安分局" -> List.of("户口簿", "居住证明", "近期免冠照片");
            default -> List.of("相关证明材料", "情况说明", "现场照片");
        };
    }

    /** The 市县区 department implementing a matter: the governing one for what 行政审批局 gathers, if known. */
    private static String localDepartment(Vocabulary v) {
        if ("区行政审批局".equals(v.department())) {
            for (String[] route : APPROVAL_BUREAU_ROUTES) {
                if (v.name().contains(route[0])) {
                    return route[2];
                }
            }
        }
        return v.department();
    }

    private static String provincialUnit(Vocabulary v, Map<String, Department> departments) {
        if ("区行政审批局".equals(v.department())) {
            for (String[] route : APPROVAL_BUREAU_ROUTES) {
                if (v.name().contains(route[0])) {
                    return route[1];
                }
            }
            return DEFAULT_PROVINCIAL_UNIT;
        }
        Department dept = departments.get(v.department());
        return dept == null || dept.provincialUnit().isEmpty() ? null : dept.provincialUnit();
    }

    private static String provincialName(String name) {
        return name.replace("（市级/县级）", "（省级）").replace("(市级/县级)", "（省级）")
                .replace("（县级行使）", "（省级行使）").replace("（县级）", "（省级）").replace("(县级)", "（省级）");
    }

    private static String lawBasis(Vocabulary v, Map<String, Department> departments) {
        Department dept = departments.get(v.department());
        String base = dept == null ? "《中华人民共和国行政许可法》" : dept.lawBasis();
        return v.type() == 1 && !base.contains("行政许可法") ? base + "；《中华人民共和国行政许可法》" : base;
    }

    /** Orders a vocabulary by a hash seeded with a place, so each place draws its own stable choice. */
    private static Comparator<Vocabulary> byHash(String seed) {
        return Comparator.comparingLong((Vocabulary v) -> hash(seed + "/" + v.name())).thenComparingInt(Vocabulary::index);
    }

    private static int pick(long h, int n) {
        return (int) Long.remainderUnsigned(h, n);
    }

    /** FNV-1a over UTF-8 with a final mix: stable across JVMs and releases, unlike {@code Random}. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    private static Map<Integer, Integer> orderedMap(int... pairs) {
        Map<Integer, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
