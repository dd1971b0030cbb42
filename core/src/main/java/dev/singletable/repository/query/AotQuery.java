package dev.singletable.repository.query;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.data.projection.ProjectionFactory;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.query.RepositoryQuery;
import org.springframework.data.repository.query.parser.Part;
import org.springframework.data.repository.util.QueryExecutionConverters;
import org.springframework.util.Assert;

import dev.singletable.core.spi.IndexOrdering;
import dev.singletable.core.spi.QueryDefinition;
import dev.singletable.core.mapping.IndexDefinition;
import dev.singletable.core.mapping.KeyTemplate;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.repository.IndexQuery;

/**
 * A query method of an AOT repository: for a derived method, the plan {@link SingleTableQueryCreator} made for it at
 * {@code process-aot}; for an {@link dev.singletable.repository.IndexQuery @IndexQuery} or
 * {@link dev.singletable.repository.CollectionQuery @CollectionQuery} method, its declaration. The generated code
 * states either, it is bound to the template (blocking or reactive) when the repository is created and run as the
 * reflective repository runs the method. No method name is parsed, no annotation read and no index chosen at run
 * time; only when the entity was mapped otherwise at build time (another compression setting, other indexes: see
 * {@link Builder#mapped(int)}) is a derived method planned again from its name, so that it behaves as the reflective
 * one. Generated code builds it through {@link SingleTableAotRepositoryFragmentSupport#derived} and
 * {@link SingleTableAotRepositoryFragmentSupport#declared}; applications do not use it.
 */
public final class AotQuery {

	private static final Log logger = LogFactory.getLog(AotQuery.class);

	/** What binds the method's query at its first call; {@literal null} once it is bound. */
	private @Nullable Builder builder;

	/** The method's query, bound to the template: at once, or at the method's first call. */
	private volatile @Nullable Bound bound;

	/** A method bound at its first call (no lambda: one would be spun for each repository's start). */
	private AotQuery(Builder builder) {
		this.builder = builder;
	}

	/** A method bound at once. */
	private AotQuery(RepositoryQuery query, Method method) {
		this.bound = new Bound(query, method);
	}

	private Bound bound() {
		Bound bound = this.bound;
		if (bound == null) {
			synchronized (this) {
				bound = this.bound;
				if (bound == null) {
					Builder builder = this.builder;
					Assert.state(builder != null, "An unbound query method has its builder");
					bound = new Bound(builder.bind(), builder.method);
					this.bound = bound;
					this.builder = null;
				}
			}
		}
		return bound;
	}

	/**
	 * Runs the method with the arguments of a call: its answer converted to the method's return type as the
	 * reflective repository's is ({@code Optional}, other collection and wrapper types).
	 * @param arguments the arguments
	 * @return what the method returns
	 */
	@Nullable Object execute(Object[] arguments) {
		Bound bound = bound();
		Object result = bound.query().execute(arguments);
		TypeDescriptor returned = bound.returned();
		Class<?> type = returned.getType();
		if ((result != null && type.isInstance(result)) || type == void.class || type.isPrimitive()) {
			return result;
		}
		if (result == null && !QueryExecutionConverters.supports(type)) {
			return null;
		}
		return Conversions.service.convert(result, TypeDescriptor.forObject(result), returned);
	}

	/**
	 * A method's query bound to the template, and the type its method returns.
	 */
	private record Bound(RepositoryQuery query, TypeDescriptor returned) {

		Bound(RepositoryQuery query, Method method) {
			this(query, new TypeDescriptor(new MethodParameter(method, -1)));
		}

	}

	/**
	 * Turns what a query answers into what its method returns, as Spring Data does for its query methods: made at
	 * the first call of a query method that needs it.
	 */
	private static final class Conversions {

		private static final DefaultConversionService service = create();

		private static DefaultConversionService create() {
			DefaultConversionService conversions = new DefaultConversionService();
			QueryExecutionConverters.registerConvertersIn(conversions);
			return conversions;
		}

	}

	/**
	 * A fingerprint of what a plan depends on in the entity's mapping besides its class: compression, prefix and
	 * index definitions.
	 * @param entity the entity
	 * @return the fingerprint
	 */
	static int mapping(SingleTablePersistentEntity<?> entity) {
		// the text of the declarations as the records print it, written out: a record's toString (and a string
		// concatenation) is bootstrapped through method handles at its first call, which cost the repository's
		// start about 30 generated classes in an AOT application, where this runs for each query method
		StringBuilder text = new StringBuilder().append(entity.isCompressed())
			.append('|')
			.append(entity.getPrefix())
			.append("|[");
		List<IndexDefinition> indexes = entity.getIndexDefinitions();
		for (int i = 0; i < indexes.size(); i++) {
			IndexDefinition index = indexes.get(i);
			text.append((i > 0) ? ", " : "")
				.append("IndexDefinition[index=")
				.append(index.index())
				.append(", partitionAttribute=")
				.append(index.partitionAttribute())
				.append(", sortAttribute=")
				.append(index.sortAttribute())
				.append(", sortWritten=")
				.append(index.sortWritten())
				.append(", partition=")
				.append(index.partition())
				.append(", sort=")
				.append(index.sort())
				.append(", method=")
				.append(index.method())
				.append(", allowMissingSort=")
				.append(index.allowMissingSort())
				.append(']');
		}
		return text.append(']').toString().hashCode();
	}

