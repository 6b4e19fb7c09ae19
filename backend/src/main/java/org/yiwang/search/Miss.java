package org.yiwang.search;

import java.time.LocalDateTime;

/** A query that found nothing, and how often it was asked. */
public record Miss(String query, int misses, LocalDateTime firstAt, LocalDateTime lastAt) {
}
