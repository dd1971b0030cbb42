/**
 * An application with a record entity type that cannot be stored, which the early definitions check finds without
 * Jackson.
 */
package dev.singletable.autoconfigure.definitions.plainbad;
