package dev.singletable.core.query

/**
 * Marks the receivers of singletable's Kotlin DSLs, so that a block nested in another (a `filter { }` inside a
 * `query<Task> { }`) sees only its own functions, not those of the block around it.
 */
@DslMarker
@Target(AnnotationTarget.CLASS)
internal annotation class SingleTableDsl
