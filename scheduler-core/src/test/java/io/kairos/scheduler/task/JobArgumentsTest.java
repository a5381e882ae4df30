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

class JobArgumentsTest {

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
}
