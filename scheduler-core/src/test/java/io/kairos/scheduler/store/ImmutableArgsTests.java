package io.kairos.scheduler.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ImmutableArgs}: list and map contracts, nulls, order, copy-once, and how {@link StoredJob} uses them. */
class ImmutableArgsTests {

    @ParameterizedTest(name = "{0} values")
    @ValueSource(ints = { 0, 1, 2, 3, 7 })
    void aListCopyBehavesAsTheListItCopiesAndIgnoresLaterChangesToIt(int size) {
        List<Object> source = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            source.add(i == 1 ? null : "v" + i);
        }
        List<Object> copy = ImmutableArgs.copyOf(source);
        List<Object> expected = new ArrayList<>(source);
        source.add("later");
        assertThat(copy).isEqualTo(expected).hasSameHashCodeAs(expected).hasToString(expected.toString());
        assertThat(copy).containsExactlyElementsOf(expected);
        assertThat(copy.contains(null)).isEqualTo(size > 1);
        assertThat(copy.indexOf(null)).isEqualTo(size > 1 ? 1 : -1);
        assertThat(ImmutableArgs.of(expected.toArray())).isEqualTo(expected);
        assertThatThrownBy(() -> copy.get(size)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> copy.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> copy.add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> copy.set(0, "x")).isInstanceOf(UnsupportedOperationException.class);
        if (size > 0) {
            assertThatThrownBy(copy::clear).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void oneOrTwoIntegerOrLongValuesCopyAsTheListTheyCameFromWithTheirClasses() {
        Object[][] cases = { { 7 }, { 7L }, { Integer.MIN_VALUE, Long.MAX_VALUE }, { Long.MIN_VALUE, Integer.MAX_VALUE },
            { 1_000_000, 1_700_000_000_000L }, { -5L, -6L }, { 3, 4 }, { 3, "x" }, { "x", 3L }, { 3, null },
            { null, 3 }, { 3, 2.5 }, { (short) 3, 4 } };
        for (Object[] values : cases) {
            List<Object> expected = new ArrayList<>(Arrays.asList(values));
            for (List<Object> copy : List.of(ImmutableArgs.copyOf(expected), ImmutableArgs.of(values.clone()))) {
                assertThat(copy).as("%s", expected).isEqualTo(expected).hasSameHashCodeAs(expected)
                        .hasToString(expected.toString());
                assertThat(expected).isEqualTo(copy);
                for (int i = 0; i < values.length; i++) {
                    assertThat(copy.get(i)).isEqualTo(values[i]);
                    assertThat(copy.get(i) == null ? null : copy.get(i).getClass())
                            .isEqualTo(values[i] == null ? null : values[i].getClass());
                }
                assertThat(ImmutableArgs.copyOf(copy)).isSameAs(copy);
                assertThatThrownBy(() -> copy.get(values.length)).isInstanceOf(IndexOutOfBoundsException.class);
                assertThatThrownBy(() -> copy.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
                assertThatThrownBy(() -> copy.set(0, 1)).isInstanceOf(UnsupportedOperationException.class);
            }
        }
    }

    @Test
    void ofCopiesTheArray() {
        Object[] values = { 1, 2, 3 };
        List<Object> list = ImmutableArgs.of(values);
        values[0] = "changed";
        assertThat(list).containsExactly(1, 2, 3);
    }

    @Test
    void aCopyOfACopyIsTheCopyItself() {
        List<Object> list = ImmutableArgs.of(1, 2L);
        Map<String, Object> map = ImmutableArgs.copyOf(Map.of("a", 1));
        assertThat(ImmutableArgs.copyOf(list)).isSameAs(list);
        assertThat(ImmutableArgs.copyOf(map)).isSameAs(map);
        assertThat(ImmutableArgs.copyOf(List.of())).isSameAs(ImmutableArgs.emptyList());
        assertThat(ImmutableArgs.copyOf(new HashMap<>())).isSameAs(ImmutableArgs.emptyMap());
    }

    @Test
    void aMapCopyKeepsTheSourceOrderNullValuesAndTheMapContract() {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("zeta", 1);
        source.put("alpha", null);
        source.put("mid", List.of("x"));
        Map<String, Object> copy = ImmutableArgs.copyOf(source);
        Map<String, Object> expected = new LinkedHashMap<>(source);
        source.put("later", 2);
        assertThat(copy).containsExactly(Map.entry("zeta", 1), new java.util.AbstractMap.SimpleEntry<>("alpha", null),
                Map.entry("mid", List.of("x")));
        assertThat(copy.keySet()).containsExactly("zeta", "alpha", "mid");
        assertThat(copy).isEqualTo(expected).hasSameHashCodeAs(expected).hasToString(expected.toString());
        assertThat(expected).isEqualTo(copy);
        assertThat(copy.get("zeta")).isEqualTo(1);
        assertThat(copy.get("alpha")).isNull();
        assertThat(copy.containsKey("alpha")).isTrue();
        assertThat(copy.containsKey("later")).isFalse();
        assertThat(copy.get(null)).isNull();
        assertThat(copy.containsValue(null)).isTrue();
        assertThatThrownBy(() -> copy.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> copy.remove("zeta")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> copy.entrySet().iterator().next().setValue(3)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> copy.keySet().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nullsAreRefusedWithTheArgumentsName() {
        assertThatThrownBy(() -> ImmutableArgs.copyOf((List<?>) null)).isInstanceOf(NullPointerException.class).hasMessage("args");
        assertThatThrownBy(() -> ImmutableArgs.copyOf((Map<String, ?>) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("kwargs");
    }

    @Test
    void storedJobCopiesAreMadeOnceAndSharedByTheJobsCopies() {
        List<Object> args = new ArrayList<>(Arrays.asList(1, null));
        Map<String, Object> kwargs = new LinkedHashMap<>(Map.of("k", "v"));
        StoredJob job = new StoredJob("id", "name", "task", args, kwargs, new TestTrigger(Instant.EPOCH), "default", "default", null, true, 1,
                null, null, null, JobState.PAUSED, null, 0, null);
        args.add("later");
        kwargs.put("later", 1);
        assertThat(job.args()).containsExactly(1, null);
        assertThat(job.kwargs()).containsOnlyKeys("k");
        StoredJob scheduled = job.withNextRunTime(Instant.EPOCH, Instant.EPOCH).withVersion(3);
        assertThat(scheduled.args()).isSameAs(job.args());
        assertThat(scheduled.kwargs()).isSameAs(job.kwargs());
    }
}
