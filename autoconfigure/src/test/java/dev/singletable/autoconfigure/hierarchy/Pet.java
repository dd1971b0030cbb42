package dev.singletable.autoconfigure.hierarchy;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A sealed hierarchy the entity scan finds by its root, an interface.
 */
@SingleTableEntity(versioned = true)
@IndexKey(index = "gsi1", partition = "owner#{owner}")
public sealed interface Pet permits Pet.Dog, Pet.Cat {

	String id();

	Long version();

	String owner();

	record Dog(@Id String id, @Version Long version, String owner, String breed) implements Pet {
	}

	@IndexKey(index = "gsi2", partition = "lives#{lives}")
	record Cat(@Id String id, @Version Long version, String owner, int lives) implements Pet {
	}

}
