package dev.singletable.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method that receives the changes of one entity type from the table's stream: its one parameter is a
 * {@link ResourceChange ResourceChange&lt;T&gt;} whose type argument names the entity type.
 *
 * <pre class="code">
 * &#64;ResourceChangeListener
 * void on(ResourceChange&lt;Article&gt; change) {
 *     searchIndex.put(change.id(), change.newState());
 * }
 * </pre>
 *
 * Changes are delivered at least once, in order per resource; a method that throws is called again with backoff and,
 * after the last attempt, the change goes to the {@link ChangeDeadLetterHandler}. A method may return a {@code Mono},
 * a {@code Flux} or a {@code CompletionStage}: the change counts as delivered once it completes, and a failed
 * completion is retried as a thrown exception is. Spring Boot's auto-configuration
 * registers every annotated method with the application's {@link SingleTableChangeStream}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ResourceChangeListener {

}
