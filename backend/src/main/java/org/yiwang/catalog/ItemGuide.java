package org.yiwang.catalog;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;
import org.yiwang.region.Agency;
import org.yiwang.region.RegionService;
import org.yiwang.workflow.StepKinds;
import org.yiwang.workflow.WorkflowService;

/**
 * A resident's view of an item (办事指南): the steps as a numbered list with who does each and how long it takes,
 * 受理条件, where and when to go, fees and an FAQ. Built from the item's own data, its process template's user steps
 * and its limits; where the catalogue has no text (conditions, FAQ) it is written from that data, the same item
 * always giving the same text.
 */
@Service
public class ItemGuide {

    /** 行政许可法 第三十二条: whether to accept is decided within five working days. */
    private static final int ACCEPT_DAYS = 5;
    private static final String HOURS = "周一至周五 上午 9:00–12:00，下午 14:30–17:30（法定节假日除外）";

    private final CatalogService catalog;
    private final WorkflowService workflow;
    private final RegionService regions;

    ItemGuide(CatalogService catalog, WorkflowService workflow, RegionService regions) {
        this.catalog = catalog;
        this.workflow = workflow;
        this.regions = regions;
    }

    /** {@code days} is null for a step done on the spot; {@code timing} says it in words. */
    public record Step(int seq, String name, String who, Integer days, String timing) {
    }

    public record Office(String name, String address, String hours, String phone) {
    }

    public record Question(String question, String answer) {
    }

    public record Guide(String code, String name, List<Step> steps, List<String> conditions, Office office, String fee,
            String feeBasis, List<Question> faq) {
    }

    public Guide of(String code) {
        Item item = catalog.item(code);
        Agency agency = regions.agency(item.agencyId());
        return new Guide(item.code(), item.name(), steps(item), conditions(item), office(item, agency),
                blank(item.fee()) ? "不收费" : item.fee(), item.feeBasis(), faq(item, agency));
    }

