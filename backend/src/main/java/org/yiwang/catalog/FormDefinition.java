package org.yiwang.catalog;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One version of an application form (申请表单): the fields an applicant fills in for an item that binds it.
 * Saving a form makes its next version; items keep the version they bound.
 */
public record FormDefinition(long id, String key, int version, String name, List<Field> fields, String createdBy,
        LocalDateTime createdAt) {

    /**
     * A field: {@code min}/{@code max} bound a number's value and a text's length; {@code pattern} is a regular
     * expression the whole text must match; a select's value must be one of {@code options}.
     */
    public record Field(String key, String label, String type, boolean required, String pattern, Double min, Double max,
            List<String> options) {
    }
}
