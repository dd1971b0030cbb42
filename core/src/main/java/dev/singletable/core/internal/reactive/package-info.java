/**
 * What is the reactive template's own over the plans both templates run: {@code ReactiveComponents}, the Mono/Flux
 * facade, runs them on the {@code ReactiveDriver}; {@code ReactorCaller} answers what they ask their caller from the
 * subscriber's Reactor context and runs a reactive transaction's commit (the refusal of a reactive write on a thread
 * holding a blocking transaction is {@code core.spi.ReactiveWriteGuards}', which the template and the repositories
 * share).
 * Decides nothing of its own ({@code ArchitectureTests}). Internal: not API, may change in any release.
 */
@NullMarked
package dev.singletable.core.internal.reactive;

import org.jspecify.annotations.NullMarked;
