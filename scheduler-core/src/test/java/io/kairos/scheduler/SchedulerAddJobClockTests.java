package io.kairos.scheduler;

import io.kairos.scheduler.event.JobAdded;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.task.TaskAction;
import io.kairos.scheduler.trigger.DateTrigger;
import io.kairos.scheduler.trigger.IntervalTrigger;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Scheduler#addJob} on a started scheduler reads its clock at most once per call, and only when something
 * needs the time: the trigger spec, the check that the trigger fires, the first run time and the {@code JobAdded}
 * timestamp then agree on one time, and a date trigger added with nobody listening for {@code JobAdded} reads no
 * clock at all. An {@code interval} spec without {@code start_date} therefore first runs at its start, at once, on
 * every path that reads a spec (a batch add, an add before the start, a reschedule). The clock here moves one second
 * on every read by the adding thread, so two reads would show.
 */
class SchedulerAddJobClockTests {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private final TickingClock clock = new TickingClock();

    private final Scheduler scheduler = Scheduler.builder().clock(this.clock).timezone(ZoneOffset.UTC).build();

    @AfterEach
    void shutdown() {
        this.scheduler.shutdown(false);
    }

    @Test
    void aDateTriggerWithNobodyListeningReadsNoClockAndIsStoredOnceBuilt() {
        start();
        this.clock.reads.set(0);
        Instant runTime = T0.plusSeconds(600);
        Job job = this.scheduler.addJob(JobRequest.of("noop").trigger(new DateTrigger(runTime, ZoneOffset.UTC)));
        assertThat(this.clock.reads).hasValue(0);
        StoredJob stored = job.storedJob();
        assertThat(stored.state()).isEqualTo(JobState.SCHEDULED);
        assertThat(stored.nextRunTime()).isEqualTo(runTime);
        assertThat(stored.nextFireTime()).isEqualTo(runTime);
        assertThat(stored.version()).isEqualTo(1);
        assertThat(this.scheduler.getJob(stored.id()).orElseThrow().storedJob()).isEqualTo(stored);
    }

    @Test
    void aTriggerSpecItsFiringCheckTheFirstRunAndJobAddedShareOneClockReadSoAnIntervalRunsAtItsStart() {
        List<JobAdded> added = new CopyOnWriteArrayList<>();
        this.scheduler.addListener(JobAdded.class, added::add);
        start();
        this.clock.reads.set(0);
        Job job = this.scheduler.addJob(JobRequest.of("noop").trigger(Map.of("type", "interval", "minutes", 5)));
        assertThat(this.clock.reads).hasValue(1);
        Instant start = ((IntervalTrigger) job.storedJob().trigger()).startDate().toInstant();
        assertThat(start).isEqualTo(this.clock.last);
        // the first run is looked up at the reading the spec starts at, so it is the start itself: at once
        assertThat(job.storedJob().nextRunTime()).isEqualTo(start);
        assertThat(job.storedJob().nextFireTime()).isEqualTo(start);
        assertThat(added).singleElement().satisfies((event) -> {
            assertThat(event.jobId()).isEqualTo(job.id());
            assertThat(event.timestamp()).isEqualTo(start);
        });
    }

    @Test
    void anIntervalSpecAddedInABatchRunsAtItsStart() {
        start();
        List<Job> jobs = this.scheduler.addJobs(List.of(JobRequest.of("noop").trigger(Map.of("type", "interval", "seconds", 30)),
                JobRequest.of("noop").trigger(Map.of("type", "interval", "hours", 1))));
        assertThat(jobs).hasSize(2).allSatisfy((job) -> assertThat(job.storedJob().nextRunTime())
            .isEqualTo(((IntervalTrigger) job.storedJob().trigger()).startDate().toInstant()));
    }

    @Test
    void anIntervalSpecAddedBeforeTheStartStartsAgainAndFirstRunsAsTheSchedulerStarts() {
        this.scheduler.taskRegistry().register("noop", (TaskAction) () -> { });
        Job pending = this.scheduler.addJob(JobRequest.of("noop").id("early").trigger(Map.of("type", "interval", "minutes", 5)));
        Instant read = ((IntervalTrigger) pending.storedJob().trigger()).startDate().toInstant();
        this.scheduler.start(true);
        StoredJob stored = this.scheduler.getJob("early").orElseThrow().storedJob();
        Instant start = ((IntervalTrigger) stored.trigger()).startDate().toInstant();
        // no fire time between the add and the start is due: the interval starts as the job is stored, and runs then
        assertThat(start).isAfter(read);
        assertThat(stored.nextRunTime()).isEqualTo(start);
    }

