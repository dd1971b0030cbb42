/**
 * A reactive repository that cannot be created, for the tests that expect the start to fail.
 */
package dev.singletable.autoconfigure.badreactivequery;
