package dev.singletable.core.hierarchy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.mapping.InvalidEntityDefinitionException;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A hierarchy is validated whole when any of its types is first used by a hand-built template (issue 50): a concrete
 * type that stores a property under the discriminator's name makes every write of its siblings fail, with the
 * exception the root gets, before anything reaches the table; otherwise the siblings' items would be stored, and the
 * root could never read them.
 */
class HierarchyValidationIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension("singletable-hierarchy-validation");

	@SingleTableEntity(versioned = true)
	sealed interface Shipment permits Parcel, Pallet {

		String id();

		Long version();

	}

	record Parcel(@Id String id, @Version Long version, int grams) implements Shipment {
	}

	/** Stores its {@code type} where the hierarchy's discriminator is. */
	record Pallet(@Id String id, @Version Long version, String type) implements Shipment {
	}

	@Test
	void aBlockingTemplateRefusesToWriteAValidSiblingOfAnInvalidType() {
		SingleTableTemplate template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());

		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> template.create(new Parcel("s1", null, 500)))
			.satisfies((ex) -> assertThat(ex.getEntityType()).isEqualTo(Pallet.class))
			.withMessageContaining("stores a property as 'type', the discriminator naming the type of each item of "
					+ Shipment.class.getName());
		assertThat(dynamo.storedItem("Shipment#s1", "v0")).isEmpty();
		assertThat(dynamo.requests().total()).isZero();
		String rootRefusal = messageOf(() -> template.findById(Shipment.class, "s1"));
		assertThat(messageOf(() -> template.create(new Parcel("s1", null, 500)))).isEqualTo(rootRefusal);
	}

	@Test
	void aReactiveTemplateRefusesItTheSameWay() {
		DynamoDbAsyncClient client = DynamoDbLocal.newAsyncClient();
		try {
			ReactiveSingleTableTemplate template = new ReactiveSingleTableTemplate(client, dynamo.tableName());

			assertThatExceptionOfType(InvalidEntityDefinitionException.class)
				.isThrownBy(() -> template.create(new Parcel("s2", null, 700)).block())
				.satisfies((ex) -> assertThat(ex.getEntityType()).isEqualTo(Pallet.class))
				.withMessageContaining("stores a property as 'type'");
			assertThat(dynamo.storedItem("Shipment#s2", "v0")).isEmpty();
		}
		finally {
			client.close();
		}
	}

	private static String messageOf(Runnable operation) {
		try {
			operation.run();
		}
		catch (InvalidEntityDefinitionException ex) {
			return ex.getMessage();
		}
		throw new AssertionError("expected an InvalidEntityDefinitionException");
	}

}
