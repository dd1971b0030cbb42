/**
 * An invalid entity, scanned only by the test that expects startup to fail.
 */
package dev.singletable.autoconfigure.invalid;
