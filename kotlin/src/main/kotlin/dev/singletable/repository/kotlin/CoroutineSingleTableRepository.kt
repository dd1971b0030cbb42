package dev.singletable.repository.kotlin

import dev.singletable.core.Changes
import org.springframework.data.repository.NoRepositoryBean
import org.springframework.data.repository.kotlin.CoroutineCrudRepository
import org.springframework.data.repository.kotlin.CoroutineSortingRepository

/**
 * Coroutine repository for a type stored in the single table: Spring Data's [CoroutineCrudRepository] and
 * [CoroutineSortingRepository] with the writes singletable adds, the counterpart of
 * [dev.singletable.repository.reactive.ReactiveSingleTableRepository] with `suspend` functions. It runs on the
 * reactive template ([dev.singletable.core.reactive.ReactiveSingleTableOperations]), so it writes the same items
 * with the same conditions and fails with the same exceptions as the blocking and reactive repositories; Spring Data
 * adapts each `suspend` function and `Flow` to the reactive repository's `Mono` and `Flux`.
 *
 * Query methods are derived from their names as in every singletable repository, and planned once at start-up onto
 * the indexes the entity declares (a method no index covers fails the start with the same message):
 *
 * ```kotlin
 * interface Tasks : CoroutineSingleTableRepository<Task, String> {
 *     suspend fun findByAssigneeAndDue(assignee: String, due: LocalDate): Task?  // at most one
 *     suspend fun findAllByAssignee(assignee: String): List<Task>               // all of them
 *     fun findByAssignee(assignee: String): Flow<Task>                          // read page by page as collected
 *     suspend fun countByAssignee(assignee: String): Long
 *     suspend fun findByAssignee(assignee: String, position: ScrollPosition, limit: Limit): Window<Task>
 *     suspend fun deleteByAssignee(assignee: String)
 * }
 * ```
 *
 * `@EnableReactiveSingleTableRepositories`, and Spring Boot's auto-configuration, create it as a reactive
 * repository. Singletable ids are `String`s: the repository is refused at start-up for another [ID].
 *
 * @param T the entity type
 * @param ID the id type, `String`
 */
@NoRepositoryBean
public interface CoroutineSingleTableRepository<T : Any, ID : Any> :
    CoroutineCrudRepository<T, ID>, CoroutineSortingRepository<T, ID> {

    /**
     * Stores a new resource, failing when the id exists already (see
     * [dev.singletable.repository.reactive.ReactiveSingleTableRepository.insert]).
     *
     * @param entity the new resource
     * @return the stored state
     * @throws org.springframework.dao.DuplicateKeyException when the id exists
     */
    public suspend fun <S : T> insert(entity: S): S

    /**
     * Stores the next state of an existing resource (see
     * [dev.singletable.repository.reactive.ReactiveSingleTableRepository.update]).
     *
     * @param entity the new state, carrying the version it was based on
     * @return the stored state
     * @throws org.springframework.dao.OptimisticLockingFailureException when it changed since it was read (a
     * [dev.singletable.core.VersionConflictException] for a versioned type)
     * @throws dev.singletable.core.NoSuchResourceException when it does not exist
     */
    public suspend fun <S : T> update(entity: S): S

    /**
     * Applies a partial update to an existing resource.
     *
     * @param entity the state the change is based on
     * @param changes the properties to set and clear
     * @return the stored state
     */
    public suspend fun <S : T> update(entity: S, changes: Changes): S
}
