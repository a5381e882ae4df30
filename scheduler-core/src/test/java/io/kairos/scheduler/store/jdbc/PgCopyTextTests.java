package io.kairos.scheduler.store.jdbc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PgCopyTextTests {

    @Test
    void aValueWithoutSpecialCharactersIsAppendedAsItIs() {
        assertThat(text(new PgCopyText(8).ascii("x").tab().field("{\"id\":\"a b\"}"))).isEqualTo("x\t{\"id\":\"a b\"}");
    }

    @Test
    void backslashNewlineCarriageReturnAndTabAreEscapedWhereverTheyAre() {
        assertThat(text(new PgCopyText(8).field("a\\b\nc\rd\te\\"))).isEqualTo("a\\\\b\\nc\\rd\\te\\\\");
        assertThat(text(new PgCopyText(8).field("\tx"))).isEqualTo("\\tx");
        assertThat(text(new PgCopyText(8).field("é\t€\\"))).isEqualTo("é\\t€\\\\");
    }

    @Test
    void nullIsBackslashN() {
        assertThat(text(new PgCopyText(8).nullable((String) null).tab().nullable((Long) null))).isEqualTo("\\N\t\\N");
        assertThat(text(new PgCopyText(8).nullable(42L).tab().nullable("\\N"))).isEqualTo("42\t\\\\N");
    }

    @Test
    void clearEmptiesTheBufferForTheNextRows() {
        PgCopyText rows = new PgCopyText(8).field("first").endRow();
        rows.clear();

        assertThat(text(rows.field("second").endRow())).isEqualTo("second\n");
    }

    private static String text(PgCopyText rows) {
        return new String(Arrays.copyOf(rows.array(), rows.size()), StandardCharsets.UTF_8);
    }
}
