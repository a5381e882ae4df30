package io.kairos.scheduler.task;

import java.util.List;

/** A provider listed in META-INF/services for the ServiceLoader test. */
public class SampleTaskProvider implements TaskProvider {

    @Override
    public void registerTasks(TaskRegistrar registrar) {
        registrar.register("provided.ping", () -> "pong");
        registrar.register("provided.count", (args, kwargs) -> args.size() + kwargs.size());
        registrar.register("provided.noop", () -> List.of());
    }
}
