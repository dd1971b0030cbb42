/**
 * Entities whose prefixes collide, scanned only by the test that expects startup to fail.
 */
package dev.singletable.autoconfigure.colliding;
