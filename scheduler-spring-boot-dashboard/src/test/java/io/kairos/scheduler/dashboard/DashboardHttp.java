package io.kairos.scheduler.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the dashboard's JSON over real HTTP.
 */
final class DashboardHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();

    private final String base;

    private @Nullable String credentials;

    DashboardHttp(int port) {
        this.base = "http://127.0.0.1:" + port + "/kairos";
    }

    DashboardHttp as(String user, String password) {
        this.credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    HttpResponse<String> send(String method, String path, @Nullable String body, String contentType, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
            .header("Accept", "application/json");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        if (this.credentials != null) {
            request.header("Authorization", "Basic " + this.credentials);
        }
        return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null, "application/json");
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return send("POST", path, body, "application/json");
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