	/**
	 * The plan of one method, as generated code states it.
	 */
	public static final class Builder {

		private final Method method;

		private final RepositoryMetadata metadata;

		private final ProjectionFactory projections;

		private final AotQueryTarget target;

		private boolean idLookup;

		private @Nullable String declaredIndex;

		/** Set with {@link #declaredIndex} ({@link #indexQuery}): not loaded for a repository without one. */
		private IndexQuery.@Nullable SortCondition declaredSort;

		private boolean declaredDescending;

		private @Nullable String collectionIndex;

		private Class<?>[] collectionTypes = new Class<?>[0];

		private @Nullable String index;

		private @Nullable KeyTemplate partition;

		private List<Integer> partitionArguments = List.of();

		private QueryPlan.@Nullable SortCondition sort;

		private final List<QueryPlan.FilterCondition> filters = new ArrayList<>();

		private @Nullable Boolean ascending;

		private QueryPlan.@Nullable PartitionIn in;

		private List<String> sparse = List.of();

		private boolean delete;

		private boolean count;

		private boolean exists;

		private @Nullable Integer maxResults;

		private int mapping;

		Builder(Method method, RepositoryMetadata metadata, ProjectionFactory projections, AotQueryTarget target) {
			this.method = method;
			this.metadata = metadata;
			this.projections = projections;
			this.target = target;
		}

		/**
		 * The method's {@link IndexQuery @IndexQuery} declaration, as it was at build time.
		 * @param index the index, empty for the table
		 * @param sort the sort key condition
		 * @param descending whether it reads in descending order
		 * @return this builder
		 */
		public Builder indexQuery(String index, IndexQuery.SortCondition sort, boolean descending) {
			this.declaredIndex = index;
			this.declaredSort = sort;
			this.declaredDescending = descending;
			return this;
		}

		/**
		 * The method's {@link dev.singletable.repository.CollectionQuery @CollectionQuery} declaration, as it was at
		 * build time.
		 * @param index the index
		 * @param types the types of the collection
		 * @return this builder
		 */
		public Builder collectionQuery(String index, Class<?>... types) {
			this.collectionIndex = index;
			this.collectionTypes = types.clone();
			return this;
		}

		/**
		 * The method reads one resource by its id.
		 * @return this builder
		 */
		public Builder idLookup() {
			this.idLookup = true;
			return this;
		}

		/**
		 * The index the method reads and its partition key.
		 * @param index the index name
		 * @param template the partition key template's source
		 * @param role the template's role
		 * @param arguments for each property of the template the method sets, the index of its argument
		 * @return this builder
		 */
		public Builder partition(String index, String template, KeyTemplate.Role role, int... arguments) {
			this.index = index;
			this.partition = KeyTemplate.parse(template, role);
			this.partitionArguments = indexes(arguments);
			return this;
		}

		/**
		 * An {@code In} on a partition property: one partition per value.
		 * @param property the property
		 * @param argument the index of the argument holding the values
		 * @param order the source of the index's sort key template the results are merged by, or {@literal null}
		 * @param role the role of that template
		 * @return this builder
		 */
		public Builder partitionIn(String property, int argument, @Nullable String order, KeyTemplate.Role role) {
			this.in = new QueryPlan.PartitionIn(property, argument, (order != null) ? KeyTemplate.parse(order, role) : null);
			return this;
		}

		/**
		 * The condition on the sort key.
		 * @param type the operator
		 * @param template the sort key template's source
		 * @param role the template's role
		 * @param prefixOnly whether the condition is {@code begins_with} on the leading properties
		 * @param arguments the argument indexes of the leading properties or operands
		 * @return this builder
		 */
		public Builder sort(Part.Type type, String template, KeyTemplate.Role role, boolean prefixOnly,
				int... arguments) {
			this.sort = new QueryPlan.SortCondition(type, KeyTemplate.parse(template, role), indexes(arguments),
					prefixOnly);
			return this;
		}

		/**
		 * A predicate no key covers.
		 * @param path the property path
		 * @param type the operator
		 * @param arguments how many arguments it takes
		 * @param firstArgument the index of its first argument
		 * @param serverSide whether DynamoDB evaluates it
		 * @return this builder
		 */
		public Builder filter(String path, Part.Type type, int arguments, int firstArgument, boolean serverSide) {
			int dot = path.indexOf('.');
			String segment = (dot < 0) ? path : path.substring(0, dot);
			this.filters.add(new QueryPlan.FilterCondition(segment, path, type, arguments, firstArgument, serverSide));
			return this;
		}

