/**
 * An application for the outside check of issue 14's {@code @Transactional} support: services with every
 * propagation, rollback rule and mistake, listeners and an after-save callback that record when they run.
 */
@NullMarked
package dev.singletable.autoconfigure.transaction.check;

import org.jspecify.annotations.NullMarked;
