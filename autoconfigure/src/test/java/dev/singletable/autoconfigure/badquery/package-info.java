/**
 * An application with an invalid repository, started only by the tests that expect its startup to fail.
 */
package dev.singletable.autoconfigure.badquery;
