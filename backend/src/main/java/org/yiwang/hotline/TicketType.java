package org.yiwang.hotline;

import java.util.Arrays;

import org.yiwang.common.ApiException;

/** 诉求类型 of a 12345 ticket. Anyone may ask (咨询) without logging in; the others need the one identity or an operator. */
public enum TicketType {
    CONSULT("咨询"), HELP("求助"), COMPLAINT("投诉"), REPORT("举报"), SUGGESTION("建议"), PRAISE("表扬");

    private final String label;

    TicketType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** By code (CONSULT) or by its Chinese name (咨询); 400 otherwise. */
    static TicketType parse(String parameter, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badParameter(parameter, "请选择诉求类型");
        }
        return Arrays.stream(values()).filter(t -> t.name().equalsIgnoreCase(value.trim()) || t.label.equals(value.trim()))
                .findFirst().orElseThrow(() -> ApiException.badParameter(parameter, "未知的诉求类型：" + value));
    }

    /** 举报: the handling agency never sees who reported. */
    boolean confidential() {
        return this == REPORT;
    }
}
