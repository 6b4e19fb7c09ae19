package org.yiwang.search;

import java.time.LocalDateTime;

/** A colloquial word (驾照) and the words of the official names it stands for (驾驶证). */
public record Synonym(long id, String term, String expansion, String createdBy, LocalDateTime createdAt) {
}
