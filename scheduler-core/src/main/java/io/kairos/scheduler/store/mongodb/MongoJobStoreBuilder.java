package io.kairos.scheduler.store.mongodb;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

import io.kairos.scheduler.input.InputText;

import org.jspecify.annotations.Nullable;



/**
 * Describes a {@link MongoJobStore}: where MongoDB is (a client or a connection string, exactly one), the database and
 * collection, and (for a client the store creates) how long an operation may wait for the server. Not thread-safe;
 * build once.
 */
public final class MongoJobStoreBuilder {

    /** What a collection name may hold: no {@code $}, no NUL, not empty, at most 120 characters. */
    private static final Pattern COLLECTION = Pattern.compile("[^$\\x00]{1,120}");

    /** What a database name may hold: none of {@code $ . / \\ "}, space or NUL, not empty, at most 64 characters. */
    private static final Pattern DATABASE = Pattern.compile("[^$\\x00/\\\\. \"]{1,64}");

    private @Nullable MongoClient client;

    private @Nullable ConnectionString connectionString;

    private String database = MongoJobStore.DEFAULT_DATABASE;

    private String collection = MongoJobStore.DEFAULT_COLLECTION;

    private Duration timeout = Duration.ofSeconds(MongoJobStore.DEFAULT_TIMEOUT_SECONDS);

    MongoJobStoreBuilder() {
    }

    /**
     * Uses an application's client; the store never closes it. The client's own settings apply (its server selection
     * timeout, 30 s by default in the driver, bounds how long a store call waits for a server that is down).
     *
     * @param client the client, not {@code null}
     * @return this builder
     */
    public MongoJobStoreBuilder client(MongoClient client) {
        this.client = Objects.requireNonNull(client, "client");
        return this;
    }

    /**
     * Connects with a client the store creates from a connection string and closes on {@link MongoJobStore#shutdown()}.
     * Options in the string win over {@link #timeout}. The string's database, when it names one, is not used: set
     * {@link #database}.
     *
     * @param connectionString e.g. {@code mongodb://127.0.0.1:27017} or {@code mongodb+srv://user:pw@cluster.example.com}
     * @return this builder
     * @throws IllegalArgumentException when the string cannot be parsed (the message shows it shortened)
     */
    public MongoJobStoreBuilder connectionString(String connectionString) {
        Objects.requireNonNull(connectionString, "connectionString");
        try {
            this.connectionString = new ConnectionString(connectionString.trim());
        }
        catch (RuntimeException ex) {
            throw new IllegalArgumentException("MongoDB job store connection-string " + InputText.quote(connectionString)
                    + " is not a MongoDB connection string (e.g. mongodb://host:27017): " + ex.getMessage(), ex);
        }
        return this;
    }

    /**
     * The database; default {@value MongoJobStore#DEFAULT_DATABASE}.
     *
     * @param database a database name: no {@code $}, {@code .}, {@code /}, {@code \}, space, {@code "} or NUL, at
     *     most 64 characters
     * @return this builder
     * @throws IllegalArgumentException when the name is not valid
     */
    public MongoJobStoreBuilder database(String database) {
        Objects.requireNonNull(database, "database");
        if (!DATABASE.matcher(database).matches()) {
            throw new IllegalArgumentException("MongoDB job store database " + InputText.quote(database) + " is not a valid "
                    + "database name: 1 to 64 characters, none of $ . / \\ space \" or NUL");
        }
        this.database = database;
        return this;
    }

    /**
     * The collection; default {@value MongoJobStore#DEFAULT_COLLECTION}.
     *
     * @param collection a collection name: not starting with {@code system.}, no {@code $} or NUL, at most 120
     *     characters
     * @return this builder
     * @throws IllegalArgumentException when the name is not valid
     */
    public MongoJobStoreBuilder collection(String collection) {
        Objects.requireNonNull(collection, "collection");
        if (!COLLECTION.matcher(collection).matches() || collection.startsWith("system.") || collection.startsWith(".")
                || collection.endsWith(".")) {
            throw new IllegalArgumentException("MongoDB job store collection " + InputText.quote(collection) + " is not a valid "
                    + "collection name: 1 to 120 characters, no $ or NUL, not starting with 'system.' or a dot");
        }
        this.collection = collection;
        return this;
    }

    /**
     * For a client the store creates from a {@link #connectionString}: how long an operation waits to find a server,
     * to connect, and for a reply; default {@value MongoJobStore#DEFAULT_TIMEOUT_SECONDS} s (the driver's own 30 s
     * server selection would stall the scheduler's loop that long during an outage).
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException when it is zero or negative
     */
    public MongoJobStoreBuilder timeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("MongoDB job store timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
        return this;
    }

    /**
     * Builds the store (it connects on {@link MongoJobStore#start}).
     *
     * @return the store
     * @throws IllegalStateException when neither or both of a client and a connection string were given
     */
    public MongoJobStore build() {
        if ((this.client == null) == (this.connectionString == null)) {
            throw new IllegalStateException("MongoDB job store needs exactly one of client(MongoClient) or connectionString(String), got "
                    + (this.client == null ? "neither" : "both"));
        }
        return new MongoJobStore(this.client, this.connectionString, this.database, this.collection, this.timeout);
    }
}
