package io.github.cometlyexport.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class VolumeRuleTest {
    private final VolumeRule rule = VolumeRule.defaults();

    @Test
    void givenNoEarlierDays_whenChecked_thenNeverLow() {
        assertThat(rule.lowBecause(List.of(), 0)).isNull();
    }

    @Test
    void givenAQuarterOfTheMedianAsTheBound_whenJustUnderAndAt_thenLowOnlyUnder() {
        List<Long> earlier = List.of(100L, 400L, 400L, 10_000L);
        // median of the four: 400, a quarter of it 100
        assertThat(rule.lowBecause(earlier, 99)).isEqualTo("99 lines, under 25% of the median (400) of the "
                + "previous 4 stored days");
        assertThat(rule.lowBecause(earlier, 100)).isNull();
    }

    @Test
    void givenMoreDaysThanTheWindow_whenChecked_thenOnlyTheLastWindowCount() {
        List<Long> earlier = List.of(9L, 9L, 9L, 9L, 1_000_000L, 1_000_000L, 8L, 8L, 8L, 8L, 8L);
        // the last 7: two of a million and five of 8, median 8; all 11: median 9
        assertThat(rule.lowBecause(earlier, 2)).isNull();
        assertThat(rule.lowBecause(earlier, 1)).contains("median (8) of the previous 7 stored days");
        assertThat(new VolumeRule(0.5, 11).lowBecause(earlier, 4)).contains("median (9) of the previous 11");
    }

    @Test
    void givenZeroAfterNonEmptyDays_whenChecked_thenLowEvenWithTheRatioOff() {
        VolumeRule off = new VolumeRule(0, 7);
        assertThat(off.lowBecause(List.of(0L, 5L), 0)).isEqualTo("no lines, after days that had some");
        assertThat(off.lowBecause(List.of(5L), 1)).isNull();
        assertThat(off.lowBecause(List.of(0L, 0L), 0)).isNull();
    }

    @Test
    void givenBoundsOutOfRange_whenMade_thenRefused() {
        assertThatThrownBy(() -> new VolumeRule(1.5, 7)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VolumeRule(Double.NaN, 7)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VolumeRule(0.25, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
