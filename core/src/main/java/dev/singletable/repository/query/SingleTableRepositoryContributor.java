package dev.singletable.repository.query;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.RuntimeBeanReference;
import org.springframework.core.KotlinDetector;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.data.repository.aot.generate.AotRepositoryClassBuilder;
import org.springframework.data.repository.aot.generate.AotRepositoryConstructorBuilder;
import org.springframework.data.repository.aot.generate.MethodContributor;
import org.springframework.data.repository.aot.generate.RepositoryContributor;
import org.springframework.data.repository.config.AotRepositoryContext;
import org.springframework.data.repository.core.RepositoryInformation;
import org.springframework.data.repository.core.support.RepositoryFactoryBeanSupport.FragmentCreationContext;
import org.springframework.data.repository.query.QueryMethod;
import org.springframework.javapoet.CodeBlock;
import org.springframework.javapoet.FieldSpec;
import org.springframework.javapoet.TypeName;
import org.springframework.util.StringUtils;

import dev.singletable.core.SingleTableOperations;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.mapping.KeyTemplate;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.repository.IndexQuery;

/**
 * Generates the AOT fragment of a blocking repository at {@code process-aot} ({@link ReactiveSingleTableRepositoryContributor}
 * of a reactive one): for each derived query method, the plan {@link SingleTableQueryCreator} makes, and for each
 * {@code @IndexQuery} and {@code @CollectionQuery} method its declaration, stated as code that builds the query when
 * the repository is created (a field of the fragment each, see {@link AotQuery.Builder}), and the method, which runs
 * it. A method it cannot plan is left to the reflective repository, which fails the start as it would without AOT.
 */
class SingleTableRepositoryContributor extends RepositoryContributor {

	private static final Log logger = LogFactory.getLog(SingleTableRepositoryContributor.class);

	/** The planned methods, each with the name of the fragment's field holding its query. */
	private final Map<Method, Planned> planned = new LinkedHashMap<>();

	/** The name of the template bean the repository runs on, as its configuration names it. */
	private final @Nullable String template;

	SingleTableRepositoryContributor(AotRepositoryContext context) {
		super(context);
		this.template = context.getConfigurationSource().getAttribute(templateAttribute()).orElse(null);
		SingleTableConverter converter = context.getBeanFactory()
			.getBeanProvider(SingleTableConverter.class)
			.getIfUnique(() -> new MappingSingleTableConverter(new SingleTableMappingContext()));
		int field = 0;
		for (Method method : getRepositoryInformation().getQueryMethods()) {
			String name = "query" + field + "_" + method.getName();
			Planned planned = plan(method, name, converter);
			if (planned != null) {
				this.planned.put(method, planned);
				field++;
			}
		}
	}

	/**
	 * The context of a reactive repository as Spring Data's fragment generation reads it: its repository information
	 * says the repository is not reactive, since Spring Data 4.1 generates no method of a reactive repository (it
	 * has no reactive AOT repositories of its own); the methods this contributor generates run on the reactive
	 * template and return what the reactive repository's would.
	 */
	static AotRepositoryContext generatingMethods(AotRepositoryContext context) {
		RepositoryInformation information = context.getRepositoryInformation();
		RepositoryInformation generated = delegate(RepositoryInformation.class, information,
				(method) -> method.getName().equals("isReactiveRepository") ? Boolean.FALSE : null);
		return delegate(AotRepositoryContext.class, context,
				(method) -> method.getName().equals("getRepositoryInformation") ? generated : null);
	}

