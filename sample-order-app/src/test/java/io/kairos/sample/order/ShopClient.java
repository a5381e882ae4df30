package io.kairos.sample.order;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/** A small real HTTP client for the shop's JSON API, used by in-process tests and by tests of the packaged jar. */
public final class ShopClient {

    /** The admin password tests start the shop with: {@code spring.security.user.password}. */
    public static final String ADMIN_PASSWORD = "test-admin-password";

    /** The test property that sets {@link #ADMIN_PASSWORD}. */
    public static final String ADMIN_PASSWORD_PROPERTY = "spring.security.user.password=" + ADMIN_PASSWORD;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    private final String authorization;

    /**
     * Creates an anonymous client.
     *
     * @param port the port the app listens on (loopback)
     */
    public ShopClient(int port) {
        this(port, null);
    }

    private ShopClient(int port, String authorization) {
        this.baseUrl = "http://127.0.0.1:" + port;
        this.authorization = authorization;
    }

    /**
     * A client that authenticates with HTTP Basic on every request.
     *
     * @param port the port the app listens on (loopback)
     * @param user the user name
     * @param password the password
     * @return the client
     */
    public static ShopClient as(int port, String user, String password) {
        return new ShopClient(port, "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A client for the shop's admin user, for a shop started with {@link #ADMIN_PASSWORD_PROPERTY}.
     *
     * @param port the port the app listens on (loopback)
     * @return the client
     */
    public static ShopClient admin(int port) {
        return as(port, "admin", ADMIN_PASSWORD);
    }

    /**
     * A response.
     *
     * @param status the HTTP status
     * @param body the JSON body; a null node when the body is empty
     * @param contentType the {@code Content-Type} header, or empty
     */
    public record Response(int status, JsonNode body, String contentType) {
    }

    /**
     * {@code GET}s a path.
     *
     * @param path e.g. {@code /skus}
     * @return the response
     */
    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path)).GET());
    }

    /**
     * {@code POST}s a body as JSON.
     *
     * @param path e.g. {@code /orders}
     * @param body a map or record written as JSON, or a string sent as it is
     * @return the response
     */
    public Response post(String path, Object body) {
        return postRaw(path, body instanceof String s ? s : JSON.writeValueAsString(body));
    }

    /**
     * {@code POST}s text as {@code application/json}, even when it is not valid JSON.
     *
     * @param path e.g. {@code /orders}
     * @param json the body
     * @return the response
     */
    public Response postRaw(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Places an order for one SKU and returns the response. */
    public Response order(long skuId, int count) {
        return post("/orders", Map.of("items", java.util.List.of(Map.of("skuId", skuId, "count", count))));
    }

    /** The current stock and sales of a SKU, as {@code GET /skus} shows them. */
    public int[] stockAndSales(long skuId) {
        for (JsonNode sku : get("/skus").body()) {
            if (sku.get("id").asLong() == skuId) {
                return new int[] { sku.get("stock").asInt(), sku.get("sales").asInt() };
            }
        }
        throw new AssertionError("no SKU " + skuId + " in GET /skus");
    }

    /** The status of an order. */
    public String status(long orderId) {
        return get("/orders/" + orderId).body().get("status").asString();
    }

    private Response send(HttpRequest.Builder request) {
        if (this.authorization != null) {
            request.header("Authorization", this.authorization);
        }
        try {
            HttpResponse<String> response = this.http.send(request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? NullNode.getInstance() : JSON.readTree(response.body());
            return new Response(response.statusCode(), body,
                    response.headers().firstValue("Content-Type").orElse(""));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
