package dev.singletable.core.internal.query;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.ComputedIndexKey;
import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * {@link CollectionPartitions} without a server: which types form an item collection on an index.
 */
class CollectionPartitionsTests {

	private final SingleTableMappingContext context = new SingleTableMappingContext();

	@Test
	void templatesOfOneShapeShareThePartitionWhateverTheirPropertyNames() {
		assertThat(CollectionPartitions.shape("customer#{id}")).isEqualTo("customer#{}");
		assertThat(CollectionPartitions.shape("day#{day:05d}#{region}")).isEqualTo("day#{:05d}#{}");
		assertThatNoException()
			.isThrownBy(() -> CollectionPartitions.requireShared("gsi-1", entities(Customer.class, Order.class)));
	}

	@Test
	void anotherShapeAMissingKeyAComputedKeyOrTheTypeIndexAreRefusedByName() {
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> CollectionPartitions.requireShared("gsi1", entities(Customer.class, Padded.class)))
			.withMessageContaining("Customer 'customer#{id}', Padded 'customer#{number:05d}'");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> CollectionPartitions.requireShared("gsi1", entities(Customer.class, Bare.class)))
			.withMessageContaining("Bare declares no key of index 'gsi1'");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> CollectionPartitions.requireShared("gsi1", entities(Customer.class, Computed.class)))
			.withMessageContaining("Computed computes its key of index 'gsi1'");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> CollectionPartitions.requireShared("gsitype", entities(Customer.class, Order.class)))
			.withMessageContaining("cannot read the type index");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> CollectionPartitions.requireShared("gsi1", entities(Customer.class)))
			.withMessageContaining("needs at least two entity types");
	}

	private List<SingleTablePersistentEntity<?>> entities(Class<?>... types) {
		return java.util.Arrays.stream(types)
			.<SingleTablePersistentEntity<?>>map(this.context::getRequiredPersistentEntity)
			.toList();
	}

	@SingleTableEntity
	@IndexKey(index = "gsi1", partition = "customer#{id}")
	record Customer(@Id String id) {
	}

	@SingleTableEntity
	@IndexKey(index = "gsi-1", partition = "customer#{customerId}")
	record Order(@Id String id, String customerId) {
	}

	@SingleTableEntity
	@IndexKey(index = "gsi1", partition = "customer#{number:05d}")
	record Padded(@Id String id, int number) {
	}

	@SingleTableEntity
	record Bare(@Id String id) {
	}

	@SingleTableEntity
	record Computed(@Id String id, String customerId) {

		@ComputedIndexKey(index = "gsi1")
		String customerKey() {
			return "customer#" + this.customerId;
		}

	}

}
