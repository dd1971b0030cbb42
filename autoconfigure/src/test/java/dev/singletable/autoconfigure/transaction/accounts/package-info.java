/**
 * An application for the tests of {@code @Transactional} support (from issue 14): services with every
 * propagation, rollback rule and mistake, listeners and an after-save callback that record when they run.
 */
@NullMarked
package dev.singletable.autoconfigure.transaction.accounts;

import org.jspecify.annotations.NullMarked;
