package io.parkcredit.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WeightsTest {

    @Test
    void normaliseDividesBySum() {
        assertThat(Weights.normalise(new double[] {30, 50, 20})).containsExactly(new double[] {0.3, 0.5, 0.2}, within(1e-15));
    }

    @Test
    void allZeroMeansEqual() {
        assertThat(Weights.normalise(new double[] {0, 0, 0, 0})).containsExactly(0.25, 0.25, 0.25, 0.25);
    }

    @Test
    void negativeOrNonFiniteIsRejected() {
        assertThatThrownBy(() -> Weights.normalise(new double[] {1, -0.1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Weights.normalise(new double[] {1, Double.NaN})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Weights.normalise(new double[] {Double.POSITIVE_INFINITY})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Weights.normalise(new double[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void blendMixesByAlpha() {
        // 0.25 · (0.5, 0.5) + 0.75 · (0.2, 0.8) = (0.275, 0.725)
        assertThat(Weights.blend(new double[] {0.5, 0.5}, new double[] {20, 80}, 0.25))
                .containsExactly(new double[] {0.275, 0.725}, within(1e-15));
    }

    @Test
    void blendRejectsAlphaOutsideUnitInterval() {
        assertThatThrownBy(() -> Weights.blend(new double[] {1}, new double[] {1}, 1.01)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Weights.blend(new double[] {1}, new double[] {1}, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Weights.blend(new double[] {1}, new double[] {1, 2}, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
