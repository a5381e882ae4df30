package io.kairos.scheduler.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskRegistryTests {

    private static final String JOBS = SampleJobs.class.getName();

    private final TaskRegistry registry = new TaskRegistry().allowPackages(SampleJobs.class.getPackageName());

    @Test
    void registeredActionIsStableButNotPortableAndRejectsArguments() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        this.registry.register("purgeSessions", runs::incrementAndGet);
        Task task = this.registry.resolve("purgeSessions");
        assertThat(task.name()).isEqualTo("purgeSessions");
        assertThat(task.hasStableName()).isTrue();
        assertThat(task.isPortable()).isFalse();
        assertThat(task.invoke(List.of(), Map.of())).isEqualTo(1);
        assertThatThrownBy(() -> task.checkArguments(List.of(1), Map.of("x", 2)))
                .isInstanceOf(InvalidJobArgumentsException.class)
                .hasMessage("task 'purgeSessions' takes no arguments (it is a TaskSupplier); got 1 positional and 1"
                        + " named argument(s) [x]. To receive arguments, use a TaskFunction or a static method with"
                        + " parameters");
    }

    @Test
    void lambdaShapesAreChosenByTheirBody() throws Exception {
        List<String> log = new ArrayList<>();
        Task action = this.registry.register("action", () -> {
            log.add("ran");
        });
        Task supplier = this.registry.register("supplier", () -> "value");
        Task function = this.registry.register("function", (args, kwargs) -> args.get(0) + "/" + kwargs.get("k"));
        Task voidReference = this.registry.register("voidReference", SampleJobs::purge);
        Task valueReference = this.registry.register("valueReference", Runtime.getRuntime()::availableProcessors);
        assertThat(voidReference.invoke(List.of(), Map.of())).isNull();
        assertThat(valueReference.invoke(List.of(), Map.of())).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(action.invoke(List.of(), Map.of())).isNull();
        assertThat(log).containsExactly("ran");
        assertThat(supplier.invoke(List.of(), Map.of())).isEqualTo("value");
        function.checkArguments(List.of(1, 2, 3), Map.of("any", "thing"));
        assertThat(function.invoke(List.of(1), Map.of("k", "v"))).isEqualTo("1/v");
        assertThat(this.registry.registeredNames()).containsExactlyInAnyOrder("action", "supplier", "function", "voidReference",
                "valueReference");
    }

    @Test
    void duplicateAndInvalidNamesAreRefused() {
        this.registry.register("once", () -> {
        });
        assertThatThrownBy(() -> this.registry.register("once", () -> 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("task name 'once' is already registered");
        assertThatThrownBy(() -> this.registry.register("a b", () -> 1))
                .hasMessage("invalid task name 'a b': it contains whitespace; use e.g. 'purgeSessions' or"
                        + " 'orders.cancelUnpaid'");
        assertThatThrownBy(() -> this.registry.register(" ", () -> 1)).hasMessageContaining("it is blank");
        assertThatThrownBy(() -> this.registry.register("A::b", () -> 1))
                .hasMessageContaining("'::' is reserved for static method references");
        assertThatThrownBy(() -> this.registry.register("lambda$1:x", () -> 1))
                .hasMessageContaining("the prefix 'lambda$' is reserved for unnamed lambdas");
    }

    @Test
    void staticMethodReferenceIsStablePortableAndCached() throws Exception {
        Task task = this.registry.resolve(JOBS + "::cancel");
        assertThat(task).isInstanceOf(MethodTask.class);
        assertThat(task.name()).isEqualTo(JOBS + "::cancel");
        assertThat(task.hasStableName()).isTrue();
        assertThat(task.isPortable()).isTrue();
        assertThat(this.registry.resolve(JOBS + "::cancel")).isSameAs(task);
    }

    @Test
    void classReferencesRunANewInstanceOfTheirShape() throws Exception {
        int before = SampleJobs.RUNS.get();
        Task purge = this.registry.resolve(JOBS + "$PurgeJob");
        assertThat(purge.invoke(List.of(), Map.of())).isNull();
        assertThat(SampleJobs.RUNS.get()).isEqualTo(before + 1);
        assertThat(purge.isPortable()).isTrue();
        assertThat(purge.hasStableName()).isTrue();
        assertThat(this.registry.resolve(JOBS + "$CountJob").invoke(List.of(), Map.of())).isEqualTo(42);
        assertThat(this.registry.resolve(JOBS + "$EchoJob").invoke(List.of(1), Map.of("a", 2))).isEqualTo("[1] {a=2}");
        assertThatThrownBy(() -> purge.checkArguments(List.of(1), Map.of()))
                .hasMessageStartingWith("task '" + JOBS + "$PurgeJob' takes no arguments (it is a Runnable)");
    }

    @Test
    void unknownClassInMethodReference() {
        String nope = SampleJobs.class.getPackageName() + ".Nope";
        assertThatThrownBy(() -> this.registry.resolve(nope + "::purge"))
                .isInstanceOf(UnknownTaskException.class)
                .hasMessageStartingWith("cannot resolve task '" + nope + "::purge': class '" + nope + "' not found by")
                .hasMessageContaining(TaskReferences.VALID_FORMS)
                .extracting((e) -> ((UnknownTaskException) e).taskName()).isEqualTo(nope + "::purge");
    }

    @Test
    void withoutAllowedPackagesNoReferenceResolves() {
        TaskRegistry defaults = TaskRegistry.withServiceLoaderProviders(getClass().getClassLoader());
        assertThat(defaults.allowedPackages()).isEqualTo(AllowedPackages.NONE);
        assertThatThrownBy(() -> defaults.resolve(JOBS + "::purge"))
                .isInstanceOf(TaskNotAllowedException.class)
                .hasMessageStartingWith("task '" + JOBS + "::purge' is not allowed: class '" + JOBS + "' is outside the"
                        + " allowed task packages (none are allowed: the default).")
                .hasMessageContaining("SchedulerBuilder.allowTaskPackages(...)")
                .hasMessageContaining("kairos.tasks.allowed-packages");
        assertThatThrownBy(() -> defaults.resolve(JOBS + "$PurgeJob")).isInstanceOf(TaskNotAllowedException.class);
        defaults.register("purgeSessions", () -> { });
        assertThat(defaults.resolve("purgeSessions").name()).isEqualTo("purgeSessions");
    }

    @Test
    void referencesOutsideTheAllowedPackagesAreRefusedBeforeTheirClassIsLoaded() {
        assertThatThrownBy(() -> this.registry.resolve("java.nio.file.Files::delete"))
                .isInstanceOf(TaskNotAllowedException.class)
                .hasMessageStartingWith("task 'java.nio.file.Files::delete' is not allowed: class 'java.nio.file.Files'"
                        + " is outside the allowed task packages [" + SampleJobs.class.getPackageName() + "]")
                .extracting((e) -> ((UnknownTaskException) e).taskName()).isEqualTo("java.nio.file.Files::delete");
        assertThatThrownBy(() -> this.registry.resolve("java.lang.Thread")).isInstanceOf(TaskNotAllowedException.class)
                .hasMessageContaining("no task is registered under this name and no resolver knows it; as a class name,"
                        + " 'java.lang.Thread' is outside the allowed task packages");
        // a class that exists only outside the packages is refused before loading: the message is the same
        assertThatThrownBy(() -> this.registry.resolve("com.acme.Nope::purge")).isInstanceOf(TaskNotAllowedException.class);
    }

    @Test
    void aPackageAllowsItsSubPackagesButNotPackagesThatOnlyShareItsPrefix() {
        String pkg = SampleJobs.class.getPackageName();
        TaskRegistry parent = new TaskRegistry().allowPackages(pkg.substring(0, pkg.lastIndexOf('.')));
        assertThat(parent.resolve(JOBS + "::purge")).isInstanceOf(MethodTask.class);
        TaskRegistry prefix = new TaskRegistry().allowPackages(pkg.substring(0, pkg.length() - 1));
        assertThatThrownBy(() -> prefix.resolve(JOBS + "::purge")).isInstanceOf(TaskNotAllowedException.class);
        assertThat(AllowedPackages.of(List.of(" com.acme ", "com.acme", "a.b")).packages()).containsExactly("a.b", "com.acme");
    }

    @Test
    void aStaticMethodInheritedFromAClassOutsideTheAllowedPackagesIsRefused() {
        assertThatThrownBy(() -> this.registry.resolve(JOBS + "$InheritsStatics::dumpStack"))
                .isInstanceOf(TaskNotAllowedException.class)
                .hasMessageContaining("method static dumpStack() is declared by class 'java.lang.Thread', which is outside"
                        + " the allowed task packages");
    }

    @Test
    void allowedPackagesMustBePackageNames() {
        for (String bad : List.of("", " ", "com.*", "com..acme", "com.acme.", ".com", "com acme", "1com")) {
            assertThatThrownBy(() -> this.registry.allowPackages("com.fine", bad))
                    .as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("allowed task package '" + bad.trim() + "' is not a Java package name");
        }
        assertThat(this.registry.allowedPackages().packages()).containsExactly(SampleJobs.class.getPackageName());
        String huge = "x".repeat(5_000) + "*";
        assertThatThrownBy(() -> this.registry.allowPackages(huge)).hasMessageContaining("x".repeat(100) + "...'")
                .hasMessageNotContaining("x".repeat(101));
    }

    @Test
    void aHugeNameFromAStoreIsRefusedWithoutExhaustingTheStackAndEchoedShort() {
        String segments = "a.".repeat(200_000);
        assertThatThrownBy(() -> this.registry.resolve(segments + "Jobs::run"))
                .isInstanceOf(TaskNotAllowedException.class)
                .satisfies((e) -> assertThat(e.getMessage()).hasSizeLessThan(2_000));
        assertThatThrownBy(() -> this.registry.resolve(segments + "Jobs"))
                .isInstanceOf(TaskNotAllowedException.class)
                .satisfies((e) -> assertThat(e.getMessage()).hasSizeLessThan(2_000));
        assertThatThrownBy(() -> this.registry.resolve(segments + "Jobs::"))
                .isInstanceOf(UnknownTaskException.class)
                .satisfies((e) -> assertThat(e.getMessage()).hasSizeLessThan(2_000));
    }

    @Test
    void noSuchMethodNotPublicOverloadedAndNotStatic() {
        assertThatThrownBy(() -> this.registry.resolve(JOBS + "::nope"))
                .hasMessageStartingWith("cannot resolve task '" + JOBS + "::nope': class '" + JOBS
                        + "' has no public method named 'nope'. Valid task names:");
        assertThatThrownBy(() -> this.registry.resolve(JOBS + "::hidden"))
                .hasMessageStartingWith("cannot resolve task '" + JOBS + "::hidden': method 'hidden' of class '"
                        + JOBS + "' is not public.");
        assertThatThrownBy(() -> this.registry.resolve(JOBS + "::overloaded"))
                .hasMessageContaining("has 2 public methods named 'overloaded' [static overloaded(")
                .hasMessageContaining("a task reference must name exactly one method");
        assertThatThrownBy(() -> this.registry.resolve(JOBS + "::instanceMethod"))
                .hasMessageContaining("method instanceMethod() is not static; a 'Class::method' reference needs a"
                        + " static method. For an instance method use a Spring bean method ('beanName.instanceMethod')"
                        + " or register a lambda under a name");
    }

    @Test
    void malformedReferencesAndUnknownNames() {
        assertThatThrownBy(() -> this.registry.resolve("com.acme.Jobs::")).isInstanceOf(UnknownTaskException.class)
                .hasMessageStartingWith("cannot resolve task 'com.acme.Jobs::': malformed static method reference;"
                        + " expected 'package.Class::method'");
        assertThatThrownBy(() -> this.registry.resolve("com.acme:purge"))
                .hasMessageStartingWith("cannot resolve task 'com.acme:purge': no task is registered under this name");
        assertThatThrownBy(() -> this.registry.resolve("purgeSessions"))
                .hasMessageStartingWith("cannot resolve task 'purgeSessions': no task is registered under this name.");
        assertThatThrownBy(() -> this.registry.resolve("orderService.cancelUnpaidOrder"))
                .hasMessageStartingWith("task 'orderService.cancelUnpaidOrder' is not allowed: no task is registered"
                        + " under this name and no resolver knows it; as a class name,");
        assertThatThrownBy(() -> this.registry.resolve(SampleJobs.class.getPackageName() + ".cancelUnpaidOrder"))
                .hasMessageContaining("no task is registered under this name, no resolver knows it, and no class of"
                        + " this name is visible to");
        assertThatThrownBy(() -> this.registry.resolve(""))
                .hasMessageStartingWith("cannot resolve task '': the name is blank");
    }

    @Test
    void classThatIsNoTask() {
        assertThatThrownBy(() -> this.registry.resolve(JOBS + "$NotATask"))
                .hasMessageContaining("implements none of TaskFunction, TaskSupplier, TaskAction, Callable, Runnable");
        assertThatThrownBy(() -> this.registry.resolve(JOBS + "$NeedsArgument"))
                .hasMessageContaining("has no public no-arg constructor");
        assertThatThrownBy(() -> this.registry.resolve(JOBS))
                .hasMessageContaining("has no public no-arg constructor");
    }

    @Test
    void anonymousLambdaLabelIsNotResolvable() {
        Task task = Tasks.anonymous(() -> {
        });
        assertThatThrownBy(() -> this.registry.resolve(task.name()))
                .isInstanceOf(UnknownTaskException.class)
                .hasMessageContaining("this is the label of an unnamed lambda, which cannot be resolved again");
    }

    @Test
    void lookupOrderIsRegisteredThenResolversThenReferences() throws Exception {
        String reference = JOBS + "::purge";
        List<String> asked = new ArrayList<>();
        this.registry.addResolver((name) -> {
            asked.add("first:" + name);
            return Optional.empty();
        });
        this.registry.addResolver((name) -> {
            asked.add("second:" + name);
            return name.equals(reference) || name.equals("shared")
                    ? Optional.of(Tasks.anonymous(() -> "from resolver")) : Optional.empty();
        });
        this.registry.register("shared", () -> "registered");

        assertThat(this.registry.resolve("shared").invoke(List.of(), Map.of())).isEqualTo("registered");
        assertThat(asked).isEmpty();
        assertThat(this.registry.resolve(reference).invoke(List.of(), Map.of())).isEqualTo("from resolver");
        assertThat(asked).containsExactly("first:" + reference, "second:" + reference);
        assertThat(this.registry.resolve(JOBS + "::cancel")).isInstanceOf(MethodTask.class);
    }

    @Test
    void resolverMayRejectANameOfItsForm() {
        this.registry.addResolver((name) -> {
            throw new UnknownTaskException(name, "bean 'orderService' has no method 'cancelUnpaid'");
        });
        assertThatThrownBy(() -> this.registry.resolve("orderService.cancelUnpaid"))
                .isInstanceOf(UnknownTaskException.class)
                .hasMessage("bean 'orderService' has no method 'cancelUnpaid'");
    }

    @Test
    void configuredClassLoaderIsUsed() {
        ClassLoader empty = new ClassLoader(null) {
        };
        TaskRegistry isolated = new TaskRegistry(empty, tools.jackson.databind.json.JsonMapper.shared())
                .allowPackages(SampleJobs.class.getPackageName());
        assertThatThrownBy(() -> isolated.resolve(JOBS + "::purge"))
                .hasMessageContaining("class '" + JOBS + "' not found by");
    }

    @Test
    void concurrentResolutionYieldsOneCachedTask() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Task>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String name = i % 2 == 0 ? JOBS + "::cancel" : JOBS + "::greet";
                calls.add(() -> this.registry.resolve(name));
            }
            Set<Task> distinct = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (Future<Task> f : pool.invokeAll(calls)) {
                distinct.add(f.get());
            }
            assertThat(distinct).hasSize(2);
            assertThat(this.registry.resolve(JOBS + "::cancel").invoke(List.of(1, false), Map.of()))
                    .isEqualTo("cancelled 1");
        }
        finally {
            pool.shutdownNow();
        }
    }
}
