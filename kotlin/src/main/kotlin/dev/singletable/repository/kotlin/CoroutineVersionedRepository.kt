package dev.singletable.repository.kotlin

import dev.singletable.core.VersionSummary
import kotlinx.coroutines.flow.Flow
import org.springframework.data.repository.NoRepositoryBean

/**
 * Coroutine repository for a versioned type, with its history on the same repository: every save keeps the previous
 * state as a numbered version. The counterpart of [dev.singletable.repository.reactive.ReactiveVersionedRepository]
 * with `suspend` functions and `Flow`s, which Spring Data adapts to the reactive repository's `Mono` and `Flux`.
 * `deleteById` and `delete` remove the resource with its whole history. The repository is refused at start-up for a
 * type that is not versioned (`@SingleTableEntity(versioned = true)`); extend [CoroutineSingleTableRepository]
 * instead.
 *
 * ```kotlin
 * interface Tasks : CoroutineVersionedRepository<Task, String>
 *
 * val history: List<Task> = tasks.findVersions(id).toList()  // newest first
 * val restored: Task = tasks.restore(id, 1)
 * ```
 *
 * @param T the entity type
 * @param ID the id type, `String`
 */
@NoRepositoryBean
public interface CoroutineVersionedRepository<T : Any, ID : Any> : CoroutineSingleTableRepository<T, ID> {

    /**
     * Returns every stored version, newest first.
     *
     * @param id the id
     * @return the versions; none when the resource does not exist
     */
    public fun findVersions(id: String): Flow<T>

    /**
     * Returns one version.
     *
     * @param id the id
     * @param version the version, from 1
     * @return the version, or `null`
     */
    public suspend fun findVersion(id: String, version: Long): T?

    /**
     * Lists the stored versions with their timestamps, newest first, without reading their content where the layout
     * allows (see [dev.singletable.core.SingleTableOperations.findVersionSummaries]).
     *
     * @param id the id
     * @return the versions; none when the resource does not exist
     */
    public fun findVersionSummaries(id: String): Flow<VersionSummary>

    /**
     * Deletes one version; deleting the latest removes the resource's current state too.
     *
     * @param id the id
     * @param version the version
     * @return whether that version existed
     */
    public suspend fun deleteVersion(id: String, version: Long): Boolean

    /**
     * Stores the content of an earlier version as the next version.
     *
     * @param id the id
     * @param version the version to restore
     * @return the new latest state
     * @throws dev.singletable.core.NoSuchResourceException when the resource or version does not exist
     */
    public suspend fun restore(id: String, version: Long): T

    /**
     * Deletes the resource with every version.
     *
     * @param id the id
     */
    public suspend fun deleteAllVersions(id: String)
}
