/**
 * A repository with a custom fragment, which the early definition check must leave to the repository's creation.
 */
package dev.singletable.autoconfigure.customfragment;
