/**
 * An application listening to the changes of its table's resources.
 */
package dev.singletable.autoconfigure.events.changes;
