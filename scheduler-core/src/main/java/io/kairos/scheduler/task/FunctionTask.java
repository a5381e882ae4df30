package io.kairos.scheduler.task;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;


/**
 * A task backed by one of the functional shapes ({@link TaskAction}, {@link TaskSupplier},
 * {@link TaskFunction}), adapted to a {@link TaskFunction}. Lambdas have no parameter names, so arguments are
 * checked against the shape only: the no-argument shapes reject any argument, {@code TaskFunction} takes
 * anything. Immutable and thread-safe.
 */
final class FunctionTask implements Task {

    private final String name;
    private final boolean stableName;
    private final boolean portable;
    private final String shape;
    private final boolean takesArguments;
    private final TaskFunction body;

    private FunctionTask(String name, boolean stableName, boolean portable, String shape, boolean takesArguments,
            TaskFunction body) {
        this.name = name;
        this.stableName = stableName;
        this.portable = portable;
        this.shape = shape;
        this.takesArguments = takesArguments;
        this.body = body;
    }

    static FunctionTask of(String name, boolean stableName, boolean portable, TaskAction action) {
        Objects.requireNonNull(action, "action");
        return new FunctionTask(name, stableName, portable, "TaskAction", false, (args, kwargs) -> {
            action.run();
            return null;
        });
    }

    static FunctionTask of(String name, boolean stableName, boolean portable, TaskSupplier supplier) {
        Objects.requireNonNull(supplier, "supplier");
        return new FunctionTask(name, stableName, portable, "TaskSupplier", false, (args, kwargs) -> supplier.get());
    }

    static FunctionTask of(String name, boolean stableName, boolean portable, TaskFunction function) {
        Objects.requireNonNull(function, "function");
        return new FunctionTask(name, stableName, portable, "TaskFunction", true, function);
    }

    /**
     * Adapts a task body of a given shape, e.g. for a class reference that creates an instance per run.
     */
    static FunctionTask adapt(String name, String shape, boolean takesArguments, TaskFunction body) {
        return new FunctionTask(name, true, true, shape, takesArguments, body);
    }

    @Override
    public String name() {
        return this.name;
    }

    @Override
    public boolean hasStableName() {
        return this.stableName;
    }

    @Override
    public boolean isPortable() {
        return this.portable;
    }

    @Override
    public void checkArguments(List<Object> args, Map<String, Object> kwargs) {
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(kwargs, "kwargs");
        if (!this.takesArguments && (!args.isEmpty() || !kwargs.isEmpty())) {
            throw new InvalidJobArgumentsException("task '" + this.name + "' takes no arguments (it is a "
                    + this.shape + "); got " + args.size() + " positional and " + kwargs.size()
                    + " named argument(s)" + (kwargs.isEmpty() ? "" : " " + kwargs.keySet())
                    + ". To receive arguments, use a TaskFunction or a static method with parameters");
        }
    }

    @Override
    public @Nullable Object invoke(List<Object> args, Map<String, Object> kwargs) throws Exception {
        checkArguments(args, kwargs);
        return this.body.apply(args, kwargs);
    }

    @Override
    public String toString() {
        return "Task[" + this.name + ", " + this.shape + "]";
    }
}
