package io.kairos.scheduler.store.jdbc;

import io.kairos.scheduler.history.RunError;
import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.history.RunRecord;
import io.kairos.scheduler.store.RunRecordCodec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The COPY rows {@link PgRunCopy} sends: the same text as escaping each column's string value (the details from
 * {@link RunRecordCodec#writeDetails(RunRecord)}) by COPY's rules, in UTF-8. The round trip through the server is in
 * the run history contract ({@code PostgresJdbcJobStoreIT}).
 */
class PgRunCopyTests {

    private static final Instant T = Instant.parse("2026-12-07T10:00:00.123Z");

    @Test
    void rowsAreEachColumnEscapedForCopyInUtf8() {
        RunRecord plain = new RunRecord("0193a-1-i", "job-1", "job 1", "tasks.work", "default", "pool", T, T, T, T.plusMillis(5),
                RunOutcome.SUCCEEDED, 1, "instance-1", null, "{\"n\":\"a\\\\b\"}", false, false);
        RunRecord odd = new RunRecord("0193a-2-i", "j\tö\n€\\x\r😀", "name\t\\N é", "t\\x", "default", "pool", T, null, null, T,
                RunOutcome.FAILED, 2, "i", new RunError("x.Y", "line 1\nline 2\t\\ ü", "trace\r\n\tat x", true), null, true, true);
        List<RunRecord> runs = List.of(plain, odd);

        PgCopyText rows = PgRunCopy.rows(runs);

        StringBuilder expected = new StringBuilder();
        for (RunRecord run : runs) {
            expected.append(escaped(run.runId())).append('\t').append(escaped(run.jobId())).append('\t')
                    .append(run.finishedAt().toEpochMilli()).append('\t').append(run.outcome().name()).append('\t')
                    .append(escaped(RunRecordCodec.writeDetails(run))).append('\n');
        }
        assertThat(new String(Arrays.copyOf(rows.array(), rows.size()), StandardCharsets.UTF_8)).isEqualTo(expected.toString());
    }

    @Test
    void aBufferGrowsPastItsInitialCapacity() {
        PgCopyText rows = new PgCopyText(1);
        rows.field("a\\b").tab().number(-42).endRow();
        rows.write("x\\y".getBytes(StandardCharsets.UTF_8), 0, 3);
        rows.write('\\');

        assertThat(new String(Arrays.copyOf(rows.array(), rows.size()), StandardCharsets.UTF_8)).isEqualTo("a\\\\b\t-42\nx\\\\y\\\\");
    }

    /** COPY's text format for a non-NULL value, written out the plain way. */
    private static String escaped(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }
}
