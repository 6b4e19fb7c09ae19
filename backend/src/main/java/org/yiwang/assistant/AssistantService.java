package org.yiwang.assistant;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.yiwang.catalog.CatalogService;
import org.yiwang.catalog.ItemDetail;
import org.yiwang.catalog.Material;
import org.yiwang.common.ApiException;
import org.yiwang.common.Throttle;
import org.yiwang.region.Region;
import org.yiwang.region.RegionService;
import org.yiwang.search.SearchService;

/**
 * The Q&A assistant (智能客服): retrieval only. Every sentence it says is a template filled from the guides of
 * the items it cites, so nothing is invented; when a situation is known (开餐馆) it cites every item the situation
 * takes, otherwise the best search results. It asks back for the facts the answer depends on (person or company,
 * which 市县) and hands over to the 12345 hotline when it finds nothing it trusts.
 */
@Service
public class AssistantService {

    static final int MAX_QUESTION = 200;
    private static final int CITED = 3;
    /** Below this relevance a match on words alone is not trusted (measured on the query set: wrong answers score lower). */
    private static final float TRUSTED = 6f;
    private static final String HOTLINE = "12345";
    /** Words of a question that say nothing about the matter. */
    private static final Pattern FILLER = Pattern.compile(
            "请问|你好|您好|我想|我要|我需要|想要|需要|怎么办|怎么|如何|怎样|哪里|去哪|在哪|可以|能不能|是否|什么|办理|申请|手续|一下|一家|一个|吗|呢|啊|了|的|？|\\?|。|，|,|！|!");
    private static final Pattern COMPANY = Pattern.compile("公司|企业|单位|法人|合作社");
    private static final Pattern PERSON = Pattern.compile("个人|个体|自己|本人|家里|孩子|老人|我家");

    private final SearchService search;
    private final CatalogService catalog;
    private final RegionService regions;
    private final Throttle throttle;
    private final Throttle.Rate perAddress;
    private final Scenarios scenarios = new Scenarios();

    AssistantService(SearchService search, CatalogService catalog, RegionService regions, Throttle throttle,
            @Value("${yiwang.security.limits.assistant-per-minute:30}") int perMinute) {
        this.search = search;
        this.catalog = catalog;
        this.regions = regions;
        this.throttle = throttle;
        this.perAddress = new Throttle.Rate("assistant", perMinute);
    }

    public record Ask(String question, String regionCode) {
    }

    /** An item the answer cites, with what an applicant needs to know before going. */
    public record Cited(String code, String basicCode, String name, String agencyName, String regionName, String audience,
            int materialsCount, List<String> materials, int promisedLimitDays, int legalLimitDays, String fee, int visits,
            int onlineDepth, String guideUrl, String applyUrl) {
    }

    /** A question back to the resident, with the answers to pick from. */
    public record Clarify(String field, String question, List<String> options) {
    }

    public record Handover(String phone, String message) {
    }

    public record Answer(String answer, List<Cited> items, String scenario, List<Clarify> clarify, List<String> suggestions,
            Handover handover, String regionCode) {
    }

    public Answer ask(Ask request, String address) {
        throttle.take(perAddress, address);
        String question = request == null || request.question() == null ? "" : request.question().trim();
        if (question.isEmpty()) {
            throw ApiException.badParameter("question", "请输入您的问题");
        }
        if (question.length() > MAX_QUESTION) {
            throw ApiException.badParameter("question", "问题不能超过 " + MAX_QUESTION + " 个字");
        }
        String region = region(request.regionCode(), question);
        Scenarios.Audience audience = COMPANY.matcher(question).find() ? Scenarios.Audience.COMPANY
                : PERSON.matcher(question).find() ? Scenarios.Audience.PERSON : Scenarios.Audience.UNKNOWN;
        Optional<Scenarios.Scenario> scenario = scenarios.match(question);
        List<SearchService.Result> results;
        boolean trusted;
        if (scenario.isPresent()) {
            results = search.byNames(scenario.get().items(audience), region);
            trusted = !results.isEmpty();
        } else {
            String matter = FILLER.matcher(question).replaceAll(" ").trim();
            List<SearchService.Scored> found = matter.isEmpty() ? List.of() : search.best(matter, region, CITED);
            results = found.stream().map(SearchService.Scored::result).toList();
            trusted = !found.isEmpty() && (found.get(0).bySynonym() || found.get(0).score() >= TRUSTED);
        }
        if (results.isEmpty()) {
            return new Answer("抱歉，没有在办事指南中找到与“" + question + "”相关的事项。您可以换个说法，或拨打 12345 政务服务便民热线咨询人工客服。",
                    List.of(), null, List.of(), List.of("我想开一家小餐馆", "孩子出生要办什么", "怎么申领失业保险金"),
                    new Handover(HOTLINE, "请拨打海南省 12345 政务服务便民热线，由人工客服为您解答"), region);
        }
        List<Cited> cited = results.stream().limit(scenario.isPresent() ? 6 : CITED).map(this::cite).toList();
        List<Clarify> clarify = new ArrayList<>();
        boolean mixed = cited.stream().map(Cited::audience).filter(a -> !a.equals("BOTH")).distinct().count() > 1;
        if (audience == Scenarios.Audience.UNKNOWN && (scenario.map(Scenarios.Scenario::dependsOnAudience).orElse(false) || mixed)) {
            clarify.add(new Clarify("audience", "您是以个人（个体工商户）还是以公司、企业名义办理？", List.of("个人", "公司")));
        }
        if (region == null) {
            clarify.add(new Clarify("regionCode", "您在哪个市县办理？选择后为您列出当地的办理部门。",
                    regions.children(RegionService.PROVINCE).stream().map(Region::name).toList()));
        }
        String text = answer(question, scenario.map(Scenarios.Scenario::name).orElse(null), cited, trusted, clarify);
        return new Answer(text, cited, scenario.map(Scenarios.Scenario::name).orElse(null), clarify, suggestions(cited),
                trusted ? null : new Handover(HOTLINE, "如以上事项不是您要办的，请拨打 12345 政务服务便民热线咨询人工客服"), region);
    }

