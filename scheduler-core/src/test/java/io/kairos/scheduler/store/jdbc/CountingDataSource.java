package io.kairos.scheduler.store.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

/**
 * A {@code DataSource} wrapper for tests that counts what costs a round trip to the database: executed
 * statements and batches ({@code execute*}), {@code commit} and {@code rollback}. (The PostgreSQL driver sends a
 * transaction's {@code BEGIN} together with its first statement, so that costs nothing of its own.) Thread-safe.
 */
final class CountingDataSource {

    private final AtomicInteger roundTrips = new AtomicInteger();

    private final DataSource proxy;

    CountingDataSource(DataSource target) {
        this.proxy = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { DataSource.class },
                handler(target, (method, result) -> method.getName().equals("getConnection") ? wrapConnection(result) : result));
    }

    /** @return the counting data source */
    DataSource dataSource() {
        return this.proxy;
    }

    /**
     * The round trips counted since the last call, and resets the count.
     *
     * @return the count
     */
    int take() {
        return this.roundTrips.getAndSet(0);
    }

    private interface Wrapper {

        Object apply(Method method, Object result);
    }

    private Object wrapConnection(Object target) {
        Wrapper wrapper = (method, result) -> {
            String name = method.getName();
            if (name.equals("commit") || name.equals("rollback")) {
                this.roundTrips.incrementAndGet();
            }
            if (result instanceof Statement statement) {
                Class<?> api = method.getReturnType();
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { api },
                        handler(statement, (m, r) -> {
                            if (m.getName().startsWith("execute")) {
                                this.roundTrips.incrementAndGet();
                            }
                            return r;
                        }));
            }
            return result;
        };
        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class }, handler(target, wrapper));
    }

    private static InvocationHandler handler(Object target, Wrapper wrapper) {
        return (proxy, method, args) -> {
            try {
                return wrapper.apply(method, method.invoke(target, args));
            }
            catch (InvocationTargetException ex) {
                throw ex.getCause();
            }
        };
    }
}
