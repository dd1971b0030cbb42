package com.example.tasks

import kotlin.reflect.KType
import kotlin.reflect.typeOf

/** What [seen] answers for a value of a type Kotlin knows is nullable. */
object Nullable

/** What [seen] answers for a value of a non-null type, or of a platform type (`String!`). */
object NotNull

/**
 * Tells, at compile time, how Kotlin sees the type of [value]: `val x: Nullable = seen(api())` compiles only when
 * the result is nullable for Kotlin, since a platform type, like a non-null one, picks the other overload.
 */
@Suppress("UNUSED_PARAMETER")
fun seen(value: Any?): Nullable = Nullable

@Suppress("UNUSED_PARAMETER")
fun seen(value: Any): NotNull = NotNull

/** The static type of [value] as the compiler inferred it: a platform type shows as `kotlin.String!`. */
inline fun <reified T> staticTypeOf(@Suppress("UNUSED_PARAMETER") value: T): KType = typeOf<T>()
