/**
 * An application whose transactions publish events through Spring Modulith's registry on the table.
 */
package dev.singletable.autoconfigure.events.outbox;
