package dev.singletable.core.observation;

import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.micrometer.observation.Observation;

/**
 * What a {@link SingleTableObservation#OPERATION singletable operation} observation knows about its operation: the
 * table, the operation's name, the entity types it is about and the index it reads. Conventions and handlers read
 * it; the counters of {@link SingleTableMetrics} are tagged from it too.
 */
public class SingleTableObservationContext extends Observation.Context {

	/** The value of the index tag for operations on the table by key. */
	public static final String TABLE_INDEX = "table";

	private final String tableName;

	private final String operation;

	private final List<Class<?>> entityTypes;

	private final @Nullable String index;

	/**
	 * Creates a context.
	 * @param tableName the table
	 * @param operation the operation's name
	 * @param entityTypes the entity types the operation is about (empty for none)
	 * @param index the index read, {@literal null} for the table
	 */
	public SingleTableObservationContext(String tableName, String operation, List<Class<?>> entityTypes,
			@Nullable String index) {
		this.tableName = tableName;
		this.operation = operation;
		this.entityTypes = List.copyOf(entityTypes);
		this.index = index;
	}

	/**
	 * Returns the table name.
	 * @return the table name
	 */
	public String getTableName() {
		return this.tableName;
	}

	/**
	 * Returns the operation's name, such as {@code update} or {@code query.page}.
	 * @return the operation
	 */
	public String getOperation() {
		return this.operation;
	}

	/**
	 * Returns the entity types the operation is about.
	 * @return the types, empty when the operation names none
	 */
	public List<Class<?>> getEntityTypes() {
		return this.entityTypes;
	}

	/**
	 * Returns the index the operation reads.
	 * @return the index, {@literal null} for the table
	 */
	public @Nullable String getIndex() {
		return this.index;
	}

	/**
	 * Returns the entity types as one low-cardinality value: their simple names joined by {@code ,}, or
	 * {@code none}.
	 * @return the types' name
	 */
	public String getEntityTypeName() {
		if (this.entityTypes.isEmpty()) {
			return "none";
		}
		return (this.entityTypes.size() == 1) ? this.entityTypes.get(0).getSimpleName()
				: this.entityTypes.stream().map(Class::getSimpleName).sorted().distinct().collect(Collectors.joining(","));
	}

	/**
	 * Returns the index as a tag value: its name, or {@value #TABLE_INDEX}.
	 * @return the index's name
	 */
	public String getIndexName() {
		return (this.index != null) ? this.index : TABLE_INDEX;
	}

}
