package io.kairos.scheduler;

import io.kairos.scheduler.event.AllJobsRemoved;
import io.kairos.scheduler.event.ExecutorAdded;
import io.kairos.scheduler.event.ExecutorRemoved;
import io.kairos.scheduler.event.JobAdded;
import io.kairos.scheduler.event.JobModified;
import io.kairos.scheduler.event.JobRemoved;
import io.kairos.scheduler.event.JobStoreAdded;
import io.kairos.scheduler.event.JobStoreRemoved;
import io.kairos.scheduler.event.SchedulerEvent;
import io.kairos.scheduler.event.SchedulerPaused;
import io.kairos.scheduler.event.SchedulerResumed;
import io.kairos.scheduler.event.SchedulerShutdown;
import io.kairos.scheduler.event.SchedulerStarted;
import io.kairos.scheduler.executor.DirectJobExecutor;
import io.kairos.scheduler.store.JobLookupException;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.store.memory.MemoryJobStore;
import io.kairos.scheduler.testing.EveryTrigger;
import io.kairos.scheduler.trigger.DateTrigger;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The job API of a started scheduler and its events.
 */
class SchedulerJobApiTests extends SchedulerTestSupport {

    private Job addEveryMinute(String id) {
        return this.scheduler.addJob(JobRequest.of("record").id(id).trigger(new EveryTrigger(T0.plus(MINUTE), MINUTE)));
    }

    @Test
    void addJobStoresTheJobWithDefaultsAndPublishesJobAdded() {
        build().start();
        Job job = addEveryMinute("a");
        assertThat(job.id()).isEqualTo("a");
        assertThat(job.name()).isEqualTo("record");
        assertThat(job.task()).isEqualTo("record");
        assertThat(job.executor()).isEqualTo("default");
        assertThat(job.jobstore()).isEqualTo("default");
        assertThat(job.misfireGraceTime()).isEmpty();
        assertThat(job.coalesce()).isTrue();
        assertThat(job.maxInstances()).isEqualTo(1);
        assertThat(job.jitter()).isEmpty();
        assertThat(job.state()).isEqualTo(JobState.SCHEDULED);
        assertThat(job.isPending()).isFalse();
        assertThat(job.nextRunTime()).hasValueSatisfying((t) -> assertThat(t.toInstant()).isEqualTo(T0.plus(MINUTE)));
        assertThat(this.events.of(JobAdded.class)).singleElement().isEqualTo(new JobAdded(T0, "a", "default"));
    }

    @Test
    void addJobGeneratesAnIdAndTakesAllOptions() {
        build().start();
        Job job = this.scheduler.addJob(JobRequest.of("record").name("nightly").args(1, "x").kwargs(Map.of("k", true))
                .trigger(new EveryTrigger(T0.plus(MINUTE), MINUTE)).misfireGraceTime(Duration.ofSeconds(30)).coalesce(false)
                .maxInstances(3).jitter(Duration.ofSeconds(5)).nextRunTime(T0.plusSeconds(7)));
        assertThat(job.id()).hasSize(24);
        assertThat(job.name()).isEqualTo("nightly");
        assertThat(job.args()).containsExactly(1, "x");
        assertThat(job.kwargs()).containsEntry("k", true);
        assertThat(job.misfireGraceTime()).contains(Duration.ofSeconds(30));
        assertThat(job.coalesce()).isFalse();
        assertThat(job.maxInstances()).isEqualTo(3);
        assertThat(job.jitter()).contains(Duration.ofSeconds(5));
        assertThat(job.nextRunTime().orElseThrow().toInstant()).isEqualTo(T0.plusSeconds(7));
    }

