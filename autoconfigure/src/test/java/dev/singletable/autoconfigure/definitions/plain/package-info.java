/**
 * An application of plain records, which the early definitions check checks without Jackson.
 */
package dev.singletable.autoconfigure.definitions.plain;
