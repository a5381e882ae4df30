package io.kairos.scheduler.benchmarks.e2e.peer;

import io.kairos.scheduler.benchmarks.e2e.Probe;

import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** The Quartz job: the id is the trigger's name, the due instant its scheduled fire time. */
public final class QuartzProbeJob implements Job {

    @Override
    public void execute(JobExecutionContext context) {
        Probe.ran(Integer.parseInt(context.getTrigger().getKey().getName()), context.getScheduledFireTime().getTime());
    }
}