    @Test
    void aDateJobIsDueAtItsRunDateEvenWhenPastAndJitterStillApplies() {
        build().start();
        DateTrigger past = new DateTrigger(T0.minusSeconds(30), ZoneId.of("Europe/Berlin"));
        Job job = this.scheduler.addJob(JobRequest.of("record").id("d").trigger(past));
        assertThat(job.nextRunTime().orElseThrow().toInstant()).isEqualTo(T0.minusSeconds(30));
        assertThat(job.nextRunTime().orElseThrow().getZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        StoredJob stored = job.storedJob();
        assertThat(stored.nextFireTime()).isEqualTo(T0.minusSeconds(30));
        Job jittered = this.scheduler.addJob(JobRequest.of("record").id("j").trigger(past).jitter(Duration.ofHours(1)));
        StoredJob jitteredStored = jittered.storedJob();
        assertThat(jitteredStored.nextFireTime()).isEqualTo(T0.minusSeconds(30));
        assertThat(jitteredStored.nextRunTime()).isBetween(T0.minusSeconds(30), T0.minusSeconds(30).plus(Duration.ofHours(1)));
        Job zeroJitter = this.scheduler.addJob(JobRequest.of("record").id("z").trigger(past).jitter(Duration.ZERO));
        assertThat(zeroJitter.storedJob().nextRunTime()).isEqualTo(T0.minusSeconds(30));
    }

    @Test
    void kwargAfterKwargsAddsToThemAndTheRequestCanBeReused() {
        build().start();
        JobRequest request = JobRequest.of("record").trigger(new EveryTrigger(T0.plus(MINUTE), MINUTE)).kwargs(Map.of("a", 1))
                .kwarg("b", null);
        Job first = this.scheduler.addJob(request);
        Job second = this.scheduler.addJob(request.kwarg("c", 3));
        assertThat(first.kwargs()).containsExactly(Map.entry("a", 1), new java.util.AbstractMap.SimpleEntry<>("b", null));
        assertThat(second.kwargs()).containsOnlyKeys("a", "b", "c");
        assertThat(second.id()).isNotEqualTo(first.id());
        Object[] values = { 1, 2 };
        Job copied = this.scheduler.addJob(JobRequest.of("record").trigger(new EveryTrigger(T0.plus(MINUTE), MINUTE)).args(values));
        values[0] = "changed";
        assertThat(copied.args()).containsExactly(1, 2);
    }

    @Test
    void addJobWithoutNextRunTimeAddsItPaused() {
        build().start();
        Job job = this.scheduler.addJob(JobRequest.of("record").id("p").trigger(new EveryTrigger(T0, MINUTE)).paused());
        assertThat(job.state()).isEqualTo(JobState.PAUSED);
        assertThat(job.nextRunTime()).isEmpty();
        assertThat(job.toString()).isEqualTo("record (trigger: every[PT1M from 2030-01-01T00:00:00Z], paused)");
    }

    @Test
    void getJobsSortsByNextRunTimeWithPausedJobsLast() {
        build().start();
        this.scheduler.addJob(JobRequest.of("record").id("paused").trigger(new EveryTrigger(T0, MINUTE)).paused());
        this.scheduler.addJob(JobRequest.of("record").id("later").trigger(new EveryTrigger(T0.plus(MINUTE.multipliedBy(5)), MINUTE)));
        this.scheduler.addJob(JobRequest.of("record").id("sooner").trigger(new EveryTrigger(T0.plus(MINUTE), MINUTE)));
        assertThat(this.scheduler.getJobs()).extracting(Job::id).containsExactly("sooner", "later", "paused");
        assertThat(this.scheduler.getJobs("default")).extracting(Job::id).containsExactly("sooner", "later", "paused");
        assertThat(this.scheduler.getJob("later")).isPresent();
        assertThat(this.scheduler.getJob("nope")).isEmpty();
        assertThatThrownBy(() -> this.scheduler.getJobs("other")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'other'");
    }

    @Test
    void modifyJobChangesOnlyWhatIsGivenAndPublishesJobModified() {
        build().start();
        addEveryMinute("m");
        Job modified = this.scheduler.modifyJob("m", JobChanges.create().name("renamed").args(5).maxInstances(2));
        assertThat(modified.name()).isEqualTo("renamed");
        assertThat(modified.args()).containsExactly(5);
        assertThat(modified.maxInstances()).isEqualTo(2);
        assertThat(modified.nextRunTime().orElseThrow().toInstant()).isEqualTo(T0.plus(MINUTE));
        assertThat(this.events.of(JobModified.class)).containsExactly(new JobModified(T0, "m", "default"));
        assertThatThrownBy(() -> this.scheduler.modifyJob("nope", JobChanges.create().name("x"))).isInstanceOf(JobLookupException.class)
                .hasMessage("No job by the id of nope was found");
    }

    @Test
    void modifyJobValidatesLikeAddJob() {
        build().start();
        this.scheduler.taskRegistry().register("noArgs", (io.kairos.scheduler.task.TaskAction) () -> { });
        this.scheduler.addJob(JobRequest.of("noArgs").id("n").trigger(new EveryTrigger(T0, MINUTE)));
        assertThatThrownBy(() -> this.scheduler.modifyJob("n", JobChanges.create().args(1)))
                .isInstanceOf(io.kairos.scheduler.task.InvalidJobArgumentsException.class).hasMessageContaining("takes no arguments");
        assertThatThrownBy(() -> this.scheduler.modifyJob("n", JobChanges.create().executor("gpu")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'gpu'");
        assertThatThrownBy(() -> this.scheduler.modifyJob("n", JobChanges.create().maxInstances(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max_instances");
    }

    @Test
    void rescheduleJobTakesTheNewTriggersFirstFireTimeFromNow() {
        build().start();
        addEveryMinute("r");
        this.clock.advance(Duration.ofSeconds(10));
        Job job = this.scheduler.rescheduleJob("r", new EveryTrigger(T0, Duration.ofHours(1)));
        assertThat(job.nextRunTime().orElseThrow().toInstant()).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(job.trigger()).isEqualTo(new EveryTrigger(T0, Duration.ofHours(1)));
        assertThat(this.events.of(JobModified.class)).hasSize(1);
    }

    @Test
    void pauseAndResumeJob() {
        build().start();
        addEveryMinute("p");
        Job paused = this.scheduler.pauseJob("p");
        assertThat(paused.state()).isEqualTo(JobState.PAUSED);
        assertThat(paused.nextRunTime()).isEmpty();
        this.clock.advance(MINUTE.multipliedBy(3).plusSeconds(1));
        Job resumed = this.scheduler.resumeJob("p").orElseThrow();
        assertThat(resumed.state()).isEqualTo(JobState.SCHEDULED);
        assertThat(resumed.nextRunTime().orElseThrow().toInstant()).isEqualTo(T0.plus(MINUTE.multipliedBy(4)));
        assertThat(this.events.of(JobModified.class)).hasSize(2);
    }

    @Test
    void resumingAJobWhoseTriggerIsFinishedRemovesIt() {
        build().start();
        this.scheduler.addJob(JobRequest.of("record").id("f").trigger(new EveryTrigger(T0.plus(MINUTE), MINUTE, T0.plus(MINUTE), Duration.ZERO)));
        this.scheduler.pauseJob("f");
        this.clock.advance(MINUTE.multipliedBy(2));
        assertThat(this.scheduler.resumeJob("f")).isEmpty();
        assertThat(this.scheduler.getJob("f")).isEmpty();
        assertThat(this.events.of(JobRemoved.class)).extracting(JobRemoved::jobId).containsExactly("f");
    }

    @Test
    void jobHandleActsOnTheScheduler() {
        build().start();
        Job job = addEveryMinute("h");
        assertThat(job.pause().state()).isEqualTo(JobState.PAUSED);
        assertThat(job.resume()).hasValueSatisfying((j) -> assertThat(j.state()).isEqualTo(JobState.SCHEDULED));
        assertThat(job.modify(JobChanges.create().name("n")).name()).isEqualTo("n");
        assertThat(job.reschedule(new EveryTrigger(T0.plus(MINUTE.multipliedBy(9)), MINUTE)).nextRunTime().orElseThrow().toInstant())
                .isEqualTo(T0.plus(MINUTE.multipliedBy(9)));
        job.remove();
        assertThat(this.scheduler.getJob("h")).isEmpty();
    }

    @Test
    void removeJobAndRemoveAllJobsPublishTheirEvents() {
        build((b) -> b.jobStore("other", new MemoryJobStore())).start();
        addEveryMinute("a");
        addEveryMinute("b");
        this.scheduler.addJob(JobRequest.of("record").id("c").jobstore("other").trigger(new EveryTrigger(T0, MINUTE)).paused());
        this.scheduler.removeJob("a");
        assertThat(this.events.of(JobRemoved.class)).containsExactly(new JobRemoved(T0, "a", "default"));
        assertThatThrownBy(() -> this.scheduler.removeJob("a")).isInstanceOf(JobLookupException.class);
        this.scheduler.removeAllJobs("other");
        assertThat(this.scheduler.getJobs()).extracting(Job::id).containsExactly("b");
        this.scheduler.removeAllJobs();
        assertThat(this.scheduler.getJobs()).isEmpty();
        assertThat(this.events.of(AllJobsRemoved.class)).extracting(AllJobsRemoved::alias).containsExactly("other", null);
    }

    @Test
    void lifecycleAndComponentEvents() {
        build();
        this.scheduler.start();
        assertThatThrownBy(() -> this.scheduler.start()).isInstanceOf(SchedulerAlreadyRunningException.class)
                .hasMessageContaining("Scheduler is already running");
        this.scheduler.pause();
        this.scheduler.resume();
        this.scheduler.addExecutor("extra", new DirectJobExecutor());
        assertThatThrownBy(() -> this.scheduler.addExecutor("extra", new DirectJobExecutor()))
                .hasMessageContaining("already has an executor by the alias of 'extra'");
        this.scheduler.removeExecutor("extra");
        this.scheduler.addJobStore("more", new MemoryJobStore());
        this.scheduler.removeJobStore("more");
        this.scheduler.shutdown();
        assertThat(this.scheduler.state()).isEqualTo(SchedulerState.STOPPED);
        assertThatThrownBy(() -> this.scheduler.shutdown()).isInstanceOf(SchedulerNotRunningException.class);
        List<Class<?>> types = this.events.all().stream().map(SchedulerEvent::getClass).<Class<?>>map((c) -> c).toList();
        assertThat(types).containsExactly(SchedulerStarted.class, SchedulerPaused.class, SchedulerResumed.class, ExecutorAdded.class,
                ExecutorRemoved.class, JobStoreAdded.class, JobStoreRemoved.class, SchedulerShutdown.class);
        assertThat(this.events.of(ExecutorAdded.class).get(0).alias()).isEqualTo("extra");
        assertThat(this.events.all()).allSatisfy((e) -> assertThat(e.timestamp()).isEqualTo(T0));
    }

    @Test
    void listenersSubscribeByTypeAndCanBeRemoved() {
        build().start();
        List<Instant> added = new java.util.concurrent.CopyOnWriteArrayList<>();
        io.kairos.scheduler.event.EventListener<JobAdded> listener = (e) -> added.add(e.timestamp());
        this.scheduler.addListener(JobAdded.class, listener);
        addEveryMinute("x");
        assertThat(this.scheduler.removeListener(listener)).isTrue();
        addEveryMinute("y");
        assertThat(added).hasSize(1);
        assertThat(this.scheduler.removeListener(listener)).isFalse();
    }

    @Test
    void jobsSurviveARestartOfTheScheduler() {
        build().start();
        addEveryMinute("keep");
        this.scheduler.shutdown();
        this.scheduler.start();
        assertThat(this.scheduler.getJob("keep")).isPresent();
    }
}
