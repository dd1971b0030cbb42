package dev.singletable.core.convert;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.InvalidEntityDefinitionException;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The converter whose storage mapper is built at first use (an application processed ahead of time): nothing of
 * Jackson is built while the application starts, the repositories get their known entity types without it, and the
 * first read or write builds it once and checks the types as the eager converter does at creation.
 */
class MappingSingleTableConverterDeferredUnitTests {

	private final AtomicInteger built = new AtomicInteger();

	private final Supplier<JsonMapper> storageMapper = () -> {
		this.built.incrementAndGet();
		return StorageJsonMapper.builder().build();
	};

	@Test
	void theStorageMapperIsBuiltAtTheFirstWriteNotWhenTheConverterIsMade() {
		MappingSingleTableConverter converter = new MappingSingleTableConverter(context(Memo.class),
				this.storageMapper);
		assertThat(this.built).hasValue(0);

		Map<String, AttributeValue> body = converter.writeBody(new Memo("1", "hello"), null, Instant.now());

		assertThat(this.built).hasValue(1);
		assertThat(converter.read(Memo.class, body)).isEqualTo(new Memo("1", "hello"));
		converter.writeBody(new Memo("2", "again"), null, Instant.now());
		assertThat(this.built).hasValue(1);
	}

	@Test
	void aKnownTypeIsDescribedWithoutBuildingTheStorageMapper() {
		SingleTableMappingContext context = context(Memo.class);
		MappingSingleTableConverter converter = new MappingSingleTableConverter(context, this.storageMapper);

		SingleTablePersistentEntity<Memo> entity = converter.getRequiredEntity(Memo.class);

		assertThat(entity).isSameAs(context.getRequiredPersistentEntity(Memo.class));
		assertThat(this.built).hasValue(0);
	}

	@Test
	void anUnknownTypeIsCheckedAsTheEagerConverterChecksIt() {
		MappingSingleTableConverter converter = new MappingSingleTableConverter(context(Memo.class),
				this.storageMapper);

		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> converter.getRequiredEntity(String.class))
			.withMessageContaining("@SingleTableEntity");
		assertThat(this.built).hasValue(1);
	}

	@Test
	void anInvalidKnownTypeFailsAtTheFirstUseNamingItWhereTheEagerConverterFailsAtCreation() {
		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> new MappingSingleTableConverter(context(Memo.class, Clashing.class),
					StorageJsonMapper.builder().build()))
			.withMessageContaining(Clashing.class.getName())
			.withMessageContaining("'pk'");

		MappingSingleTableConverter deferred = new MappingSingleTableConverter(context(Memo.class, Clashing.class),
				this.storageMapper);
		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> deferred.writeBody(new Memo("1", "hello"), null, Instant.now()))
			.withMessageContaining(Clashing.class.getName())
			.withMessageContaining("'pk'");
		// not remembered as built: every use fails the same way until the type is fixed
		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> deferred.writeBody(new Memo("1", "hello"), null, Instant.now()));
		assertThat(this.built).hasValue(2);
	}

	@Test
	void theEagerConverterBuildsItsMapperWhenMade() {
		assertThatNoException().isThrownBy(() -> new MappingSingleTableConverter(context(Memo.class),
				this.storageMapper.get()));
		assertThat(this.built).hasValue(1);
	}

	static SingleTableMappingContext context(Class<?>... types) {
		SingleTableMappingContext context = new SingleTableMappingContext();
		context.setInitialEntitySet(Set.of(types));
		context.initialize();
		return context;
	}

	@SingleTableEntity
	record Memo(@Id String id, String text) {
	}

	@SingleTableEntity
	record Clashing(@Id String id, String pk) {
	}

}
