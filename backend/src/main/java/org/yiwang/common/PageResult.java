package org.yiwang.common;

import java.util.List;
import java.util.function.Function;

/**
 * The one paging shape of every list answer. {@code totalCapped} is true when a list stopped counting at
 * {@code total} and holds more (a supervisor's whole province); otherwise it is absent and {@code total} is exact.
 */
public record PageResult<T>(List<T> items, long total, int page, int size, Boolean totalCapped) {

    public PageResult(List<T> items, long total, int page, int size) {
        this(items, total, page, size, null);
    }

    public <R> PageResult<R> map(Function<T, R> mapper) {
        return new PageResult<>(items.stream().map(mapper).toList(), total, page, size, totalCapped);
    }
}
