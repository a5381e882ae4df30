package io.kairos.scheduler.trigger;

import static io.kairos.scheduler.trigger.CronSpecs.at;
import static io.kairos.scheduler.trigger.CronSpecs.cron;
import static io.kairos.scheduler.trigger.CronSpecs.iso;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kairos' daylight-saving rules in zones with unusual shifts: a wall time in a gap fires once, shifted
 * by the gap's length; a repeated wall time fires at its first occurrence only unless the hour field is
 * {@code *}. Australia/Lord_Howe shifts by 30 minutes (+10:30/+11:00); Pacific/Chatham is at
 * +12:45/+13:45.
 */
class CronTriggerDaylightSavingTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            lord-howe gap, fixed time          | hour=2;minute=15   | Australia/Lord_Howe | 2024-10-06T00:00+10:30 | 2024-10-06T02:45+11:00 2024-10-07T02:15+11:00
            lord-howe overlap, every hour      | minute=*/15        | Australia/Lord_Howe | 2024-04-07T01:20+11:00 | 2024-04-07T01:30+11:00 2024-04-07T01:45+11:00 2024-04-07T01:30+10:30 2024-04-07T01:45+10:30 2024-04-07T02:00+10:30
            lord-howe overlap, fixed time      | hour=1;minute=45   | Australia/Lord_Howe | 2024-04-07T00:00+11:00 | 2024-04-07T01:45+11:00 2024-04-08T01:45+10:30
            chatham gap, fixed time            | hour=3;minute=0    | Pacific/Chatham     | 2024-09-29T00:00+12:45 | 2024-09-29T04:00+13:45 2024-09-30T03:00+13:45
            chatham gap, every 15 minutes      | minute=*/15        | Pacific/Chatham     | 2024-09-29T02:30+12:45 | 2024-09-29T02:30+12:45 2024-09-29T03:45+13:45 2024-09-29T04:00+13:45 2024-09-29T04:15+13:45
            chatham overlap, every 30 minutes  | minute=*/30        | Pacific/Chatham     | 2024-04-07T03:10+13:45 | 2024-04-07T03:30+13:45 2024-04-07T03:00+12:45 2024-04-07T03:30+12:45 2024-04-07T04:00+12:45
            new-york gap, two times in the gap | hour=2,3;minute=10,50 | America/New_York | 2013-03-10T00:00-05:00 | 2013-03-10T03:10-04:00 2013-03-10T03:50-04:00 2013-03-11T02:10-04:00
            new-york gap, crontab every minute | expression=* * * * * | America/New_York | 2013-03-10T01:59-05:00 | 2013-03-10T01:59-05:00 2013-03-10T03:00-04:00 2013-03-10T03:01-04:00
            berlin overlap, crontab hourly     | expression=0 * * * * | Europe/Berlin    | 2024-10-27T01:30+02:00 | 2024-10-27T02:00+02:00 2024-10-27T02:00+01:00 2024-10-27T03:00+01:00
            berlin overlap, crontab daily 2:30 | expression=30 2 * * * | Europe/Berlin   | 2024-10-27T01:30+02:00 | 2024-10-27T02:30+02:00 2024-10-28T02:30+01:00
            """)
    void firesOncePerWallTimeInGapsAndOverlaps(String name, String spec, String zone, String start, String expected) {
        CronTrigger trigger = cron(spec, ZoneId.of(zone));
        List<String> expectedTimes = Arrays.asList(expected.trim().split("\\s+"));
        List<String> actual = new ArrayList<>();
        ZonedDateTime previous = null;
        ZonedDateTime now = at(start);
        for (int i = 0; i < expectedTimes.size(); i++) {
            ZonedDateTime next = trigger.nextFireTime(previous, now).orElseThrow();
            actual.add(iso(next));
            previous = next;
            now = next;
        }
        assertThat(actual).as(name).containsExactlyElementsOf(expectedTimes);
    }
}
