/**
 * An application with an entity type annotated for Jackson.
 */
package dev.singletable.autoconfigure.definitions.annotated;
