package io.parkcredit.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Paging parameters (API.md conventions): page from 0, size 1..10000, and an offset that fits the database's int. */
class PageRequestTest {

    @Test
    void defaultsAreTheFirstPageOfFifty() {
        PageRequest p = PageRequest.of(null, null);
        assertThat(p.page()).isZero();
        assertThat(p.size()).isEqualTo(50);
        assertThat(p.offset()).isZero();
    }

    @Test
    void sizeBoundsAreInclusive() {
        assertThat(PageRequest.of(0, 1).size()).isEqualTo(1);
        assertThat(PageRequest.of(0, 10_000).size()).isEqualTo(10_000);
        assertThatThrownBy(() -> PageRequest.of(0, 0)).isInstanceOf(ProblemException.class).hasMessageContaining("size");
        assertThatThrownBy(() -> PageRequest.of(0, 10_001)).isInstanceOf(ProblemException.class)
                .hasMessageContaining("size");
        assertThatThrownBy(() -> PageRequest.of(-1, 20)).isInstanceOf(ProblemException.class).hasMessageContaining("page");
    }

    @Test
    void theOffsetNeverOverflows() {
        // 214,748 × 10,000 = 2,147,480,000 fits; one page further does not
        assertThat(PageRequest.of(214_748, 10_000).offset()).isEqualTo(2_147_480_000);
        assertThatThrownBy(() -> PageRequest.of(214_749, 10_000)).isInstanceOf(ProblemException.class)
                .hasMessageContaining("page");
        assertThatThrownBy(() -> PageRequest.of(Integer.MAX_VALUE, 2)).isInstanceOf(ProblemException.class)
                .hasMessageContaining("page");
        assertThat(PageRequest.of(Integer.MAX_VALUE, 1).offset()).isEqualTo(Integer.MAX_VALUE);
    }
}
