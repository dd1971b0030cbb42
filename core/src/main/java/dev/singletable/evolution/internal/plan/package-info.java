/**
 * What evolution's plans share: how a plan is run ({@link dev.singletable.evolution.internal.plan.PlanRunner}, the
 * template's driver or a scripted one in tests) and the requests its records and rewrites send alike.
 */
@NullMarked
package dev.singletable.evolution.internal.plan;

import org.jspecify.annotations.NullMarked;
