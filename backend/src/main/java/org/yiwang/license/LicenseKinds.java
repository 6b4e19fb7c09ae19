package org.yiwang.license;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which certificate an e-licence is (its kind), and which materials it can stand for (电子证照复用). Deterministic:
 * the same names always give the same answer.
 * <ol>
 * <li>The kind comes from the issuing item's name without its parenthesised notes: first the certificate the
 * name itself says, up to the first 许可证 / 执照 / 证书 / 合格证 / 登记证 ("燃气经营许可证核发" → 燃气经营许可证);
 * else an explicit table for items whose name does not say the certificate they issue (设立登记 → 营业执照,
 * 医疗机构执业登记 → 医疗机构执业许可证 …); else the licence has no kind and stands for no material.</li>
 * <li>A material accepts a licence when the material's name, without its parenthesised notes, contains the
 * licence's kind ("营业执照或统一社会信用代码证书" accepts a 营业执照).</li>
 * </ol>
 */
final class LicenseKinds {

    private static final Pattern NOTES = Pattern.compile("（[^）]*）|\\([^)]*\\)");
    private static final Pattern CERTIFICATE = Pattern.compile("^(.+?(许可证|执照|证书|合格证|登记证))");

    private record Rule(Pattern itemName, String kind) {
    }

    private static final List<Rule> TABLE = List.of(
            new Rule(Pattern.compile("(公司|企业|合作社|个体工商户|分支机构)[^注销]*(设立|注册)"), "营业执照"),
            new Rule(Pattern.compile("食品经营许可"), "食品经营许可证"),
            new Rule(Pattern.compile("食品生产许可"), "食品生产许可证"),
            new Rule(Pattern.compile("医疗机构执业(登记|审批)"), "医疗机构执业许可证"),
            new Rule(Pattern.compile("医师.*执业注册"), "医师执业证书"),
            new Rule(Pattern.compile("教师资格认定"), "教师资格证书"),
            new Rule(Pattern.compile("残疾人证"), "残疾人证"),
            new Rule(Pattern.compile("建设用地.*规划许可"), "建设用地规划许可证"),
            new Rule(Pattern.compile("不动产.*登记"), "不动产权证书"));

    private LicenseKinds() {
    }

    /** The certificate a licence issued for this item is, or null when the name says none. */
    static String of(String itemName) {
        if (itemName == null) {
            return null;
        }
        String name = plain(itemName);
        Matcher m = CERTIFICATE.matcher(name);
        if (m.find()) {
            return m.group(1);
        }
        return TABLE.stream().filter(r -> r.itemName().matcher(name).find()).map(Rule::kind).findFirst().orElse(null);
    }

    static boolean accepts(String materialName, String kind) {
        return kind != null && materialName != null && plain(materialName).contains(kind);
    }

    private static String plain(String name) {
        return NOTES.matcher(name).replaceAll("").trim();
    }
}