		/**
		 * The order the method name asks for.
		 * @param ascending {@literal true} or {@literal false}, {@literal null} for the index's order
		 * @return this builder
		 */
		public Builder ascending(@Nullable Boolean ascending) {
			this.ascending = ascending;
			return this;
		}

		/**
		 * The properties an {@code IsNotNull} asks for that the index holds in its keys.
		 * @param properties the properties
		 * @return this builder
		 */
		public Builder sparse(String... properties) {
			this.sparse = List.of(properties);
			return this;
		}

		/**
		 * What the method does with what it reads.
		 * @param delete whether it deletes it
		 * @param count whether it counts it
		 * @param exists whether it asks whether there is any
		 * @param maxResults the fixed maximum number of results ({@code First}/{@code Top}), or {@literal null}
		 * @return this builder
		 */
		public Builder shape(boolean delete, boolean count, boolean exists, @Nullable Integer maxResults) {
			this.delete = delete;
			this.count = count;
			this.exists = exists;
			this.maxResults = maxResults;
			return this;
		}

		/**
		 * The fingerprint of the entity's mapping the plan or declaration was checked for.
		 * @param mapping the fingerprint
		 * @return this builder
		 */
		public Builder mapped(int mapping) {
			this.mapping = mapping;
			return this;
		}

		/**
		 * Binds the plan to the template. A derived or {@code @IndexQuery} method whose plan or declaration was
		 * checked at build time for the entity's mapping as it is now is bound at its first call: {@code process-aot}
		 * made and checked the same binding from the same declarations, so making it at start could not fail and would
		 * only cost the start (its query method, parameters and result projection). Any other method (one checked
		 * for another mapping, a {@code @CollectionQuery}, whose types are more than the one entity the fingerprint
		 * covers) is bound at once, failing the repository's creation as the reflective repository's would.
		 * @return the query method
		 */
		public AotQuery build() {
			if (this.collectionIndex == null
					&& mapping(this.target.converter().getRequiredEntity(domainType())) == this.mapping) {
				return new AotQuery(this);
			}
			return new AotQuery(bind(), this.method);
		}

		/** The entity a query method reads, as {@code QueryMethod} finds it, without making one. */
		private Class<?> domainType() {
			Class<?> repositoryDomain = this.metadata.getDomainType();
			Class<?> returnedDomain = this.metadata.getReturnedDomainClass(this.method);
			return repositoryDomain.isAssignableFrom(returnedDomain) ? returnedDomain : repositoryDomain;
		}

		private RepositoryQuery bind() {
			AotQueryTarget target = this.target;
			if (this.collectionIndex != null) {
				CollectionQueryMethod collection = CollectionQueryMethod.declared(this.method, this.metadata,
						this.projections, this.collectionIndex, this.collectionTypes, target.reactive(),
						target.converter());
				return target.collection(collection);
			}
			SingleTableQueryMethod queryMethod = target.queryMethod(this.method, this.metadata, this.projections);
			SingleTablePersistentEntity<?> entity = target.converter()
				.getRequiredEntity(queryMethod.getEntityInformation().getJavaType());
			if (this.declaredIndex != null && this.declaredSort != null) {
				QueryBinding binding = new DeclaredIndexBinding(queryMethod, entity, this.declaredIndex,
						this.declaredSort, this.declaredDescending);
				return target.query(queryMethod, entity, binding);
			}
			if (mapping(entity) != this.mapping) {
				logger.debug(queryMethod.describe() + " was planned at build time for another mapping of "
						+ entity.getType().getName() + ": planning it again from its name");
				return target.reflective(this.method, this.metadata, this.projections);
			}
			QueryPlan plan = null;
			if (!this.idLookup) {
				String index = this.index;
				KeyTemplate partition = this.partition;
				Assert.state(index != null && partition != null, "A derived query plan needs an index and a partition");
				plan = new QueryPlan(entity, index, partition, this.partitionArguments, this.sort,
						IndexOrdering.of(entity, index), List.copyOf(this.filters), this.ascending, this.in, this.sparse,
						QueryDefinition.of(entity).withIndex(index));
			}
			PartTreeBinding binding = new PartTreeBinding(queryMethod, entity, plan,
					new PartTreeBinding.Shape(this.delete, this.count, this.exists, this.maxResults));
			return target.query(queryMethod, entity, binding);
		}

		private static List<Integer> indexes(int[] arguments) {
			List<Integer> list = new ArrayList<>(arguments.length);
			for (int argument : arguments) {
				list.add(argument);
			}
			return List.copyOf(list);
		}

	}

}
