package io.kairos.scheduler.executor.process;

import io.kairos.scheduler.task.Task;
import io.kairos.scheduler.task.UnknownTaskException;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;

/**
 * INTERIM: resolves {@code com.acme.Jobs::method} static methods with positional arguments inside a worker,
 * until the task registry lands; then this delegates to it.
 */
final class WorkerTasks {

    private static final tools.jackson.databind.json.JsonMapper MAPPER = tools.jackson.databind.json.JsonMapper.builder().build();

    Task resolve(String name) {
        int sep = name.indexOf("::");
        if (sep < 0) {
            throw new UnknownTaskException(name, "worker cannot resolve task '" + name + "'");
        }
        try {
            Class<?> type = Class.forName(name.substring(0, sep));
            String methodName = name.substring(sep + 2);
            for (Method m : type.getMethods()) {
                if (m.getName().equals(methodName) && Modifier.isStatic(m.getModifiers())) {
                    return new StaticTask(name, m);
                }
            }
        } catch (ClassNotFoundException e) {
            throw new UnknownTaskException(name, "worker cannot resolve task '" + name + "': " + e);
        }
        throw new UnknownTaskException(name, "worker cannot resolve task '" + name + "'");
    }

    private record StaticTask(String name, Method method) implements Task {
        @Override
        public boolean hasStableName() {
            return true;
        }

        @Override
        public boolean isPortable() {
            return true;
        }

        @Override
        public void checkArguments(List<Object> args, Map<String, Object> kwargs) {
        }

        @Override
        public Object invoke(List<Object> args, Map<String, Object> kwargs) throws Exception {
            Class<?>[] types = method.getParameterTypes();
            Object[] values = new Object[types.length];
            for (int i = 0; i < types.length; i++) {
                values[i] = MAPPER.convertValue(args.get(i), types[i]);
            }
            try {
                return method.invoke(null, values);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof Exception ex) {
                    throw ex;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw e;
            }
        }
    }
}
