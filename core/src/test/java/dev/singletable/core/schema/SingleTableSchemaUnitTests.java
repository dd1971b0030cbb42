package dev.singletable.core.schema;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * How a {@link SingleTableSchema} takes extra indexes and how a {@link TableIndex} refuses a bad declaration, without
 * a server.
 */
class SingleTableSchemaUnitTests {

	@Test
	void extraIndexesFollowTheStandardOnesAndAnIdenticalRedeclarationIsKept() {
		SingleTableSchema schema = SingleTableSchema.standard("things")
			.withIndexes(List.of(new TableIndex("gsi1", "gsi1pk", "pk"), new TableIndex("gsi4", "gsi4pk", null)));
		assertThat(schema.getIndexes()).extracting(TableIndex::name)
			.containsExactly("gsitype", "gsi1", "gsi2", "gsi3", "gsi4");
		assertThat(schema.getIndexes()).contains(new TableIndex("gsi4", "gsi4pk", null));
	}

	@Test
	void anIndexDeclaredAgainWithOtherKeysFailsNamingBoth() {
		SingleTableSchema schema = SingleTableSchema.standard("things");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> schema.withIndexes(List.of(new TableIndex("gsi1", "other", "pk"))))
			.withMessage("Index 'gsi1' is declared twice with different keys: "
					+ "TableIndex[name=gsi1, partitionKey=gsi1pk, sortKey=pk] and "
					+ "TableIndex[name=gsi1, partitionKey=other, sortKey=pk]");
	}

	@Test
	void anIndexWithoutNameOrPartitionKeyIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TableIndex("", "pk", null))
			.withMessage("Index name must not be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> new TableIndex("gsi4", " ", null))
			.withMessage("Partition key attribute of index 'gsi4' must not be empty");
	}

}
