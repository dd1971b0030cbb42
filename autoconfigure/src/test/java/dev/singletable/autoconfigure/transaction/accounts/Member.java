package dev.singletable.autoconfigure.transaction.accounts;

import java.util.Set;

import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A plain entity with a counter and a set.
 *
 * @param id the identifier
 * @param name the name
 * @param points a counter
 * @param badges a set
 */
@SingleTableEntity
public record Member(@Id String id, String name, long points, Set<String> badges) {

	/**
	 * Creates a member with no points and one badge.
	 * @param id the identifier
	 * @param name the name
	 * @return the member
	 */
	public static Member of(String id, String name) {
		return new Member(id, name, 0, Set.of("new"));
	}

}
