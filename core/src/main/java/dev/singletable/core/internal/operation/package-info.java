/**
 * Operations as plans: a write of an entity from the callbacks before it is converted to the callbacks after it is
 * stored, with its audit row and its choice between the transaction bound and a send at once — each thing only the
 * caller knows asked as a {@link dev.singletable.core.internal.operation.CallerRequest}, which the blocking template
 * answers from the calling thread and the reactive one from the subscriber's Reactor context. Both templates run
 * the same plans; no I/O here. {@code TablePlans} is the one set of a table's plans, built once and shared by the
 * templates on it; a template's {@code OperationSettings} travel as a value to the plans it builds on them. {@code TemplateAssembly} is the
 * one assembly of a template's collaborators that each execution model's components hold with their runtime.
 */
@NullMarked
package dev.singletable.core.internal.operation;

import org.jspecify.annotations.NullMarked;
