/**
 * An application that chooses its repositories itself, leaving an underivable one out.
 */
package dev.singletable.autoconfigure.definitions.chosen;
