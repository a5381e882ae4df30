package io.kairos.scheduler.task;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobArgumentsTests {

    @Test
    void acceptsJsonValuesNestedAndNull() {
        Map<String, Object> order = new HashMap<>();
        order.put("id", 42L);
        order.put("lines", List.of(Map.of("sku", "A-1", "qty", 2), Map.of("price", new BigDecimal("9.90"))));
        order.put("note", null);
        assertThatCode(() -> JobArguments.requireJsonCompatible(Arrays.asList(1, 2.5, "x", true, null, (byte) 1),
                Map.of("order", order))).doesNotThrowAnyException();
    }

    @Test
    void namesTheOffendingPositionalArgumentAndItsType() {
        assertThatThrownBy(() -> JobArguments.requireJsonCompatible(List.of("ok", Thread.currentThread()), Map.of()))
                .isInstanceOf(InvalidJobArgumentsException.class)
                .hasMessageStartingWith("job argument args[1] is a java.lang.Thread, which cannot be stored as JSON;"
                        + " job arguments must be String, Number");
    }

    @Test
    void namesTheNestedPathOfANamedArgument() {
        Map<String, Object> order = Map.of("lines", List.of("ok", LocalDate.of(2024, 1, 1)));
        assertThatThrownBy(() -> JobArguments.requireJsonCompatible(List.of(), Map.of("order", order)))
                .hasMessageStartingWith("job argument kwargs['order']['lines'][1] is a java.time.LocalDate");
    }

    @Test
    void refusesNonStringKeysNonFiniteNumbersCyclesAndNulls() {
        assertThatThrownBy(() -> JobArguments.requireJsonCompatible(List.of(Map.of(1, "a")), Map.of()))
                .hasMessage("job argument args[0] is a map with a key of type java.lang.Integer (1); JSON objects"
                        + " need String keys");
        assertThatThrownBy(() -> JobArguments.requireJsonCompatible(List.of(Double.NaN), Map.of()))
                .hasMessageStartingWith("job argument args[0] is NaN, which JSON cannot represent");
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertThatThrownBy(() -> JobArguments.requireJsonCompatible(List.of(cycle), Map.of()))
                .hasMessageStartingWith("job argument args[0][0] contains itself");
        assertThatThrownBy(() -> JobArguments.requireJsonCompatible(null, Map.of()))
                .isInstanceOf(InvalidJobArgumentsException.class).hasMessageContaining("job args is null");
        assertThatThrownBy(() -> JobArguments.requireJsonCompatible(List.of(), null))
                .isInstanceOf(InvalidJobArgumentsException.class).hasMessageContaining("job kwargs is null");
    }

    @Test
    void sameListTwiceIsNoCycle() {
        List<Object> shared = List.of(1);
        assertThatCode(() -> JobArguments.requireJsonCompatible(List.of(shared, shared), Map.of()))
                .doesNotThrowAnyException();
    }

    @Test
    void everyScalarKindPassesAndNonFiniteOnesAreNamedAtTheTopLevelAndInKwargs() {
        assertThatCode(() -> JobArguments.requireJsonCompatible(Arrays.asList("s", 1, 2L, (short) 3, (byte) 4, 5.5, 6.5f,
                java.math.BigInteger.TEN, BigDecimal.ONE, false, null), Map.of("d", 1.0, "f", 2f))).doesNotThrowAnyException();
        assertThatThrownBy(() -> JobArguments.requireJsonCompatible(List.of(1, Float.POSITIVE_INFINITY), Map.of()))
                .hasMessageStartingWith("job argument args[1] is Infinity, which JSON cannot represent");
        assertThatThrownBy(() -> JobArguments.requireJsonCompatible(List.of(), Map.of("rate", Double.NEGATIVE_INFINITY)))
                .hasMessageStartingWith("job argument kwargs['rate'] is -Infinity, which JSON cannot represent");
        Map<String, Object> nullKey = new HashMap<>();
        nullKey.put(null, 1);
        assertThatThrownBy(() -> JobArguments.requireJsonCompatible(List.of(), nullKey))
                .hasMessage("job kwargs has a null key; named arguments need a name");
    }

    @Test
    void theFirstOffendingArgumentIsNamedWhenSeveralAre() {
        assertThatThrownBy(() -> JobArguments.requireJsonCompatible(List.of(1, Double.NaN, Thread.currentThread()), Map.of()))
                .hasMessageStartingWith("job argument args[1] is NaN");
    }

    @Test
    void refusesNulInStringsAndKeysNamingThePath() {
        assertThatThrownBy(() -> JobArguments.requireJsonCompatible(List.of("ok", "a\u0000b"), Map.of()))
                .isInstanceOf(InvalidJobArgumentsException.class)
                .hasMessageStartingWith("job argument args[1] contains the character U+0000 (NUL)");
        assertThatThrownBy(() -> JobArguments.requireJsonCompatible(List.of(), Map.of("name", List.of("\u0000"))))
                .isInstanceOf(InvalidJobArgumentsException.class)
                .hasMessageStartingWith("job argument kwargs['name'][0] contains the character U+0000 (NUL)");
        assertThatThrownBy(() -> JobArguments.requireJsonCompatible(List.of(Map.of("k\u0000", 1)), Map.of()))
                .isInstanceOf(InvalidJobArgumentsException.class)
                .hasMessageStartingWith("job argument args[0]['k\\u0000'] has a key containing the character U+0000");
        assertThatThrownBy(() -> JobArguments.requireJsonCompatible(List.of(), Map.of("na\u0000me", 1)))
                .isInstanceOf(InvalidJobArgumentsException.class)
                .hasMessageStartingWith("job argument kwargs['na\\u0000me'] has a name containing the character U+0000");
        JobArguments.requireJsonCompatible(List.of("\u0001 is fine"), Map.of());
    }
}
