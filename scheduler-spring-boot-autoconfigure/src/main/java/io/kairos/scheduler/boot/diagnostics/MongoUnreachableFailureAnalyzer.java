package io.kairos.scheduler.boot.diagnostics;

import io.kairos.scheduler.store.mongodb.MongoUnreachableException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link MongoUnreachableException} raised during start-up: a mongodb job store could not use the
 * application's {@code MongoClient}. Names the Spring Boot property the client's servers come from
 * ({@code spring.mongodb.uri}), since a mongodb job store has no connection property of its own in Spring Boot.
 */
class MongoUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<MongoUnreachableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MongoUnreachableException cause) {
        String store = "kairos.jobstores." + cause.alias();
        return new FailureAnalysis("The Kairos job store '" + cause.alias() + "' (" + store + ".type: mongodb) could not use MongoDB "
                + "through the application's MongoClient.\n\n    Property: spring.mongodb.uri\n    Value: " + cause.servers()
                + "\n    Reason: " + cause.getCause().getMessage(),
                "Start MongoDB there, or set spring.mongodb.uri (or spring.mongodb.host and spring.mongodb.port) to a reachable server "
                        + "with credentials allowed to write " + cause.namespace() + " (" + store + ".database and "
                        + store + ".collection); an application that defines its own MongoClient bean configures it there.",
                cause);
    }
}