    private List<Step> steps(Item item) {
        List<WorkflowService.Step> template = workflow.templateSteps(item.processKey());
        boolean instant = "INSTANT".equals(item.caseKind());
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(1, "网上申请", "申请人", null, "随时提交；填写申请表并上传材料"));
        // The promised days run from acceptance; they are shared out over the steps after it, the rest on the last.
        List<WorkflowService.Step> afterAcceptance = template.stream()
                .filter(s -> !StepKinds.ACCEPT.equals(s.kind()) && !StepKinds.INSTANT.equals(s.kind())).toList();
        int limit = Math.max(item.promisedLimitDays(), afterAcceptance.isEmpty() ? 0 : afterAcceptance.size());
        int share = afterAcceptance.isEmpty() ? 0 : limit / afterAcceptance.size();
        int given = 0;
        for (WorkflowService.Step s : template) {
            Integer days;
            String timing;
            if (instant || StepKinds.INSTANT.equals(s.kind())) {
                days = null;
                timing = "当场办结";
            } else if (StepKinds.ACCEPT.equals(s.kind())) {
                days = ACCEPT_DAYS;
                timing = "收到申请后 " + ACCEPT_DAYS + " 个工作日内决定是否受理；材料不全的一次性告知补正";
            } else {
                boolean last = s == afterAcceptance.get(afterAcceptance.size() - 1);
                days = last ? limit - given : share;
                given += days;
                timing = "约 " + days + " 个工作日";
            }
            steps.add(new Step(steps.size() + 1, blank(s.name()) ? "办理" : s.name(), who(s.kind(), item), days, timing));
        }
        steps.add(new Step(steps.size() + 1, "办结送达", "平台", null, issuesLicence(item)
                ? "办结即时通知；准予许可的签发电子证照，在“我的证照”下载" : "办结即时通知，在“我的办件”查看结果"));
        return steps;
    }

    private static String who(String kind, Item item) {
        String agency = item.agencyName();
        if (kind == null) {
            return agency;
        }
        return switch (kind) {
            case StepKinds.INSTANT -> agency + "窗口工作人员";
            case StepKinds.ACCEPT -> agency + "受理窗口";
            case StepKinds.REVIEW -> agency + "审查人员";
            case StepKinds.DECIDE -> agency + "负责人";
            case "countersign" -> agency + "会同相关部门";
            case "preliminary" -> "乡镇（街道）便民服务中心";
            default -> agency;
        };
    }

    private static List<String> conditions(Item item) {
        List<String> out = new ArrayList<>();
        out.add("LEGAL_PERSON".equals(item.audience()) ? "申请人为依法设立的企业、个体工商户或其他组织，或正在办理设立的主体"
                : "申请人为具有完全民事行为能力的自然人，或其法定代理人、委托代理人");
        out.add("按本指南提交齐全、符合法定形式的申请材料，并对材料的真实性负责");
        if (!blank(item.lawBasis())) {
            out.add("符合" + firstBasis(item.lawBasis()) + "规定的条件");
        }
        out.add("申请事项属于" + item.agencyName() + "的职权范围");
        return out;
    }

    private Office office(Item item, Agency agency) {
        String centre = (blank(item.regionName()) ? "海南省" : item.regionName()) + "政务服务中心";
        String phone = !blank(item.consultPhone()) ? item.consultPhone() : agency.phone();
        return new Office(agency.name(), centre + " " + (blank(agency.shortName()) ? agency.name() : agency.shortName())
                + "综合受理窗口", HOURS, phone);
    }

    private static List<Question> faq(Item item, Agency agency) {
        List<Question> faq = new ArrayList<>();
        faq.add(new Question("办理“" + item.name() + "”需要多长时间？", "INSTANT".equals(item.caseKind())
                ? "本事项为即办件，材料齐全、符合法定形式的当场办结。"
                : "法定办结时限 " + item.legalLimitDays() + " 个工作日，承诺办结时限 " + item.promisedLimitDays()
                        + " 个工作日，自受理之日起计算；补正材料、听证、检验检测等时间不计入。"));
        faq.add(new Question("是否收费？", blank(item.fee()) ? "本事项不收费。"
                : "收费：" + item.fee() + (blank(item.feeBasis()) ? "。" : "；依据：" + item.feeBasis() + "。")));
        faq.add(new Question("需要到现场办理吗？", item.visits() == 0 ? "不需要，全程网上办理，结果电子送达。"
                : "最多到现场 " + item.visits() + " 次，其余环节在网上办理。"));
        faq.add(new Question("材料不全怎么办？", agency.name() + "在决定是否受理时一次性告知需要补正的全部内容；"
                + "补正后重新计算受理期限，补正期间不计入办理时限。"));
        faq.add(new Question("如何查询办理进度？", "登录后在“我的办件”中查看；不登录也可在“办事进度查询”中输入办件编号和证件号码后 6 位查询。"));
        if (issuesLicence(item)) {
            faq.add(new Question("办结后如何取得证照？", "准予许可的，平台签发电子证照，与纸质证照具有同等效力；"
                    + "可在“我的证照”下载，办理其他事项时可直接作为申请材料使用。"));
        }
        String phone = !blank(item.consultPhone()) ? item.consultPhone() : agency.phone();
        if (!blank(phone) || !blank(item.complaintPhone())) {
            faq.add(new Question("有疑问或对办理不满意找谁？", (blank(phone) ? "" : "咨询电话 " + phone + "；")
                    + (blank(item.complaintPhone()) ? "也可在办结后通过“好差评”评价。" : "投诉电话 " + item.complaintPhone() + "。")));
        }
        return faq;
    }

    /** 行政许可 and 行政确认 (types 1 and 7) end in a certificate, as the application lifecycle issues it. */
    private static boolean issuesLicence(Item item) {
        return item.type() == 1 || item.type() == 7;
    }

    private static String firstBasis(String lawBasis) {
        String first = lawBasis.split("[；;\\n]")[0].trim();
        int end = first.indexOf('》');
        return end > 0 && first.startsWith("《") ? first.substring(0, end + 1) : "有关法律法规";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
