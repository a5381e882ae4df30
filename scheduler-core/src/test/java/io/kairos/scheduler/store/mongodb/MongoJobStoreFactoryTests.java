package io.kairos.scheduler.store.mongodb;

import io.kairos.scheduler.Scheduler;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code kairos.jobstores.<alias>.type=mongodb} from flat keys (found through the ServiceLoader), against
 * mongo-java-server in-process.
 */
class MongoJobStoreFactoryTests {

    @Test
    void flatKeysConfigureAMongodbStore() {
        try (InProcessMongo server = new InProcessMongo(0, false); MongoClient client = closeLater(server)) {
            Scheduler scheduler = Scheduler.builder().timezone(ZoneOffset.UTC).properties(Map.of("kairos.jobstores.docs.type", "mongodb",
                    "kairos.jobstores.docs.connection-string", server.uri(), "kairos.jobstores.docs.database", "flat",
                    "kairos.jobstores.docs.collection", "flat_jobs")).build();
            scheduler.start();
            try {
                List<String> indexes = client.getDatabase("flat").getCollection("flat_jobs").listIndexes()
                    .map((Document d) -> d.getString("name")).into(new ArrayList<>());
                assertThat(indexes).contains("kairos_next_run_time");
            }
            finally {
                scheduler.shutdown(false);
            }
        }
    }

    private static MongoClient closeLater(InProcessMongo server) {
        server.start();
        return MongoClients.create(server.uri());
    }

    @Test
    void missingOrBadOptionsAreNamed() {
        assertThatThrownBy(() -> Scheduler.builder().properties(Map.of("kairos.jobstores.docs.type", "mongodb")).build())
            .hasMessageContaining("kairos.jobstores.docs.connection-string");
        assertThatThrownBy(() -> Scheduler.builder().properties(Map.of("kairos.jobstores.docs.type", "mongodb",
                "kairos.jobstores.docs.connection-string", "mongodb://h", "kairos.jobstores.docs.database", "a.b")).build())
            .hasMessageContaining("kairos.jobstores.docs.database");
        assertThatThrownBy(() -> Scheduler.builder().properties(Map.of("kairos.jobstores.docs.type", "mongodb",
                "kairos.jobstores.docs.connection-string", "mongodb://h", "kairos.jobstores.docs.table", "x")).build())
            .hasMessageContaining("kairos.jobstores.docs.table");
    }
}
