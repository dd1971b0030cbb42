/**
 * An entity with a colliding TTL attribute, scanned only by the test that expects startup to fail.
 */
package dev.singletable.autoconfigure.invalidttl;
