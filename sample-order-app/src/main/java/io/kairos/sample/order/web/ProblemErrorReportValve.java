package io.kairos.sample.order.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.http.HttpStatus;

/**
 * Tomcat's error report as an RFC 9457 problem ({@code application/problem+json}) instead of its HTML page: for
 * the errors Tomcat answers itself, before Spring MVC sees the request (a request line or headers longer than
 * {@code server.max-http-request-header-size}, a malformed request line). Thread-safe.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known != null ? known.getReasonPhrase() : "Error";
        String detail = status == 400 ? "The request could not be read: its URL, request line or headers are malformed "
                + "or longer than the server accepts" : title;
        String body = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                + detail + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        }
        catch (IOException | IllegalStateException ex) {
            // the client went away or the response is already committed: nothing more to say
        }
    }
}
