/**
 * An application whose definitions hold.
 */
package dev.singletable.autoconfigure.definitions.good;
