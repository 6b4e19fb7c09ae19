package org.yiwang.common;

/** Validated {@code page} (from 1) and {@code size} (1–100) request parameters. */
public record Paging(int page, int size) {

    public static final int MAX_SIZE = 100;

    public static Paging of(Integer page, Integer size) {
        int p = page == null ? 1 : page;
        int s = size == null ? 20 : size;
        if (p < 1) {
            throw ApiException.badParameter("page", "page 须为从 1 开始的页码");
        }
        if (s < 1 || s > MAX_SIZE) {
            throw ApiException.badParameter("size", "size 须在 1 到 " + MAX_SIZE + " 之间");
        }
        if ((long) (p - 1) * s > Integer.MAX_VALUE) {
            throw ApiException.badParameter("page", "page 超出范围");
        }
        return new Paging(p, s);
    }

    public int offset() {
        return (page - 1) * size;
    }

    public <T> PageResult<T> result(java.util.List<T> items, long total) {
        return new PageResult<>(items, total, page, size);
    }

    /** A page whose count stopped after {@code cap} + 1 rows: more than {@code cap} is answered as {@code cap}, capped. */
    public <T> PageResult<T> resultCounted(java.util.List<T> items, long countedUpToCapPlusOne, long cap) {
        return countedUpToCapPlusOne > cap ? new PageResult<>(items, cap, page, size, true)
                : new PageResult<>(items, countedUpToCapPlusOne, page, size);
    }
}
