package io.kairos.scheduler.boot.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end dates of copyable examples in the documentation lie in the future: a job whose trigger has ended is refused
 * ({@code addJob}, or start-up for a declared job), so an example with APScheduler's 2014 end dates failed when copied.
 */
class DocumentedEndDatesTests {

    /** {@code endDate = "2034-05-30"}, {@code end_date: "..."}, {@code end_date='...'}, {@code "end_date", "..."}. */
    private static final Pattern END_DATE = Pattern.compile("(?:endDate|end_date)\\W{1,6}(\\d{4}-\\d{2}-\\d{2})");

    @Test
    void everyDocumentedEndDateIsInTheFuture() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter((file) -> file.toString().endsWith(".md")).forEach(files::add);
        }
        files.add(root.resolve("README.md"));
        files.add(root.resolve("sample-order-app/README.md"));
        List<String> found = new ArrayList<>();
        List<String> past = new ArrayList<>();
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher matcher = END_DATE.matcher(lines.get(i));
                while (matcher.find()) {
                    String where = root.relativize(file) + ":" + (i + 1) + " " + matcher.group(1);
                    found.add(where);
                    if (!LocalDate.parse(matcher.group(1)).isAfter(LocalDate.now().plusYears(2))) {
                        past.add(where);
                    }
                }
            }
        }
        assertThat(found).as("the check finds the examples").hasSizeGreaterThanOrEqualTo(6);
        assertThat(past).as("end dates that are past, or will be within two years").isEmpty();
    }
}
