/**
 * Reading untrusted input (HTTP bodies, {@code application.yml}, stored jobs): numbers whose size is checked before
 * any arithmetic, and the short form in which error messages echo a value. No dependency on the rest of Kairos, so
 * every layer can use it.
 */
@NullMarked
package io.kairos.scheduler.input;

import org.jspecify.annotations.NullMarked;
