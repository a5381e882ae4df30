package io.kairos.scheduler.store.mongodb;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * mongo-java-server (an in-process MongoDB wire-protocol server) on a fixed loopback port whose data outlives a
 * crash: {@link #crash()} stops listening and drops every client connection but keeps the in-memory backend, and
 * {@link #start()} listens again on the same port, as a restarted durable {@code mongod} would. (The server's own
 * {@code shutdown} clears its data, and it has no public way to drop clients, hence the reflective call.) Not
 * thread-safe.
 */
public final class InProcessMongo implements AutoCloseable {

    private final MemoryBackend backend = new MemoryBackend();

    private final boolean oplog;

    private final List<MongoServer> stopped = new ArrayList<>();

    private MongoServer server;

    private int port;

    /**
     * A server, not yet listening.
     *
     * @param port the port, or 0 for a free one chosen at the first start
     * @param oplog whether to enable the oplog, which gives change streams (as a replica set would)
     */
    public InProcessMongo(int port, boolean oplog) {
        this.port = port;
        this.oplog = oplog;
    }

    /** Listens on the port (the same one after a crash). */
    public void start() {
        MongoServer started = new MongoServer(this.backend);
        if (this.oplog) {
            started.enableOplog();
        }
        started.bind("127.0.0.1", this.port);
        this.port = started.getLocalAddress().getPort();
        this.server = started;
    }

    /** Stops listening and drops every connection; the data is kept. */
    public void crash() {
        MongoServer running = this.server;
        this.server = null;
        if (running == null) {
            return;
        }
        running.stopListening();
        try {
            Method closeClients = MongoServer.class.getDeclaredMethod("closeClients");
            closeClients.setAccessible(true);
            closeClients.invoke(running);
        }
        catch (ReflectiveOperationException ex) {
            throw new IllegalStateException("mongo-java-server changed: cannot drop its clients", ex);
        }
        this.stopped.add(running);
    }

    /**
     * The connection string.
     *
     * @return {@code mongodb://127.0.0.1:<port>}
     */
    public String uri() {
        return "mongodb://127.0.0.1:" + this.port;
    }

    /**
     * The port.
     *
     * @return the port it listens on (or will again)
     */
    public int port() {
        return this.port;
    }

    /** Shuts every server instance down; the data is gone. */
    @Override
    public void close() {
        crash();
        this.stopped.forEach(MongoServer::shutdownNow);
        this.stopped.clear();
    }
}
