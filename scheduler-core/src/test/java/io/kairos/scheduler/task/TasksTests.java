package io.kairos.scheduler.task;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TasksTests {

    @Test
    void refNamesAStaticMethodAndCatchesTypos() {
        assertThat(Tasks.ref(SampleJobs.class, "purge")).isEqualTo(SampleJobs.class.getName() + "::purge");
        assertThatThrownBy(() -> Tasks.ref(SampleJobs.class, "prge"))
                .isInstanceOf(UnknownTaskException.class)
                .hasMessageContaining("has no public method named 'prge'");
        assertThatThrownBy(() -> Tasks.ref(SampleJobs.class, "instanceMethod"))
                .hasMessageContaining("is not static");
    }

    @Test
    void refOfAClassIsItsBinaryName() {
        assertThat(Tasks.ref(SampleJobs.PurgeJob.class)).isEqualTo("io.kairos.scheduler.task.SampleJobs$PurgeJob");
    }

    @Test
    void anonymousTaskHasAnUnstableLabel() throws Exception {
        Task first = Tasks.anonymous(() -> "one");
        Task second = Tasks.anonymous((args, kwargs) -> args.size());
        assertThat(first.name()).matches("lambda\\$\\d+:io\\.kairos\\.scheduler\\.task\\.TasksTests");
        assertThat(second.name()).isNotEqualTo(first.name());
        assertThat(first.hasStableName()).isFalse();
        assertThat(first.isPortable()).isFalse();
        assertThat(first.invoke(List.of(), Map.of())).isEqualTo("one");
        assertThat(second.invoke(List.of(1, 2), Map.of())).isEqualTo(2);
    }

    @Test
    void unstableNameMessageSaysHowToFixIt() {
        Task task = Tasks.anonymous(() -> {
        });
        assertThat(Tasks.unstableNameMessage(task, "default"))
                .startsWith("task '" + task.name() + "' is an unnamed lambda, so it can only be scheduled in a"
                        + " memory job store; job store 'default' is persistent")
                .contains("taskRegistry.register(\"purgeSessions\"", "\"com.acme.Jobs::purge\"",
                        "Tasks.ref(Jobs.class, \"purge\")");
    }
}
