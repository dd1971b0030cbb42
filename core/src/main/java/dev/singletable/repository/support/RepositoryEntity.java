package dev.singletable.repository.support;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.util.Assert;

import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.repository.query.TypeIndexOrder;

/**
 * The entity type a repository manages, for the blocking and the reactive base repositories: its class, the ids of
 * its instances and the order its type index lists them in.
 *
 * @param <T> the entity type
 */
final class RepositoryEntity<T> {

	private final SingleTablePersistentEntity<T> entity;

	/** Made at the first {@code findAll(Sort)}: it cannot fail, and most repositories never list their type. */
	private volatile @Nullable TypeIndexOrder typeIndexOrder;

	/**
	 * @param entity the entity metadata; must not be {@literal null}
	 */
	RepositoryEntity(SingleTablePersistentEntity<T> entity) {
		Assert.notNull(entity, "Entity must not be null");
		this.entity = entity;
	}

	Class<T> type() {
		return this.entity.getType();
	}

	String id(T instance) {
		return (String) this.entity.getIdentifierAccessor(instance).getRequiredIdentifier();
	}

	/** Whether the type index lists in the order the sort asks for; any sort but its sort key is refused. */
	boolean isAscending(Sort sort) {
		TypeIndexOrder order = this.typeIndexOrder;
		if (order == null) {
			order = TypeIndexOrder.of(this.entity);
			this.typeIndexOrder = order;
		}
		return order.isAscending(sort);
	}

}
