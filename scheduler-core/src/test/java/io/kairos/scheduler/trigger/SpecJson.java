package io.kairos.scheduler.trigger;

import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads a spec written as JSON in a test table, the way a JSON job store or the HTTP API would hand it over. */
final class SpecJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private SpecJson() {
    }

    static Map<String, Object> read(String json) {
        return MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {
        });
    }

    static String write(Map<String, Object> spec) {
        return MAPPER.writeValueAsString(spec);
    }
}
