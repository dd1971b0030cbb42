/**
 * Entity callbacks (Spring Data's {@link org.springframework.data.mapping.callback.EntityCallback} API) the template
 * and repositories invoke around writes and reads, and the auditing callback.
 */
@NullMarked
package dev.singletable.core.mapping.event;

import org.jspecify.annotations.NullMarked;