    /** The place asked about: given, else a 市县 named in the question, else none. */
    private String region(String regionCode, String question) {
        if (regionCode != null && !regionCode.isBlank()) {
            String code = regions.checkedCode("regionCode", regionCode);
            if (regions.find(code).isEmpty()) {
                throw ApiException.badParameter("regionCode", "行政区划 " + code + " 不存在");
            }
            return code;
        }
        for (Region r : regions.children(RegionService.PROVINCE)) {
            String shortName = r.name().replaceAll("(黎族苗族自治县|黎族自治县|市|县)$", "");
            if (shortName.length() >= 2 && question.contains(shortName)) {
                return r.code();
            }
        }
        return null;
    }

    private Cited cite(SearchService.Result r) {
        ItemDetail detail = catalog.get(r.code());
        List<String> materials = detail.materials().stream().map(Material::name).toList();
        return new Cited(r.code(), r.basicCode(), r.name(), r.agencyName(), r.regionName(), r.audience(), materials.size(),
                materials, r.promisedLimitDays(), r.legalLimitDays(), r.fee(), r.visits(), r.onlineDepth(),
                "/items/" + r.code(), "/apply/" + r.code());
    }

    /** The answer, from the cited guides only; a question about materials, time or fees gets that part in full. */
    private static String answer(String question, String scenario, List<Cited> cited, boolean trusted, List<Clarify> clarify) {
        StringBuilder text = new StringBuilder();
        if (scenario != null) {
            text.append("根据办事指南，").append(scenario).append("一般需要办理以下 ").append(cited.size()).append(" 个事项：\n");
        } else if (trusted) {
            text.append("根据办事指南，与您的问题最相关的事项是：\n");
        } else {
            text.append("没有完全对应的事项，以下事项可能与您的问题有关：\n");
        }
        for (int i = 0; i < cited.size(); i++) {
            Cited c = cited.get(i);
            text.append(i + 1).append(". ").append(c.name()).append("：需提交 ").append(c.materialsCount()).append(" 项材料，")
                    .append(c.promisedLimitDays() == 0 ? "即来即办" : "承诺 " + c.promisedLimitDays() + " 个工作日办结").append("，")
                    .append(fee(c.fee())).append("，")
                    .append(c.visits() == 0 ? "全程网办" : "到现场 " + c.visits() + " 次").append("，办理部门：")
                    .append(c.agencyName()).append("。\n");
        }
        Cited first = cited.get(0);
        if (question.contains("材料")) {
            text.append(first.name()).append("所需材料：").append(String.join("；", first.materials())).append("。\n");
        }
        if (question.contains("多久") || question.contains("时限") || question.contains("几天")) {
            text.append(first.name()).append("法定时限 ").append(first.legalLimitDays()).append(" 个工作日，承诺时限 ")
                    .append(first.promisedLimitDays()).append(" 个工作日。\n");
        }
        clarify.forEach(c -> text.append(c.question()).append('\n'));
        text.append("点击事项可查看完整办事指南或直接在线申请。");
        return text.toString();
    }

    private static String fee(String fee) {
        return fee == null || fee.isBlank() || fee.contains("不收费") || fee.equals("0") ? "不收费" : "收费：" + fee;
    }

    private static List<String> suggestions(List<Cited> cited) {
        Set<String> s = new LinkedHashSet<>();
        Cited first = cited.get(0);
        s.add(first.name() + "需要哪些材料？");
        s.add(first.name() + "多久能办好？");
        // The next two cited items, asked about in turn.
        cited.subList(1, Math.min(3, cited.size())).forEach(c -> s.add(c.name() + "需要哪些材料？"));
        return List.copyOf(s);
    }
}
