package io.kairos.scheduler.boot.autoconfigure;

import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.BeanUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every option of a job store and of an executor has IDE metadata: they sit under map keys (the alias), which
 * Spring Boot's annotation processor cannot list, so {@code additional-spring-configuration-metadata.json} lists
 * them for the alias {@code default}, each with a description.
 */
class PropertyMetadataTests {

    @ParameterizedTest
    @CsvSource({ "kairos.jobstores.default., io.kairos.scheduler.boot.autoconfigure.KairosProperties$Store",
            "kairos.executors.default., io.kairos.scheduler.boot.autoconfigure.KairosProperties$Executor" })
    void everyOptionOfAnAliasHasDescribedMetadata(String prefix, Class<?> options) throws IOException {
        Set<String> expected = new TreeSet<>();
        for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(options)) {
            if (property.getWriteMethod() != null) {
                expected.add(prefix + property.getName().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT));
            }
        }
        List<String> described = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/additional-spring-configuration-metadata.json")) {
            for (JsonNode property : JsonMapper.shared().readTree(in).get("properties")) {
                if (property.get("description") != null && !property.get("description").asString().isBlank()) {
                    described.add(property.get("name").asString());
                }
            }
        }
        assertThat(expected).isNotEmpty();
        assertThat(described).as("properties with a description").containsAll(expected);
    }

    @ParameterizedTest
    @CsvSource({ "kairos.jobstores.default.type, io.kairos.scheduler.boot.autoconfigure.JobStoreType",
            "kairos.executors.default.type, io.kairos.scheduler.boot.autoconfigure.ExecutorType" })
    void theTypeDescriptionNamesEveryType(String name, Class<? extends Enum<?>> types) throws IOException {
        String description = null;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/additional-spring-configuration-metadata.json")) {
            for (JsonNode property : JsonMapper.shared().readTree(in).get("properties")) {
                if (property.get("name").asString().equals(name)) {
                    description = property.get("description").asString();
                }
            }
        }
        assertThat(description).as(name).isNotNull();
        for (Enum<?> type : types.getEnumConstants()) {
            assertThat(description).as(name).contains(type.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
    }
}
