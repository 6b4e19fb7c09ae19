package org.yiwang.supervision.card;

import java.time.LocalDate;
import java.time.LocalDateTime;

/** 亮牌: a card on a case, as a supervisor sees it. */
public record Card(long id, String applicationNo, long agencyId, String agencyName, String agencyRegion, String colour,
        String ruleCode, String ruleName, String stepKey, String detail, LocalDateTime raisedAt, LocalDate answerDue,
        String status, String answer, String answeredBy, LocalDateTime answeredAt, String decisionNote, String decidedBy,
        LocalDateTime decidedAt, int version) {

    public enum Rule {
        ACCEPT_STEP_YELLOW("YELLOW", "受理环节临近时限"),
        ACCEPT_STEP_RED("RED", "受理环节超期"),
        STEP_YELLOW("YELLOW", "办理环节临近时限"),
        STEP_RED("RED", "办理环节超期"),
        CASE_YELLOW("YELLOW", "办件临近办结时限"),
        CASE_RED("RED", "办件超期"),
        REFUSAL_WITHOUT_BASIS("RED", "不予受理或不予许可未说明法律依据"),
        SECOND_SUPPLEMENT("YELLOW", "多次补正（一次性告知未落实）");

        private final String colour;
        private final String label;

        Rule(String colour, String label) {
            this.colour = colour;
            this.label = label;
        }

        public String colour() {
            return colour;
        }

        public String label() {
            return label;
        }
    }

    public Card withRuleName() {
        return new Card(id, applicationNo, agencyId, agencyName, agencyRegion, colour, ruleCode, Rule.valueOf(ruleCode).label(),
                stepKey, detail, raisedAt, answerDue, status, answer, answeredBy, answeredAt, decisionNote, decidedBy, decidedAt, version);
    }
}
