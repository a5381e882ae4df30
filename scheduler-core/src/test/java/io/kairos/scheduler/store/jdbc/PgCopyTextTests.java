package io.kairos.scheduler.store.jdbc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PgCopyTextTests {

    @Test
    void aValueWithoutSpecialCharactersIsAppendedAsItIs() {
        assertThat(PgCopyText.field(new StringBuilder("x\t"), "{\"id\":\"a b\"}").toString()).isEqualTo("x\t{\"id\":\"a b\"}");
    }

    @Test
    void backslashNewlineCarriageReturnAndTabAreEscapedWhereverTheyAre() {
        assertThat(PgCopyText.field(new StringBuilder(), "a\\b\nc\rd\te\\").toString()).isEqualTo("a\\\\b\\nc\\rd\\te\\\\");
        assertThat(PgCopyText.field(new StringBuilder(), "\tx").toString()).isEqualTo("\\tx");
    }

    @Test
    void nullIsBackslashN() {
        assertThat(PgCopyText.nullable(new StringBuilder(), (String) null).toString()).isEqualTo("\\N");
        assertThat(PgCopyText.nullable(new StringBuilder(), (Long) null).toString()).isEqualTo("\\N");
        assertThat(PgCopyText.nullable(new StringBuilder(), 42L).toString()).isEqualTo("42");
    }
}
