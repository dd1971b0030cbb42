/**
 * An audited entity whose {@code @Audited(exclude)} names no property, scanned only by the tests that expect
 * startup to fail.
 */
package dev.singletable.autoconfigure.invalidaudit;
