package dev.singletable.evolution.internal.backfill;

import java.util.Map;
import java.util.Objects;

import org.springframework.dao.InvalidDataAccessApiUsageException;

import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a {@code forEach} transform may return: the resource it was given, changed in its content only. A resource
 * of another id or another class would be written under the stored item's key while claiming another identity
 * (in place), or written as another resource (as a new version): it is refused before anything is written, and the
 * run fails on that item as on a transform that throws.
 */
public final class TransformedResource {

	private TransformedResource() {
	}

	/**
	 * Refuses a transformed resource whose id or class is not the one read.
	 * @param metadata the type the backfill works on
	 * @param item the stored item the resource was read from
	 * @param read the resource given to the transform
	 * @param changed what the transform returned (neither {@literal null} nor equal to {@code read})
	 * @throws InvalidDataAccessApiUsageException naming the item and what changed
	 */
	public static void checkIdentity(SingleTablePersistentEntity<?> metadata, Map<String, AttributeValue> item,
			Object read, Object changed) {
		String type = metadata.getType().getSimpleName();
		Object id = metadata.getIdentifierAccessor(read).getIdentifier();
		String stored = "pk '" + item.get(ItemAttributes.PK).s() + "'";
		if (changed.getClass() != read.getClass()) {
			throw new InvalidDataAccessApiUsageException("The forEach transform of " + type + " '" + id
					+ "' (stored under " + stored + ") returned a " + changed.getClass().getName() + " instead of a "
					+ read.getClass().getName() + ": a transform may not change a resource's type, so nothing was "
					+ "written. Return the resource it is given, changed in its content only; move a type to another "
					+ "prefix with a move step");
		}
		Object changedId = metadata.getIdentifierAccessor(changed).getIdentifier();
		if (!Objects.equals(id, changedId)) {
			throw new InvalidDataAccessApiUsageException("The forEach transform of " + type + " '" + id
					+ "' (stored under " + stored + ") returned it with the id '" + changedId + "': a transform may "
					+ "not change a resource's id, so nothing was written. Return the resource with the id it is "
					+ "given; to give a resource another id, create it under the new id and delete the former one");
		}
	}

}
