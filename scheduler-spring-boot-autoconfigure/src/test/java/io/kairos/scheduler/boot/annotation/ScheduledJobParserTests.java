package io.kairos.scheduler.boot.annotation;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;

import io.kairos.scheduler.JobOptions;
import io.kairos.scheduler.retry.RetryPolicy;
import io.kairos.scheduler.boot.ScheduledJobDeclarationException;
import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ScheduledJobParserTests {

    private final MockEnvironment environment = new MockEnvironment().withProperty("jobs.cron", "0 3 * * *")
        .withProperty("jobs.max", "3");

    private final ScheduledJobParser parser = new ScheduledJobParser(this.environment::resolveRequiredPlaceholders);

    @Test
    void cronStringBecomesCronSpecWithExpression() {
        ScheduledJobDefinition definition = parse("crontab", 0);
        assertThat(definition.triggerSpec()).containsExactly(Map.entry("type", "cron"),
                Map.entry("expression", "30 5 * * mon-fri"), Map.entry("timezone", "Asia/Shanghai"));
        assertThat(definition.id()).isEqualTo("reports.crontab");
        assertThat(definition.name()).isEqualTo("reports.crontab");
        assertThat(definition.task()).isEqualTo("reports.crontab");
        assertThat(definition.options()).isEqualTo(JobOptions.none());
    }

    @Test
    void cronFieldsBecomeSnakeCaseSpecKeys() {
        ScheduledJobDefinition definition = parse("fields", 0);
        assertThat(definition.triggerSpec()).containsExactly(Map.entry("type", "cron"), Map.entry("month", "6-8,11-12"),
                Map.entry("day", "3rd fri"), Map.entry("day_of_week", "mon-fri"), Map.entry("hour", "0-3"),
                Map.entry("end_date", "2014-05-30"));
    }

    @Test
    void intervalDurationsBecomeSeconds() {
        assertThat(parse("interval", 0).triggerSpec()).containsEntry("type", "interval").containsEntry("seconds", "30");
        assertThat(parse("interval", 1).triggerSpec()).containsEntry("seconds", "3600");
        assertThat(parse("interval", 2).triggerSpec()).containsEntry("seconds", "0.5");
        assertThat(parse("interval", 3).triggerSpec()).containsEntry("seconds", "10");
    }

    @Test
    void repeatedDeclarationsGetNumberedDefaultIds() {
        assertThat(parse("interval", 0).id()).isEqualTo("reports.interval");
        assertThat(parse("interval", 2).id()).isEqualTo("reports.interval#2");
    }

    @Test
    void dateBecomesRunDate() {
        assertThat(parse("date", 0).triggerSpec()).containsExactly(Map.entry("type", "date"),
                Map.entry("run_date", "2009-11-06 16:30:05"));
    }

    @Test
    void placeholdersAndPoliciesAreResolved() {
        ScheduledJobDefinition definition = parse("placeholders", 0);
        assertThat(definition.triggerSpec()).containsEntry("expression", "0 3 * * *");
        assertThat(definition.id()).isEqualTo("nightly-report");
        assertThat(definition.name()).isEqualTo("Nightly report");
        assertThat(definition.options()).isEqualTo(JobOptions.none().jobstore("cache").executor("processpool")
            .coalesce(false).maxInstances(3).misfireGraceTime(Duration.ofSeconds(30)).jitter(Duration.ofMinutes(1)));
    }

    @Test
    void noTriggerIsRejectedNamingTheMethod() {
        assertThatExceptionOfType(ScheduledJobDeclarationException.class).isThrownBy(() -> parse("none", 0))
            .satisfies((ex) -> {
                assertThat(ex.getMethod()).isEqualTo("Reports.none()");
                assertThat(ex.getProblem()).isEqualTo("gives no trigger");
                assertThat(ex.getAction()).contains("cron", "interval", "date", "dayOfWeek");
            });
    }

    @Test
    void twoTriggerFormsAreRejected() {
        assertThatExceptionOfType(ScheduledJobDeclarationException.class).isThrownBy(() -> parse("two", 0))
            .withMessageContaining("Reports.two()")
            .withMessageContaining("gives 2 trigger forms");
    }

    @Test
    void unresolvablePlaceholderNamesTheAttribute() {
        assertThatExceptionOfType(ScheduledJobDeclarationException.class).isThrownBy(() -> parse("unresolvable", 0))
            .satisfies((ex) -> {
                assertThat(ex.getAttribute()).isEqualTo("cron");
                assertThat(ex.getValue()).isEqualTo("${missing.cron}");
            });
    }

    @Test
    void malformedPoliciesNameAttributeAndValidValues() {
        assertThatExceptionOfType(ScheduledJobDeclarationException.class).isThrownBy(() -> parse("badCoalesce", 0))
            .satisfies((ex) -> {
                assertThat(ex.getAttribute()).isEqualTo("coalesce");
                assertThat(ex.getValue()).isEqualTo("maybe");
                assertThat(ex.getAction()).contains("true, false");
            });
        assertThatExceptionOfType(ScheduledJobDeclarationException.class).isThrownBy(() -> parse("badMaxInstances", 0))
            .satisfies((ex) -> assertThat(ex.getAttribute()).isEqualTo("maxInstances"));
        assertThatExceptionOfType(ScheduledJobDeclarationException.class).isThrownBy(() -> parse("badInterval", 0))
            .satisfies((ex) -> {
                assertThat(ex.getAttribute()).isEqualTo("interval");
                assertThat(ex.getValue()).isEqualTo("every hour");
            });
        assertThatExceptionOfType(ScheduledJobDeclarationException.class).isThrownBy(() -> parse("zeroInterval", 0))
            .satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo("is not positive"));
        assertThatExceptionOfType(ScheduledJobDeclarationException.class).isThrownBy(() -> parse("dateWithBounds", 0))
            .satisfies((ex) -> assertThat(ex.getAttribute()).isEqualTo("startDate"));
    }

    @Test
    void eachDurationAttributeRefusesWhatItCannotTakeAndSaysWhatItAccepts() {
        assertThatExceptionOfType(ScheduledJobDeclarationException.class).isThrownBy(() -> parse("graced", 0))
            .satisfies((ex) -> {
                assertThat(ex.getAttribute()).isEqualTo("misfireGraceTime");
                assertThat(ex.getProblem()).isEqualTo("is negative");
                assertThat(ex.getAction()).startsWith("Give a positive duration (more than zero)")
                    .doesNotContain("zero or more");
            });
        assertThatExceptionOfType(ScheduledJobDeclarationException.class).isThrownBy(() -> parse("graced", 1))
            .satisfies((ex) -> {
                assertThat(ex.getProblem()).isEqualTo("is zero");
                assertThat(ex.getAction()).startsWith("Give a positive duration (more than zero)");
            });
        assertThat(parse("jittered", 0).options()).isEqualTo(JobOptions.none().jitter(Duration.ZERO));
        assertThatExceptionOfType(ScheduledJobDeclarationException.class).isThrownBy(() -> parse("jittered", 1))
            .satisfies((ex) -> {
                assertThat(ex.getAttribute()).isEqualTo("jitter");
                assertThat(ex.getValue()).isEqualTo("-1s");
                assertThat(ex.getAction()).startsWith("Give a duration of zero or more").contains("'0' for none");
            });
    }

    @Test
    void aNestedRetryBecomesTheRetryOptionCheckedAsConfigurationIs() {
        assertThat(parse("retried", 0).options()).isEqualTo(JobOptions.none().retry(RetryPolicy.maxAttempts(3).withJitter(0)
                .withBackoff(Duration.ofSeconds(30), Duration.ofMinutes(10)).withNoRetryOn("java.lang.IllegalArgumentException")));
        assertThat(parse("interval", 0).options().isSet(JobOptions.Option.RETRY)).as("no @Retry: the job defaults apply").isFalse();
        assertThatExceptionOfType(ScheduledJobDeclarationException.class).isThrownBy(() -> parse("retried", 1))
            .withMessageContaining("'retry.jitter'").withMessageContaining("'2'").withMessageContaining("a fraction from 0 to 1");
        assertThatExceptionOfType(ScheduledJobDeclarationException.class).isThrownBy(() -> parse("retried", 2))
            .withMessageContaining("'retry.maxAttempts'").withMessageContaining("Give maxAttempts");
    }

    @Test
    void aTimeoutBecomesTheJobOptionAndABadOneIsRefusedNamingTheAttributeAndTheValue() {
        assertThat(parse("timed", 0).options()).isEqualTo(JobOptions.none().timeout(Duration.ofMinutes(5)));
        assertThat(parse("timed", 1).options()).isEqualTo(JobOptions.none().timeout(Duration.ofSeconds(45)));
        assertThatExceptionOfType(ScheduledJobDeclarationException.class).isThrownBy(() -> parse("timed", 2))
            .satisfies((ex) -> {
                assertThat(ex.getAttribute()).isEqualTo("timeout");
                assertThat(ex.getValue()).isEqualTo("0s");
                assertThat(ex.getProblem()).isEqualTo("is zero");
            })
            .withMessageContaining("Reports.timed()");
        assertThatExceptionOfType(ScheduledJobDeclarationException.class).isThrownBy(() -> parse("timed", 3))
            .satisfies((ex) -> {
                assertThat(ex.getAttribute()).isEqualTo("timeout");
                assertThat(ex.getValue()).isEqualTo("five minutes");
                assertThat(ex.getProblem()).isEqualTo("is not a duration");
            });
    }

    @Test
    void aRetryOnOrNoRetryOnClassThatDoesNotLoadAsAThrowableIsRefusedNamingTheAttributeAndTheName() {
        assertThatExceptionOfType(ScheduledJobDeclarationException.class).isThrownBy(() -> parse("retried", 3))
            .satisfies((ex) -> {
                assertThat(ex.getAttribute()).isEqualTo("retry.retryOn");
                assertThat(ex.getValue()).isEqualTo("java.io.IOExeption");
            })
            .withMessageContaining("Reports.retried()")
            .withMessageContaining("class 'java.io.IOExeption' is not found with the application's class loader");
        assertThatExceptionOfType(ScheduledJobDeclarationException.class).isThrownBy(() -> parse("retried", 4))
            .satisfies((ex) -> {
                assertThat(ex.getAttribute()).isEqualTo("retry.noRetryOn");
                assertThat(ex.getValue()).isEqualTo("java.lang.String");
            })
            .withMessageContaining("is not a Throwable");
    }

    private ScheduledJobDefinition parse(String methodName, int index) {
        Method method = findMethod(methodName);
        ScheduledJob[] annotations = method.getAnnotationsByType(ScheduledJob.class);
        return this.parser.parse(annotations[index], "reports", methodName, index, "Reports." + methodName + "()");
    }

    private static Method findMethod(String name) {
        for (Method method : Reports.class.getDeclaredMethods()) {
            if (method.getName().equals(name)) {
                return method;
            }
        }
        throw new IllegalArgumentException(name);
    }

    static class Reports {

        @ScheduledJob(cron = "30 5 * * mon-fri", timezone = "Asia/Shanghai")
        void crontab() {
        }

        @ScheduledJob(month = "6-8,11-12", day = "3rd fri", dayOfWeek = "mon-fri", hour = "0-3", endDate = "2014-05-30")
        void fields() {
        }

        @ScheduledJob(interval = "30s")
        @ScheduledJob(interval = "PT1H")
        @ScheduledJob(interval = "500ms")
        @ScheduledJob(interval = "10")
        void interval() {
        }

        @ScheduledJob(date = "2009-11-06 16:30:05")
        void date() {
        }

        @ScheduledJob(cron = "${jobs.cron}", id = "nightly-report", name = "Nightly report", maxInstances = "${jobs.max}",
                coalesce = "false", misfireGraceTime = "30", jitter = "1m", jobstore = "cache", executor = "processpool")
        void placeholders() {
        }

        @ScheduledJob(id = "x")
        void none() {
        }

        @ScheduledJob(cron = "0 3 * * *", hour = "3")
        void two() {
        }

        @ScheduledJob(cron = "${missing.cron}")
        void unresolvable() {
        }

        @ScheduledJob(interval = "5m", coalesce = "maybe")
        void badCoalesce() {
        }

        @ScheduledJob(interval = "1h", retry = @Retry(maxAttempts = "${jobs.max}", backoff = "30s", jitter = "0",
                noRetryOn = "java.lang.IllegalArgumentException"))
        @ScheduledJob(interval = "1h", retry = @Retry(maxAttempts = "3", jitter = "2"))
        @ScheduledJob(interval = "1h", retry = @Retry(backoff = "30s"))
        @ScheduledJob(interval = "3s", id = "typo-retry", retry = @Retry(maxAttempts = "3", backoff = "1s",
                retryOn = "java.io.IOExeption"))
        @ScheduledJob(interval = "3s", retry = @Retry(maxAttempts = "3", noRetryOn = {"java.io.IOException", "java.lang.String"}))
        void retried() {
        }

        @ScheduledJob(interval = "1h", timeout = "5m")
        @ScheduledJob(interval = "1h", timeout = "45")
        @ScheduledJob(interval = "1h", timeout = "0s")
        @ScheduledJob(interval = "1h", timeout = "five minutes")
        void timed() {
        }

        @ScheduledJob(interval = "1h", misfireGraceTime = "-5s")
        @ScheduledJob(interval = "1h", misfireGraceTime = "0")
        void graced() {
        }

        @ScheduledJob(interval = "1h", jitter = "0")
        @ScheduledJob(interval = "1h", jitter = "-1s")
        void jittered() {
        }

        @ScheduledJob(interval = "5m", maxInstances = "0")
        void badMaxInstances() {
        }

        @ScheduledJob(interval = "every hour")
        void badInterval() {
        }

        @ScheduledJob(interval = "0s")
        void zeroInterval() {
        }

        @ScheduledJob(date = "2009-11-06", startDate = "2009-01-01")
        void dateWithBounds() {
        }
    }
}
