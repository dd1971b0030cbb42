package dev.singletable.benchmarks.coroutines

import dev.singletable.benchmarks.model.Event
import dev.singletable.benchmarks.model.VersionedArticle
import dev.singletable.repository.kotlin.CoroutineSingleTableRepository
import dev.singletable.repository.kotlin.CoroutineVersionedRepository
import dev.singletable.repository.reactive.ReactiveSingleTableRepository
import dev.singletable.repository.reactive.ReactiveVersionedRepository

/** The coroutine repository of the plain [Event]s. */
interface CoroutineEvents : CoroutineSingleTableRepository<Event, String>

/** The reactive repository of the plain [Event]s. */
interface ReactiveEvents : ReactiveSingleTableRepository<Event>

/** The coroutine repository of the versioned [VersionedArticle]s. */
interface CoroutineArticles : CoroutineVersionedRepository<VersionedArticle, String>

/** The reactive repository of the versioned [VersionedArticle]s. */
interface ReactiveArticles : ReactiveVersionedRepository<VersionedArticle>
