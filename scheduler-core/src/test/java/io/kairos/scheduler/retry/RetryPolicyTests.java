package io.kairos.scheduler.retry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The retry policy's checks, delays and exception matching.
 */
class RetryPolicyTests {

    @Test
    void theDefaultsAreOneAttemptTenSecondsTimesTwoUpToTenMinutesWithATenthOfJitter() {
        assertThat(RetryPolicy.NONE).isEqualTo(new RetryPolicy(1, Duration.ofSeconds(10), 2, Duration.ofMinutes(10), 0.1, List.of(),
                List.of()));
        assertThat(RetryPolicy.NONE.retries()).isFalse();
        assertThat(RetryPolicy.maxAttempts(3).retries()).isTrue();
    }

    @Test
    void exactDelaysGrowByTheMultiplierUpToTheMaximum() {
        RetryPolicy policy = RetryPolicy.maxAttempts(10).withJitter(0).withBackoff(Duration.ofSeconds(10), Duration.ofSeconds(60));
        Random random = new Random(1);
        assertThat(List.of(2, 3, 4, 5, 6).stream().map((n) -> policy.delayBefore(n, random)).toList()).containsExactly(
                Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40), Duration.ofSeconds(60), Duration.ofSeconds(60));
        assertThatThrownBy(() -> policy.delayBefore(1, random)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void aJitteredDelayStaysWithinItsFractionAndNeverExceedsTheMaximum(@ForAll @IntRange(min = 2, max = 1000) int attempt,
            @ForAll @DoubleRange(min = 0, max = 1) double jitter, @ForAll @DoubleRange(min = 1, max = 100) double multiplier,
            @ForAll @LongRange(min = 1, max = 3_600_000) long backoffMillis, @ForAll long seed) {
        Duration backoff = Duration.ofMillis(backoffMillis);
        Duration max = backoff.multipliedBy(50);
        RetryPolicy policy = RetryPolicy.maxAttempts(1000).withBackoff(backoff, max).withMultiplier(multiplier).withJitter(jitter);
        Duration exact = policy.withJitter(0).delayBefore(attempt, new Random(seed));
        Duration delay = policy.delayBefore(attempt, new Random(seed));
        assertThat(exact).isBetween(backoff, max);
        assertThat(delay).isLessThanOrEqualTo(max);
        double spread = exact.toNanos() * jitter + 1;
        assertThat((double) Math.abs(delay.toNanos() - exact.toNanos())).isLessThanOrEqualTo(spread);
    }

    @Test
    void noRetryOnWinsOverRetryOnAndSubclassesMatch() {
        RetryPolicy policy = RetryPolicy.maxAttempts(3).withRetryOn("java.io.IOException", "java.lang.IllegalStateException")
                .withNoRetryOn("java.io.FileNotFoundException");
        assertThat(policy.retriesOn(new IOException("x"))).isTrue();
        assertThat(policy.retriesOn(new java.net.SocketTimeoutException("x"))).as("a subclass of a listed class").isTrue();
        assertThat(policy.retriesOn(new java.io.FileNotFoundException("x"))).as("no-retry-on wins").isFalse();
        assertThat(policy.retriesOn(new UncheckedIOException(new IOException()))).as("not listed (the cause does not count)").isFalse();
        assertThat(RetryPolicy.maxAttempts(3).retriesOn(new Error("any"))).as("an empty retry-on takes every exception").isTrue();
    }

    @Test
    void checkExceptionClassesRefusesANameThatDoesNotLoadOrIsNotAThrowable() {
        ClassLoader loader = getClass().getClassLoader();
        RetryPolicy good = RetryPolicy.maxAttempts(3).withRetryOn("java.io.IOException").withNoRetryOn("java.io.FileNotFoundException");
        assertThat(good.checkExceptionClasses(loader)).isSameAs(good);
        assertThatThrownBy(() -> RetryPolicy.maxAttempts(3).withRetryOn("java.io.IOException", "com.nope.NoSuchException")
                .checkExceptionClasses(loader))
            .isInstanceOfSatisfying(InvalidRetryPolicyException.class, (ex) -> {
                assertThat(ex.option()).isEqualTo("retry-on");
                assertThat(ex.value()).isEqualTo("com.nope.NoSuchException");
            })
            .hasMessageContaining("class 'com.nope.NoSuchException' is not found");
        assertThatThrownBy(() -> RetryPolicy.maxAttempts(3).withNoRetryOn("java.lang.String").checkExceptionClasses(loader))
            .isInstanceOfSatisfying(InvalidRetryPolicyException.class, (ex) -> {
                assertThat(ex.option()).isEqualTo("no-retry-on");
                assertThat(ex.value()).isEqualTo("java.lang.String");
            })
            .hasMessageContaining("is not a Throwable");
        assertThat(RetryPolicy.maxAttempts(3).withRetryOn("com.nope.NoSuchException").retryOn())
            .as("the constructor checks the form only: a stored policy may name another node's classes")
            .containsExactly("com.nope.NoSuchException");
    }

    @Test
    void invalidValuesNameTheOptionTheValueAndWhatIsValid() {
        assertInvalid(() -> RetryPolicy.maxAttempts(0), "max-attempts", "'0'", "1 (no retry) to 1000");
        assertInvalid(() -> RetryPolicy.NONE.withBackoff(Duration.ZERO, Duration.ofMinutes(1)), "backoff", "'PT0S'", "a positive duration");
        assertInvalid(() -> RetryPolicy.NONE.withBackoff(Duration.ofMinutes(2), Duration.ofMinutes(1)), "max-backoff", "'PT1M'",
                "at least the backoff (PT2M)");
        assertInvalid(() -> RetryPolicy.NONE.withMultiplier(0.5), "multiplier", "'0.5'", "1 to 100");
        assertInvalid(() -> RetryPolicy.NONE.withMultiplier(Double.NaN), "multiplier", "'NaN'", "1 to 100");
        assertInvalid(() -> RetryPolicy.NONE.withJitter(1.5), "jitter", "'1.5'", "a fraction from 0 to 1");
        assertInvalid(() -> RetryPolicy.NONE.withRetryOn("not a class"), "retry-on", "'not a class'", "binary class names");
        assertInvalid(() -> RetryPolicy.NONE.withNoRetryOn(""), "no-retry-on", "''", "binary class names");
    }

    @Test
    void flatOptionsAreReadThroughTheSameChecks() {
        RetryPolicy policy = RetryPolicy.parse(RetryPolicy.NONE, Map.of("max-attempts", "4", "backoff", "2s", "multiplier", "3",
                "max-backoff", "PT1M", "jitter", "0", "retry-on", "java.io.IOException, java.lang.IllegalStateException",
                "no-retry-on", ""));
        assertThat(policy).isEqualTo(new RetryPolicy(4, Duration.ofSeconds(2), 3, Duration.ofMinutes(1), 0,
                List.of("java.io.IOException", "java.lang.IllegalStateException"), List.of()));
        assertThat(RetryPolicy.parse(RetryPolicy.NONE, policy.toOptions())).as("toOptions round trip").isEqualTo(policy);
        assertThat(RetryPolicy.parse(RetryPolicy.NONE, Map.of("backoff", "15m")).maxBackoff())
                .as("a backoff above the default maximum raises the maximum with it").isEqualTo(Duration.ofMinutes(15));
        assertInvalid(() -> RetryPolicy.parse(RetryPolicy.NONE, Map.of("max-attempts", "three")), "max-attempts", "'three'",
                "a whole number");
        assertInvalid(() -> RetryPolicy.parse(RetryPolicy.NONE, Map.of("backoff", "soon")), "backoff", "'soon'", "not a duration");
        assertInvalid(() -> RetryPolicy.parse(RetryPolicy.NONE, Map.of("attempts", "3")), "attempts", "'attempts'",
                "max-attempts, backoff");
    }

    private static void assertInvalid(Runnable action, String option, String value, String valid) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(InvalidRetryPolicyException.class, (ex) -> {
            assertThat(ex.option()).isEqualTo(option);
            assertThat(ex.getMessage()).contains(option).contains(value).contains(valid);
        });
    }
}
