package io.kairos.scheduler.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * The limits of {@code and} / {@code or}: at most {@value CombiningTrigger#MAX_CHILDREN} children, at most
 * {@value CombiningTrigger#MAX_DEPTH} levels, checked before a child is read, and a fire time search that asks its
 * children at most {@value CombiningTrigger#MAX_SEARCH_STEPS} times however they are combined.
 */
class CombiningTriggerLimitsTests {

    private static final ZonedDateTime START = ZonedDateTime.parse("2024-05-01T00:00Z");

    private static Map<String, Object> interval(int seconds, int offset) {
        return Map.of("type", "interval", "seconds", seconds, "start_date", START.plusSeconds(offset).toString());
    }

    /** A spec of {@code depth} combining levels, each with one child, an interval at the bottom. */
    private static Map<String, Object> nested(int depth) {
        Map<String, Object> spec = interval(60, 0);
        for (int i = 0; i < depth; i++) {
            spec = Map.of("type", i % 2 == 0 ? "and" : "or", "triggers", List.of(spec));
        }
        return spec;
    }

    @Test
    void nestingTwentyThousandDeepIsRefusedWithoutReadingItAll() {
        assertThatThrownBy(() -> Triggers.fromSpec(nested(20_000), ZoneOffset.UTC)).isInstanceOf(InvalidTriggerSpecException.class)
            .hasMessageContaining("nests and/or triggers more than 8 levels deep; valid: at most 8 levels");
    }

    @Test
    void eightLevelsAreAcceptedNineAreNot() {
        assertThat(Triggers.fromSpec(nested(8), ZoneOffset.UTC).nextFireTime(null, START)).contains(START);
        assertThatThrownBy(() -> Triggers.fromSpec(nested(9), ZoneOffset.UTC)).isInstanceOf(InvalidTriggerSpecException.class)
            .hasMessageContaining("more than 8 levels");
        Trigger java = Triggers.interval(Duration.ofMinutes(1), START);
        for (int i = 0; i < 8; i++) {
            java = Triggers.and(java);
        }
        Trigger eight = java;
        assertThatThrownBy(() -> Triggers.or(eight)).isInstanceOf(InvalidTriggerSpecException.class).hasMessageContaining("8 levels");
    }

    @Test
    void moreThan64ChildrenAreRefusedNamingTheCount() {
        List<Map<String, Object>> many = Collections.nCopies(2_000, interval(60, 0));
        assertThatThrownBy(() -> Triggers.fromSpec(Map.of("type", "and", "triggers", many), ZoneOffset.UTC))
            .isInstanceOfSatisfying(InvalidTriggerSpecException.class, (ex) -> assertThat(ex.field()).isEqualTo("triggers"))
            .hasMessage("and trigger 'triggers' has 2000 triggers; valid: 1 to 64");
        assertThatCode(() -> Triggers.fromSpec(Map.of("type", "or", "triggers", many.subList(0, 64)), ZoneOffset.UTC))
            .doesNotThrowAnyException();
        List<Trigger> objects = Collections.nCopies(65, Triggers.interval(Duration.ofMinutes(1), START));
        assertThatThrownBy(() -> new OrTrigger(objects, null, null)).hasMessageContaining("has 65 triggers");
    }

    @Test
    void anAndOf64IntervalsThatNeverMeetAsksItsChildrenAtMost100000Times() {
        AtomicLong asked = new AtomicLong();
        List<Trigger> children = new ArrayList<>();
        for (int i = 0; i < CombiningTrigger.MAX_CHILDREN; i++) {
            children.add(counted(Triggers.interval(Duration.ofSeconds(64), START.plusSeconds(i)), asked));
        }
        Trigger and = new AndTrigger(children, null, null);
        assertThatThrownBy(() -> and.nextFireTime(null, START)).isInstanceOf(TriggerSearchException.class)
            .hasMessageContaining("needed more than 100000 look-ups of its children");
        assertThat(asked.get()).isLessThanOrEqualTo(CombiningTrigger.MAX_SEARCH_STEPS);
    }

    @Test
    void theBudgetIsSharedByEveryNestingLevel() {
        AtomicLong asked = new AtomicLong();
        List<Trigger> ors = new ArrayList<>();
        for (int i = 0; i < CombiningTrigger.MAX_CHILDREN; i++) {
            List<Trigger> leaves = new ArrayList<>();
            for (int j = 0; j < CombiningTrigger.MAX_CHILDREN; j++) {
                leaves.add(counted(Triggers.interval(Duration.ofSeconds(4096), START.plusSeconds(i * 64L + j)), asked));
            }
            // every or fires each second of its own 64-second block, so the ands never agree
            ors.add(Triggers.and(new OrTrigger(leaves, null, null)));
        }
        Trigger top = new AndTrigger(ors, null, null);
        assertThatThrownBy(() -> top.nextFireTime(null, START)).isInstanceOf(TriggerSearchException.class);
        assertThat(asked.get()).isLessThanOrEqualTo(CombiningTrigger.MAX_SEARCH_STEPS);
    }

    @Test
    void aCalendarChildWalkingFromTheYear1SpendsTheBudgetToo() {
        Trigger and = Triggers.fromSpec(Map.of("type", "and", "triggers", List.of(Map.of("type", "calendarinterval", "months", 1,
                "days", 1, "start_date", "0001-01-01"), Map.of("type", "interval", "seconds", 7, "start_date", "2024-01-01T00:00:00.5Z"))),
                ZoneId.of("UTC"));
        assertThatThrownBy(() -> and.nextFireTime(null, START)).isInstanceOf(TriggerSearchException.class)
            .hasMessageContaining("look-ups");
    }

    /** A trigger that counts how often it is asked. */
    private static Trigger counted(Trigger trigger, AtomicLong asked) {
        return new Trigger() {
            @Override
            public Optional<ZonedDateTime> nextFireTime(ZonedDateTime previousFireTime, ZonedDateTime now) {
                asked.incrementAndGet();
                return trigger.nextFireTime(previousFireTime, now);
            }

            @Override
            public ZoneId timezone() {
                return trigger.timezone();
            }

            @Override
            public Map<String, Object> toSpec() {
                return trigger.toSpec();
            }

            @Override
            public String toString() {
                return trigger.toString();
            }
        };
    }
}
