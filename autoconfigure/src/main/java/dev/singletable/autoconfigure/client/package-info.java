/**
 * How the auto-configured AWS clients connect: the connection details of the {@code singletable.*} properties, the
 * one rule that applies connection details to a client builder, and the conventions of endpoints on this machine.
 * Internal to the auto-configuration: applications use
 * {@link dev.singletable.autoconfigure.SingleTableConnectionDetails} and the builder customizers instead.
 */
@NullMarked
package dev.singletable.autoconfigure.client;

import org.jspecify.annotations.NullMarked;
