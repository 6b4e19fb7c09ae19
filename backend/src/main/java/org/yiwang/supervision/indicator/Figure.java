package org.yiwang.supervision.indicator;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * The dashboard's figures: their name, their formula (the definition the README and the Excel export print) and,
 * for those counting cases, the family of cases a drill-down lists (received, concluded or rated in the period).
 */
public enum Figure {
    RECEIVED("received", "收件数", "期间内提交的办件数", Family.RECEIVED, i -> i.received()),
    IN_PROGRESS("inProgress", "在办数", "期间内收件、至今未办结（含已决定待送达）的办件数", Family.RECEIVED, i -> i.inProgress()),
    REFUSED("refused", "不予受理数", "期间内收件、不予受理的办件数", Family.RECEIVED, i -> i.refused()),
    WITHDRAWN("withdrawn", "撤回数", "期间内收件、申请人撤回的办件数", Family.RECEIVED, i -> i.withdrawn()),
    REJECTED("rejected", "不予许可数", "期间内收件、决定不予许可的办件数", Family.RECEIVED, i -> i.rejected()),
    SUPPLEMENTED("supplemented", "补正件数", "期间内收件、至少一次补正告知的办件数", Family.RECEIVED, i -> i.supplemented()),
    SUPPLEMENTED_AGAIN("supplementedAgain", "多次补正件数", "期间内收件、两次以上补正告知的办件数（一次性告知未落实）", Family.RECEIVED,
            i -> i.supplementedAgain()),
    OVERDUE("overdue", "超期件数", "期间内收件、办结晚于办结期限或至今未办结且已过期限的办件数", Family.RECEIVED, i -> i.overdue()),
    INSTANT("instant", "即办件数", "期间内收件、属即办件的办件数", Family.RECEIVED, i -> i.instant()),
    CONCLUDED("concluded", "办结数", "期间内办结（办结或已送达）的办件数", Family.CONCLUDED, i -> i.concluded()),
    CONCLUDED_ON_TIME("concludedOnTime", "按时办结数", "期间内办结、办结日不晚于办结期限的办件数（即办件均按时）", Family.CONCLUDED,
            i -> i.concludedOnTime()),
    CONCLUDED_LATE("concludedLate", "超期办结数", "期间内办结、办结日晚于办结期限的办件数", Family.CONCLUDED,
            i -> i.concluded() - i.concludedOnTime()),
    CONCLUDED_ONLINE("concludedOnline", "全程网办办结数", "期间内办结、事项到现场次数为 0 的办件数", Family.CONCLUDED, i -> i.concludedOnline()),
    RATED("rated", "评价数", "期间内作出的好差评数", Family.RATED, i -> i.rated()),
    RATED_BAD("ratedBad", "差评数", "期间内作出的不满意与非常不满意评价数", Family.RATED, i -> i.ratings().bad() + i.ratings().veryBad()),
    ONLINE_RATE("onlineRate", "全程网办率", "全程网办办结数 ÷ 办结数", null, i -> i.onlineRate()),
    ON_TIME_RATE("onTimeRate", "按时办结率", "按时办结数 ÷ 办结数", null, i -> i.onTimeRate()),
    SATISFACTION_RATE("satisfactionRate", "好评率", "（非常满意 + 满意 + 基本满意）÷ 评价数", null, i -> i.satisfactionRate()),
    BAD_RATE("badRate", "差评率", "（不满意 + 非常不满意）÷ 评价数", null, i -> i.badRate()),
    INSTANT_RATE("instantRate", "即办件比例", "即办件数 ÷ 收件数", null, i -> i.instantRate()),
    SUPPLEMENT_RATE("supplementRate", "补正率", "补正件数 ÷ 收件数", null, i -> i.supplementRate()),
    SECOND_SUPPLEMENT_RATE("secondSupplementRate", "多次补正率", "多次补正件数 ÷ 收件数", null, i -> i.secondSupplementRate()),
    REFUSAL_RATE("refusalRate", "不予受理率", "不予受理数 ÷ 收件数", null, i -> i.refusalRate()),
    OVERDUE_RATE("overdueRate", "超期率", "超期件数 ÷ 收件数", null, i -> i.overdueRate()),
    AVERAGE_WORKING_DAYS("averageWorkingDays", "平均办理工作日", "Σ 办结件从收件到办结的工作日（扣除特别程序）÷ 办结数", null, i -> i.averageWorkingDays()),
    P90_WORKING_DAYS("p90WorkingDays", "90% 办件办理工作日", "办结件办理工作日的第 90 百分位（按日直方图精确计算）", null, i -> i.p90WorkingDays()),
    COMPRESSION_RATE("compressionRate", "承诺时限压缩比", "1 − Σ 承诺时限 ÷ Σ 法定时限（期间内办结件）", null, i -> i.compressionRate());

    /** Which cases a counting figure is over: received, concluded or rated in the period. */
    public enum Family {
        RECEIVED, CONCLUDED, RATED
    }

    private final String key;
    private final String label;
    private final String formula;
    private final Family family;
    private final Function<Indicators, Number> value;

    Figure(String key, String label, String formula, Family family, Function<Indicators, Number> value) {
        this.key = key;
        this.label = label;
        this.formula = formula;
        this.family = family;
        this.value = value;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public String formula() {
        return formula;
    }

    /** Null for a rate or an average: those drill down through the counts they divide. */
    public Family family() {
        return family;
    }

    /** The figure's value among the dashboard's figures. */
    public Number value(Indicators indicators) {
        return value.apply(indicators);
    }

    public static Optional<Figure> byKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }
}
