package org.yiwang.application;

import java.util.Map;

/** Names of the steps recorded in a timeline. */
final class Actions {

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("CREATE", "创建申请"), Map.entry("SUBMIT", "提交申请"), Map.entry("CLAIM", "签收"),
            Map.entry("UNCLAIM", "取消签收"), Map.entry("ACCEPT", "受理"), Map.entry("DEEMED_ACCEPTED", "视为受理"),
            Map.entry("REFUSE", "不予受理"), Map.entry("SUPPLEMENT", "一次性告知补正"),
            Map.entry("SUPPLEMENTED", "补正材料"), Map.entry("REVIEW", "审查"), Map.entry("PRELIMINARY_REVIEW", "初审"),
            Map.entry("APPROVE", "准予许可"), Map.entry("REJECT", "不予许可"), Map.entry("SUSPEND", "特别程序开始"),
            Map.entry("RESUME", "特别程序结束"), Map.entry("EXTEND", "延长期限"), Map.entry("RETURN", "退回"),
            Map.entry("TRANSFER", "转办"), Map.entry("CONCLUDE", "办结"),
            Map.entry("WITHDRAW", "撤回申请"), Map.entry("LICENSE", "核发电子证照"), Map.entry("LICENSE_MATERIAL", "电子证照作为材料"),
            Map.entry("CLOCK_YELLOW", "时限预警"), Map.entry("CLOCK_RED", "超期督办"), Map.entry("DELEGATE", "委派"),
            Map.entry("RESOLVE", "委派办理完毕"), Map.entry("COPY", "抄送"), Map.entry("WITHDRAW_STEP", "撤回"),
            Map.entry("ADD_SIGNER", "加签"), Map.entry("REMOVE_SIGNER", "减签"),
            Map.entry("SIGNERS_CANCELLED", "或签完成"), Map.entry("DELIVER", "送达"),
            Map.entry("MIGRATE", "流程版本迁移"), Map.entry("TEST_RUN", "试运行开始"), Map.entry("TEST_STEP", "试运行办理"));

    private Actions() {
    }

    static String label(String action) {
        return LABELS.getOrDefault(action, action);
    }
}
