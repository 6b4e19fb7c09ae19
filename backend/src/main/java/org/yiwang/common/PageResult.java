package org.yiwang.common;

import java.util.List;
import java.util.function.Function;

/** The one paging shape of every list answer. */
public record PageResult<T>(List<T> items, long total, int page, int size) {

    public <R> PageResult<R> map(Function<T, R> mapper) {
        return new PageResult<>(items.stream().map(mapper).toList(), total, page, size);
    }
}
