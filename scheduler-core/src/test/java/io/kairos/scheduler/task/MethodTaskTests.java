package io.kairos.scheduler.task;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MethodTaskTests {

    private static final String CANCEL = SampleJobs.class.getName() + "::cancel";

    private final TaskRegistry registry = new TaskRegistry().allowPackages(SampleJobs.class.getPackageName());

    private Task task(String method) {
        return this.registry.resolve(SampleJobs.class.getName() + "::" + method);
    }

    @Test
    void bindsPositionalArgumentsAndConvertsThem() throws Exception {
        Task cancel = task("cancel");
        assertThat(cancel.invoke(List.of(42, true), Map.of())).isEqualTo("cancelled 42 with notice");
        assertThat(cancel.invoke(List.of("42", false), Map.of())).isEqualTo("cancelled 42");
    }

    @Test
    void bindsNamedArgumentsByParameterName() throws Exception {
        Task cancel = task("cancel");
        assertThat(cancel.invoke(List.of(), Map.of("notify", true, "orderId", 7L))).isEqualTo("cancelled 7 with notice");
        assertThat(cancel.invoke(List.of(7), Map.of("notify", false))).isEqualTo("cancelled 7");
    }

    @Test
    void tooManyPositionalArguments() {
        assertThatThrownBy(() -> task("cancel").checkArguments(List.of(1, true, "x"), Map.of()))
                .isInstanceOf(InvalidJobArgumentsException.class)
                .hasMessage("task '" + CANCEL + "' expects (long orderId, boolean notify); got 3 positional"
                        + " arguments (at most 2)");
    }

    @Test
    void unknownNamedArgument() {
        assertThatThrownBy(() -> task("cancel").checkArguments(List.of(1), Map.of("notfy", true)))
                .isInstanceOf(InvalidJobArgumentsException.class)
                .hasMessage("task '" + CANCEL + "' expects (long orderId, boolean notify); got unknown named"
                        + " argument(s) 'notfy'");
    }

    @Test
    void argumentGivenPositionallyAndByName() {
        assertThatThrownBy(() -> task("cancel").checkArguments(List.of(1, true), Map.of("orderId", 2)))
                .isInstanceOf(InvalidJobArgumentsException.class)
                .hasMessage("task '" + CANCEL + "' expects (long orderId, boolean notify); argument(s) 'orderId'"
                        + " given both positionally and by name");
    }

    @Test
    void missingArgument() {
        assertThatThrownBy(() -> task("cancel").checkArguments(List.of(1), Map.of()))
                .isInstanceOf(InvalidJobArgumentsException.class)
                .hasMessage("task '" + CANCEL + "' expects (long orderId, boolean notify); missing argument(s)"
                        + " 'notify' (got 1 positional and 0 named)");
    }

    @Test
    void valueThatDoesNotConvertFailsAtCheckTime() {
        assertThatThrownBy(() -> task("cancel").checkArguments(List.of("forty-two", true), Map.of()))
                .isInstanceOf(InvalidJobArgumentsException.class)
                .hasMessageStartingWith("task '" + CANCEL + "' expects (long orderId, boolean notify); argument"
                        + " 'orderId' (position 0) = \"forty-two\" (String) does not convert to long: ");
        assertThatThrownBy(() -> task("slot").checkArguments(List.of(), Map.of("size", "MEDIUM")))
                .isInstanceOf(InvalidJobArgumentsException.class)
                .hasMessageContaining("argument 'size' (named) = \"MEDIUM\" (String) does not convert to");
    }

    @Test
    void lossyCoercionsAreRefused() {
        assertThatThrownBy(() -> task("cancel").checkArguments(List.of(1.5, true), Map.of()))
                .hasMessageContaining("argument 'orderId' (position 0) = 1.5 (Double) does not convert to long: ");
        assertThatThrownBy(() -> task("cancel").checkArguments(List.of(1, 1), Map.of()))
                .hasMessageContaining("argument 'notify' (position 1) = 1 (Integer) does not convert to boolean: ");
        assertThatThrownBy(() -> task("count").checkArguments(List.of(5_000_000_000L, 1), Map.of()))
                .hasMessageContaining("argument 'value' (position 0) = 5000000000 (Long) does not convert to int: ");
        assertThatThrownBy(() -> task("count").checkArguments(List.of(1, ""), Map.of()))
                .hasMessageContaining("argument 'boxed' (position 1) = \"\" (String) does not convert to Integer: ");
        assertThatThrownBy(() -> task("cancel").checkArguments(List.of(Map.of("a", 1), true), Map.of()))
                .hasMessageContaining("argument 'orderId' (position 0) = {a=1} (Map) does not convert to long: ");
    }

    @Test
    void aBigDecimalKeepsEveryDigitAndConvertsToDoubleOnlyWhenExact() throws Exception {
        BigDecimal precise = new BigDecimal("0.1000000000000000000001");
        assertThat(task("decimals").invoke(List.of(precise, new BigDecimal("0.5"), new BigDecimal("0.1")), Map.of()))
                .isEqualTo("0.1000000000000000000001 0.5 0.1");
        assertThatThrownBy(() -> task("decimals").checkArguments(List.of(precise, precise, 1.0), Map.of()))
                .isInstanceOf(InvalidJobArgumentsException.class)
                .hasMessageContaining("argument 'primitive' (position 1) = 0.1000000000000000000001 (BigDecimal) does not"
                        + " convert to double without losing digits");
        assertThatThrownBy(() -> task("decimals").checkArguments(List.of(precise, 1.0), Map.of("boxed", precise)))
                .isInstanceOf(InvalidJobArgumentsException.class)
                .hasMessageContaining("argument 'boxed' (named) = 0.1000000000000000000001 (BigDecimal) does not"
                        + " convert to Double without losing digits");
    }

    @Test
    void wholeNumbersConvertBetweenWidths() throws Exception {
        assertThat(task("count").invoke(List.of(2L, 3), Map.of())).isEqualTo(5);
        assertThat(task("count").invoke(List.of(Short.valueOf((short) 2), "3"), Map.of())).isEqualTo(5);
    }

    @Test
    void nullForPrimitiveIsRefused() {
        assertThatThrownBy(() -> task("cancel").checkArguments(Arrays.asList(null, true), Map.of()))
                .isInstanceOf(InvalidJobArgumentsException.class)
                .hasMessageEndingWith("argument 'orderId' (position 0) is null, but a long cannot be null"
                        + " (declare it as Long or Optional)");
    }

    @Test
    void nullForReferenceTypeIsPassed() throws Exception {
        assertThat(task("describe").invoke(Arrays.asList(Map.of("id", 3), null), Map.of())).isEqualTo("3/null");
    }

    @Test
    void optionalParameterMayBeOmittedOrNull() throws Exception {
        Task greet = task("greet");
        assertThat(greet.invoke(List.of("Ann"), Map.of())).isEqualTo("hello Ann");
        assertThat(greet.invoke(Arrays.asList("Ann", null), Map.of())).isEqualTo("hello Ann");
        assertThat(greet.invoke(List.of("Ann"), Map.of("greeting", "hi"))).isEqualTo("hi Ann");
    }

    @Test
    void convertsGenericAndEnumTypes() throws Exception {
        assertThat(task("total").invoke(List.of(List.of(1, 2L, "3")), Map.of())).isEqualTo(6);
        assertThat(task("slot").invoke(List.of("LARGE"), Map.of())).isEqualTo("LARGE");
    }

    @Test
    void voidMethodReturnsNull() throws Exception {
        int before = SampleJobs.RUNS.get();
        assertThat(task("purge").invoke(List.of(), Map.of())).isNull();
        assertThat(SampleJobs.RUNS.get()).isEqualTo(before + 1);
    }

    @Test
    void exceptionOfTheMethodIsThrownUnwrapped() {
        assertThatThrownBy(() -> task("fail").invoke(List.of(), Map.of()))
                .isExactlyInstanceOf(IOException.class)
                .hasMessage("disk full");
    }

    @Test
    void boundTargetForInstanceMethods() throws Exception {
        MethodTask task = MethodTask.of("sample.instanceMethod", new SampleJobs2(),
                SampleJobs2.class.getMethod("hello", String.class), false,
                tools.jackson.databind.json.JsonMapper.shared());
        assertThat(task.invoke(List.of("Bo"), Map.of())).isEqualTo("hello Bo");
        assertThat(task.isPortable()).isFalse();
        assertThat(task.hasStableName()).isTrue();
        assertThat(task.signature()).isEqualTo("(String name)");
    }

    @Test
    void instanceMethodWithoutTargetIsRefused() throws Exception {
        assertThatThrownBy(() -> MethodTask.of("x", null, SampleJobs2.class.getMethod("hello", String.class), false,
                tools.jackson.databind.json.JsonMapper.shared()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not static and no target object was given");
    }

    /** A bean-like class for bound instance methods. */
    public static final class SampleJobs2 {
        public String hello(String name) {
            return "hello " + name;
        }
    }

    @Test
    void smallWholeNumbersWidenToLongAsJacksonWouldAndOthersStillConvert() throws Exception {
        assertThat(task("longs").invoke(List.of(1, (short) 2, (byte) 3), Map.of())).isEqualTo("1/Long2/Long3");
        assertThat(task("longs").invoke(List.of(Long.MAX_VALUE, Integer.MIN_VALUE), Map.of("optional", 5))).isEqualTo(
                Long.MAX_VALUE + "/Long" + Integer.MIN_VALUE + "/Long5");
        assertThat(task("longs").invoke(List.of("7", "8", "9"), Map.of())).isEqualTo("7/Long8/Long9");
        assertThat(task("longs").invoke(Arrays.asList(1, 2, null), Map.of())).isEqualTo("1/Long2/empty");
        assertThatThrownBy(() -> task("longs").checkArguments(List.of(1, 2.5, 3), Map.of()))
                .hasMessageContaining("argument 'boxed' (position 1) = 2.5 (Double) does not convert to Long: ");
    }
}
