/**
 * An application with an underivable repository method in its own package.
 */
package dev.singletable.autoconfigure.definitions.bad;
