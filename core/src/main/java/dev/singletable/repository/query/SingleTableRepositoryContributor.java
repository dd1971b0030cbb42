package dev.singletable.repository.query;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.KotlinDetector;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.data.repository.aot.generate.AotRepositoryClassBuilder;
import org.springframework.data.repository.aot.generate.AotRepositoryConstructorBuilder;
import org.springframework.data.repository.aot.generate.MethodContributor;
import org.springframework.data.repository.aot.generate.QueryMetadata;
import org.springframework.data.repository.aot.generate.RepositoryContributor;
import org.springframework.data.repository.config.AotRepositoryContext;
import org.springframework.data.repository.core.support.RepositoryFactoryBeanSupport.FragmentCreationContext;
import org.springframework.data.repository.query.QueryMethod;
import org.springframework.javapoet.CodeBlock;
import org.springframework.javapoet.FieldSpec;
import org.springframework.javapoet.TypeName;

import dev.singletable.core.SingleTableOperations;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.mapping.KeyTemplate;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;

/**
 * Generates the AOT fragment of a blocking repository at {@code process-aot}: for each derived query method, the plan
 * {@link SingleTableQueryCreator} makes, stated as code that builds it when the repository is created (a field of
 * the fragment each, see {@link AotQuery.Builder}), and the method, which runs it. A method it cannot plan is left to
 * the reflective repository, which fails the start as it would without AOT; so are {@code @IndexQuery} and
 * {@code @CollectionQuery} methods, which parse nothing by name.
 */
class SingleTableRepositoryContributor extends RepositoryContributor {

	private static final Log logger = LogFactory.getLog(SingleTableRepositoryContributor.class);

	/** The planned methods, each with the name of the fragment's field holding its query. */
	private final Map<Method, Planned> planned = new LinkedHashMap<>();

	SingleTableRepositoryContributor(AotRepositoryContext context) {
		super(context);
		SingleTableConverter converter = context.getBeanFactory()
			.getBeanProvider(SingleTableConverter.class)
			.getIfUnique(() -> new MappingSingleTableConverter(new SingleTableMappingContext()));
		int field = 0;
		for (Method method : getRepositoryInformation().getQueryMethods()) {
			PartTreeBinding binding = plan(method, converter);
			if (binding != null) {
				this.planned.put(method, new Planned("query" + field++ + "_" + method.getName(), binding));
			}
		}
	}

	/** Plans a derived method as the reflective repository would, or {@literal null} to leave it to it. */
	private @Nullable PartTreeBinding plan(Method method, SingleTableConverter converter) {
		if (KotlinDetector.isSuspendingFunction(method)
				|| ReactiveAdapterRegistry.getSharedInstance().getAdapter(method.getReturnType()) != null
				|| Modifier.isStatic(method.getModifiers()) || method.isDefault()) {
			return null;
		}
		try {
			SingleTableQueryMethod queryMethod = new SingleTableQueryMethod(method, getRepositoryInformation(),
					getProjectionFactory());
			if (queryMethod.getIndexQuery() != null || CollectionQueryMethod.of(method, getRepositoryInformation(),
					getProjectionFactory(), false, converter) != null) {
				return null;
			}
			SingleTablePersistentEntity<?> entity = converter
				.getRequiredEntity(queryMethod.getEntityInformation().getJavaType());
			PartTreeBinding binding = new PartTreeBinding(queryMethod, entity);
			AbstractSingleTableQuery.check(queryMethod, converter);
			return binding;
		}
		catch (RuntimeException ex) {
			// the reflective repository fails the start with the same exception
			logger.debug("Leaving " + method + " to the reflective repository: " + ex.getMessage());
			return null;
		}
	}

	@Override
	protected void customizeClass(AotRepositoryClassBuilder builder) {
		builder.customize((type) -> {
			type.superclass(SingleTableAotRepositoryFragmentSupport.class);
			this.planned.values()
				.forEach((planned) -> type.addField(FieldSpec
					.builder(AotQuery.class, planned.field(), javax.lang.model.element.Modifier.PRIVATE,
						javax.lang.model.element.Modifier.FINAL)
					.build()));
		});
	}

	@Override
	protected void customizeConstructor(AotRepositoryConstructorBuilder builder) {
		builder.addParameter("operations", SingleTableOperations.class);
		builder.addParameter("context", FragmentCreationContext.class, false);
		builder.customize((code) -> {
			code.addStatement("super(operations, context)");
			this.planned.forEach((method, planned) -> code.addStatement("this.$L = $L", planned.field(),
					planCode(method, planned.binding())));
		});
	}

	/** The code that builds a method's plan, as {@link AotQuery.Builder} reads it. */
	private static CodeBlock planCode(Method method, PartTreeBinding binding) {
		CodeBlock.Builder code = CodeBlock.builder();
		code.add("derived($S", method.getName());
		for (Class<?> type : method.getParameterTypes()) {
			code.add(", $T.class", TypeName.get(type).withoutAnnotations());
		}
		code.add(")");
		code.indent().indent();
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
		SingleTableQueryMethod queryMethod = new SingleTableQueryMethod(method, getRepositoryInformation(),
				getProjectionFactory());
		return MethodContributor.forQueryMethod(queryMethod)
			.withMetadata(metadata(planned.binding()))
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

	private static QueryMetadata metadata(PartTreeBinding binding) {
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
		return () -> serialized;
	}

	private record Planned(String field, PartTreeBinding binding) {
	}

}
