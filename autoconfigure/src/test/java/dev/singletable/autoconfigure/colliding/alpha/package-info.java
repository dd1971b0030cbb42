/**
 * One of two entities with the same simple name, scanned only by the test that expects startup to fail.
 */
package dev.singletable.autoconfigure.colliding.alpha;
