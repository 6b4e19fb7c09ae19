package org.yiwang.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class PagingTest {

    @Test
    void aCountThatStoppedPastTheCapSaysMoreThanTheCap() {
        Paging paging = Paging.of(2, 20);
        PageResult<String> exact = paging.resultCounted(List.of("a"), 10_000, 10_000);
        assertThat(exact.total()).isEqualTo(10_000);
        assertThat(exact.totalCapped()).isNull();
        PageResult<String> capped = paging.resultCounted(List.of("a"), 10_001, 10_000);
        assertThat(capped.total()).isEqualTo(10_000);
        assertThat(capped.totalCapped()).isTrue();
        assertThat(capped.map(String::length).totalCapped()).isTrue();
    }
}
