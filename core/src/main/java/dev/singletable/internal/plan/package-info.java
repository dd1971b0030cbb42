/**
 * Writes planned without I/O: a plan is a {@link dev.singletable.internal.plan.Step} that names the requests it
 * needs next and accepts their {@link dev.singletable.internal.plan.Answer}s, until it is done with a result and
 * the work that follows the commit. Plans hold no client, no thread and no Reactor type; the blocking and the
 * reactive driver ({@code core.internal.execution}) are the only code that sends what they ask for, so one plan
 * serves both APIs and a unit test drives it with canned answers.
 * <p>
 * Internal: public only for the other layers of singletable; not API, may change in any release.
 */
@NullMarked
package dev.singletable.internal.plan;

import org.jspecify.annotations.NullMarked;
