package org.yiwang.supervision.assessment;

/**
 * The measures an assessment may weigh: each a share in [0, 1] computed from the month's facts, with its default
 * weight and target (a year without its own indicator system uses these). A measure without facts for a subject
 * (nothing to divide by) scores nothing and its weight leaves the subject's total too.
 */
public enum Measure {
    ON_TIME("按时办结率", "按时办结数 ÷ 办结数（电子监察日汇总）", 25, 1.0),
    ONLINE("全程网办率", "事项到现场次数为 0 的办结数 ÷ 办结数", 15, 0.9),
    SATISFACTION("好差评好评率", "（非常满意 + 满意 + 基本满意）÷ 评价数", 20, 0.98),
    CARD_FREE("亮牌控制率", "1 − 当月亮牌数 ÷ 当月收件数（无收件而有亮牌为 0）", 15, 1.0),
    CARD_ANSWER("亮牌按时说明率", "按时作出情况说明的亮牌 ÷（已说明或说明已到期的亮牌）", 10, 1.0),
    HOTLINE_RESPONSE("12345 响应率", "按时签收的工单 ÷ 派至本单位的工单（12345 热线）", 5, 0.95),
    HOTLINE_SATISFACTION("12345 满意率", "满意与基本满意 ÷ 已评价工单（12345 热线）", 10, 0.9);

    private final String label;
    private final String formula;
    private final double defaultWeight;
    private final double defaultTarget;

    Measure(String label, String formula, double defaultWeight, double defaultTarget) {
        this.label = label;
        this.formula = formula;
        this.defaultWeight = defaultWeight;
        this.defaultTarget = defaultTarget;
    }

    public String label() {
        return label;
    }

    public String formula() {
        return formula;
    }

    double defaultWeight() {
        return defaultWeight;
    }

    double defaultTarget() {
        return defaultTarget;
    }
}