	/** A proxy of an interface answering what {@code override} answers, the rest from the target. */
	@SuppressWarnings("unchecked")
	private static <T> T delegate(Class<T> type, T target, Function<Method, @Nullable Object> override) {
		return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, method, arguments) -> {
			Object answer = (method.getParameterCount() == 0) ? override.apply(method) : null;
			if (answer != null) {
				return answer;
			}
			try {
				return method.invoke(target, arguments);
			}
			catch (InvocationTargetException ex) {
				throw ex.getTargetException();
			}
		});
	}

	/** Plans a method as the reflective repository would, or {@literal null} to leave it to it. */
	private @Nullable Planned plan(Method method, String field, SingleTableConverter converter) {
		if (KotlinDetector.isSuspendingFunction(method) || Modifier.isStatic(method.getModifiers())
				|| method.isDefault() || !generates(method.getReturnType())) {
			return null;
		}
		try {
			CollectionQueryMethod collection = CollectionQueryMethod.of(method, getRepositoryInformation(),
					getProjectionFactory(), reactive(), converter);
			if (collection != null) {
				return new Planned(field, collection, collectionCode(method, collection),
						Map.of("index", collection.index(), "collection",
								collection.types().stream().map(Class::getSimpleName).toList()));
			}
			SingleTableQueryMethod queryMethod = queryMethod(method);
			SingleTablePersistentEntity<?> entity = converter
				.getRequiredEntity(queryMethod.getEntityInformation().getJavaType());
			IndexQuery declaration = queryMethod.getIndexQuery();
			if (declaration != null) {
				new DeclaredIndexBinding(queryMethod, entity);
				AbstractSingleTableQuery.check(queryMethod, converter);
				return new Planned(field, queryMethod, indexQueryCode(method, declaration, entity),
						Map.of("index", StringUtils.hasText(declaration.index()) ? declaration.index() : "table",
								"sort", declaration.sort().name()));
			}
			PartTreeBinding binding = new PartTreeBinding(queryMethod, entity);
			AbstractSingleTableQuery.check(queryMethod, converter);
			return new Planned(field, queryMethod, planCode(method, binding), metadata(binding));
		}
		catch (RuntimeException ex) {
			// the reflective repository fails the start with the same exception
			logger.debug("Leaving " + method + " to the reflective repository: " + ex.getMessage());
			return null;
		}
	}

	/** Whether the repository is reactive. */
	boolean reactive() {
		return false;
	}

	/** Whether a method returning a type is one the fragment runs: a blocking one, returning no reactive type. */
	boolean generates(Class<?> returned) {
		return ReactiveAdapterRegistry.getSharedInstance().getAdapter(returned) == null;
	}

	/** The query method of a derived or {@code @IndexQuery} method, as the lookup strategy creates it. */
	SingleTableQueryMethod queryMethod(Method method) {
		return new SingleTableQueryMethod(method, getRepositoryInformation(), getProjectionFactory());
	}

	/** The attribute of the configuration naming the template bean. */
	String templateAttribute() {
		return "singleTableTemplateRef";
	}

	/** The superclass of the generated fragment. */
	Class<?> fragmentSupport() {
		return SingleTableAotRepositoryFragmentSupport.class;
	}

	/** The template type the fragment is created with. */
	Class<?> operations() {
		return SingleTableOperations.class;
	}

	@Override
	protected void customizeClass(AotRepositoryClassBuilder builder) {
		builder.customize((type) -> {
			type.superclass(fragmentSupport());
			this.planned.values()
				.forEach((planned) -> type.addField(FieldSpec
					.builder(AotQuery.class, planned.field(), javax.lang.model.element.Modifier.PRIVATE,
						javax.lang.model.element.Modifier.FINAL)
					.build()));
		});
	}

	@Override
	protected void customizeConstructor(AotRepositoryConstructorBuilder builder) {
		// the template the configuration names, as the reflective repository's, not any of its type
		String template = this.template;
		builder.addParameter("operations", operations(), (parameter) -> {
			if (template != null) {
				parameter.bindToField().origin(new RuntimeBeanReference(template));
			}
		});
		builder.addParameter("context", FragmentCreationContext.class, false);
		builder.customize((code) -> {
			code.addStatement("super(operations, context)");
			this.planned.values()
				.forEach((planned) -> code.addStatement("this.$L = $L", planned.field(), planned.code()));
		});
	}

	/** The start of the code building a method's query: the method, found by its name and parameter types. */
	private static CodeBlock.Builder start(String kind, Method method) {
		CodeBlock.Builder code = CodeBlock.builder();
		code.add("$L($S", kind, method.getName());
		for (Class<?> type : method.getParameterTypes()) {
			code.add(", $T.class", TypeName.get(type).withoutAnnotations());
		}
		code.add(")");
		code.indent().indent();
		return code;
	}

	/** The code that builds an {@code @IndexQuery} method's query from its declaration. */
	private static CodeBlock indexQueryCode(Method method, IndexQuery declaration,
			SingleTablePersistentEntity<?> entity) {
		return start("declared", method)
			.add("\n.indexQuery($S, $T.$L, $L)", declaration.index(), IndexQuery.SortCondition.class,
					declaration.sort().name(), declaration.descending())
			.add("\n.mapped($L)", AotQuery.mapping(entity))
			.add("\n.build()")
			.unindent()
			.unindent()
			.build();
	}

	/** The code that builds a {@code @CollectionQuery} method's query from its declaration. */
	private static CodeBlock collectionCode(Method method, CollectionQueryMethod collection) {
		CodeBlock.Builder code = start("declared", method).add("\n.collectionQuery($S", collection.index());
		collection.types().forEach((type) -> code.add(", $T.class", type));
		return code.add(")").add("\n.build()").unindent().unindent().build();
	}

	/** The code that builds a method's plan, as {@link AotQuery.Builder} reads it. */
	private static CodeBlock planCode(Method method, PartTreeBinding binding) {
		CodeBlock.Builder code = start("derived", method);
		QueryPlan plan = binding.plan();
		if (plan == null) {
			code.add("\n.idLookup()");
		}
		else {
			KeyTemplate partition = plan.partition();
			code.add("\n.partition($S, $S, $T.$L$L)", plan.index(), partition.toString(), KeyTemplate.Role.class,
					partition.getRole().name(), arguments(plan.partitionArguments()));
			QueryPlan.PartitionIn in = plan.in();
			if (in != null) {
				KeyTemplate order = in.order();
				code.add("\n.partitionIn($S, $L, $S, $T.$L)", in.property(), in.argument(),
						(order != null) ? order.toString() : null, KeyTemplate.Role.class,
						(order != null) ? order.getRole().name() : KeyTemplate.Role.SORT.name());
			}
			QueryPlan.SortCondition sort = plan.sort();
			if (sort != null) {
				code.add("\n.sort($T.$L, $S, $T.$L, $L$L)", org.springframework.data.repository.query.parser.Part.Type.class,
						sort.type().name(), sort.template().toString(), KeyTemplate.Role.class,
						sort.template().getRole().name(), sort.prefixOnly(), arguments(sort.arguments()));
			}
			for (QueryPlan.FilterCondition filter : plan.filters()) {
				code.add("\n.filter($S, $T.$L, $L, $L, $L)", filter.path(),
						org.springframework.data.repository.query.parser.Part.Type.class, filter.type().name(),
						filter.arguments(), filter.firstArgument(), filter.serverSide());
			}
			if (plan.ascending() != null) {
				code.add("\n.ascending($L)", plan.ascending());
			}
			if (!plan.sparseProperties().isEmpty()) {
				code.add("\n.sparse($L)", String.join(", ",
						plan.sparseProperties().stream().map((property) -> CodeBlock.of("$S", property).toString())
							.toList()));
			}
		}
		PartTreeBinding.Shape shape = binding.shape();
		code.add("\n.shape($L, $L, $L, $L)", shape.delete(), shape.count(), shape.exists(), shape.maxResults());
		code.add("\n.mapped($L)", AotQuery.mapping(binding.entity()));
		code.add("\n.build()");
		code.unindent().unindent();
		return code.build();
	}

	private static String arguments(List<Integer> arguments) {
		StringBuilder text = new StringBuilder();
		arguments.forEach((argument) -> text.append(", ").append(argument));
		return text.toString();
	}

	@Override
	protected @Nullable MethodContributor<? extends QueryMethod> contributeQueryMethod(Method method) {
		Planned planned = this.planned.get(method);
		if (planned == null) {
			return null;
		}
		Map<String, Object> metadata = planned.metadata();
		return MethodContributor.forQueryMethod(planned.queryMethod())
			.withMetadata(() -> metadata)
			.contribute((context) -> {
				List<String> parameters = new ArrayList<>(context.getAllParameterNames());
				CodeBlock call = CodeBlock.of("execute(this.$L, new Object[] { $L })", planned.field(),
						String.join(", ", parameters));
				Class<?> returned = method.getReturnType();
				if (returned == void.class) {
					return CodeBlock.builder().addStatement("$L", call).build();
				}
				TypeName type = TypeName.get(method.getGenericReturnType()).box();
				return CodeBlock.builder().addStatement("return ($T) $L", type, call).build();
			});
	}

	private static Map<String, Object> metadata(PartTreeBinding binding) {
		Map<String, Object> serialized = new LinkedHashMap<>();
		QueryPlan plan = binding.plan();
		if (plan == null) {
			serialized.put("read", "by id");
		}
		else {
			serialized.put("index", plan.index());
			serialized.put("partition", plan.partition().toString());
			if (plan.sort() != null) {
				serialized.put("sort", plan.sort().type() + " " + plan.sort().template());
			}
			if (!plan.filters().isEmpty()) {
				serialized.put("filters", plan.filters().stream().map((filter) -> filter.path() + " " + filter.type())
					.toList());
			}
		}
		return serialized;
	}

	/**
	 * A method the fragment runs.
	 * @param field the name of the fragment's field holding its query
	 * @param queryMethod the query method
	 * @param code the code building its query
	 * @param metadata what the repository's metadata JSON says of it
	 */
	private record Planned(String field, QueryMethod queryMethod, CodeBlock code, Map<String, Object> metadata) {
	}

}
