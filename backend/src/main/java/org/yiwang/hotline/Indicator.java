package org.yiwang.hotline;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One agency's hotline indicators over tickets received in a period: 响应率 (signed on time), 办结率, on-time replies,
 * 满意率 (满意 and 基本满意 of the rated) and the reopen rate. Rates are shares from 0 to 1, null with nothing to count.
 */
public record Indicator(long agencyId, String agencyName, long received, long signedOnTime, long replied,
        long repliedOnTime, long rated, long satisfied, long reopened, long closed) {

    @JsonProperty
    public Double responseRate() {
        return share(signedOnTime, received);
    }

    @JsonProperty
    public Double completionRate() {
        return share(closed, received);
    }

    @JsonProperty
    public Double onTimeRate() {
        return share(repliedOnTime, replied);
    }

    @JsonProperty
    public Double satisfactionRate() {
        return share(satisfied, rated);
    }

    @JsonProperty
    public Double reopenRate() {
        return share(reopened, received);
    }

    private static Double share(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10000.0 / whole) / 10000.0;
    }
}
