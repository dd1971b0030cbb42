package dev.singletable.repository.query;

import java.lang.reflect.Field;

import dev.singletable.core.internal.query.QuerySpec;
import dev.singletable.core.spi.QueryDefinition;

/**
 * What a bound {@link QueryDefinition} holds, for tests that check a binding's index, keys and order: the SPI value is
 * opaque to the repository support, which only hands it to a template's query.
 */
final class QuerySpecs {

	private QuerySpecs() {
	}

	static QuerySpec of(QueryDefinition query) {
		try {
			Field spec = QueryDefinition.class.getDeclaredField("spec");
			spec.setAccessible(true);
			return (QuerySpec) spec.get(query);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("QueryDefinition no longer wraps a QuerySpec in 'spec'", ex);
		}
	}

}