    @Test
    void aCronSpecAddedBeforeTheStartSkipsTheFireTimesBeforeTheStart() {
        this.scheduler.taskRegistry().register("noop", (TaskAction) () -> { });
        this.scheduler.addJob(JobRequest.of("noop").id("every-second").trigger(Map.of("type", "cron", "second", "*")));
        Instant added = this.clock.last;
        this.scheduler.start(true);
        // the spec was read at the add; its first run is looked up as the scheduler starts, at a later reading
        assertThat(this.scheduler.getJob("every-second").orElseThrow().storedJob().nextRunTime()).isAfter(added);
    }

    @Test
    void aRescheduleWithAnIntervalSpecRunsAtItsStart() {
        start();
        Job job = this.scheduler.addJob(JobRequest.of("noop").trigger(Map.of("type", "cron", "expression", "0 0 * * *")));
        Job rescheduled = this.scheduler.rescheduleJob(job.id(), Map.of("type", "interval", "minutes", 5));
        assertThat(rescheduled.storedJob().nextRunTime())
            .isEqualTo(((IntervalTrigger) rescheduled.storedJob().trigger()).startDate().toInstant());
    }

    @Test
    void anIntervalSpecGivenToAStoppedSchedulersRescheduleOrModifyRunsAtItsStartOnceStarted() {
        this.scheduler.taskRegistry().register("noop", (TaskAction) () -> { });
        Map<String, Object> cron = Map.of("type", "cron", "expression", "0 0 * * *");
        this.scheduler.addJob(JobRequest.of("noop").id("rescheduled").trigger(cron));
        this.scheduler.addJob(JobRequest.of("noop").id("modified").trigger(cron));
        Job rescheduled = this.scheduler.rescheduleJob("rescheduled", Map.of("type", "interval", "minutes", 5));
        // a later change without a trigger keeps the reading the trigger starts at
        this.scheduler.modifyJob("rescheduled", JobChanges.create().name("renamed"));
        Job modified = this.scheduler.modifyJob("modified", JobChanges.create().trigger(Map.of("type", "interval", "minutes", 5)));
        this.scheduler.start(true);
        for (Job pending : List.of(rescheduled, modified)) {
            StoredJob stored = this.scheduler.getJob(pending.id()).orElseThrow().storedJob();
            Instant start = ((IntervalTrigger) stored.trigger()).startDate().toInstant();
            assertThat(start).isAfter(((IntervalTrigger) pending.storedJob().trigger()).startDate().toInstant());
            assertThat(stored.nextRunTime()).isEqualTo(start);
        }
    }

    @Test
    void anIntervalTriggerBuiltBeforeTheAddFirstRunsAtTheFirstBoundaryAtOrAfterTheAdd() {
        start();
        IntervalTrigger trigger = new IntervalTrigger(Duration.ofMinutes(5), this.clock.instant().atZone(ZoneOffset.UTC), null,
                ZoneOffset.UTC, null);
        Job job = this.scheduler.addJob(JobRequest.of("noop").trigger(trigger));
        // the add read the clock after the trigger was built: its start has passed, so the next boundary is the first run
        assertThat(this.clock.last).isAfter(trigger.startDate().toInstant());
        assertThat(job.storedJob().nextRunTime()).isEqualTo(trigger.startDate().toInstant().plus(Duration.ofMinutes(5)));
    }

    @Test
    void withoutTriggerTheJobRunsAtTheOneReadingAlsoInJobAdded() {
        List<JobAdded> added = new CopyOnWriteArrayList<>();
        this.scheduler.addListener(JobAdded.class, added::add);
        start();
        this.clock.reads.set(0);
        Job job = this.scheduler.addJob(JobRequest.of("noop").nextRunTime(null));
        assertThat(job.storedJob().state()).isEqualTo(JobState.PAUSED);
        Job due = this.scheduler.addJob(JobRequest.of("noop"));
        assertThat(this.clock.reads).hasValue(2);
        assertThat(due.storedJob().nextRunTime()).isEqualTo(this.clock.last);
        assertThat(added).extracting(JobAdded::timestamp).containsExactly(this.clock.last.minusSeconds(1), this.clock.last);
    }

    private void start() {
        this.scheduler.taskRegistry().register("noop", (TaskAction) () -> { });
        // paused: the loop runs no job, so the adds alone are observed
        this.scheduler.start(true);
    }

    /** Moves one second on each read by the thread that made it (the test's), counting those reads. */
    private static final class TickingClock implements InstantSource {

        private final Thread owner = Thread.currentThread();

        final AtomicInteger reads = new AtomicInteger();

        volatile Instant last = T0;

        private Instant now = T0;

        @Override
        public synchronized Instant instant() {
            if (Thread.currentThread() != this.owner) {
                return this.now;
            }
            this.reads.incrementAndGet();
            this.now = this.now.plusSeconds(1);
            this.last = this.now;
            return this.now;
        }
    }
}
