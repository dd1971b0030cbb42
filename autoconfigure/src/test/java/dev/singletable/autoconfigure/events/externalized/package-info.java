/**
 * An application whose transactions publish events that Spring Modulith externalizes to a broker, through its
 * registry on the table.
 */
package dev.singletable.autoconfigure.events.externalized;
