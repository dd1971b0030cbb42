package dev.singletable.autoconfigure.diagnostics;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * Explains a start-up that failed because a bean of the reactive API (a {@code ReactiveSingleTableRepository}, the
 * {@code ReactiveSingleTableOperations}, a coroutine repository of a singletable entity…) was wanted and the reactive
 * API was not configured because a library it needs is missing: Reactor, or the AWS SDK's Netty HTTP client that the
 * {@code DynamoDbAsyncClient} sends with. It names the library and the starter to add; when both are present it leaves
 * the failure to Spring Boot's own analysis. It runs before Boot's analysis of a missing bean, which would only
 * suggest declaring the repository as a bean.
 */
class ReactiveApiUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<NoSuchBeanDefinitionException>
		implements Ordered {

	static final String REACTOR = "reactor.core.publisher.Flux";

	static final String NETTY_CLIENT = "software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient";

	static final String REACTIVE_STARTER = "dev.singletable:singletable-spring-boot-starter-reactive";

	/** singletable's reactive types: wanting one of them means wanting the reactive API. */
	private static final String[] REACTIVE_TYPES = { "dev.singletable.core.reactive.ReactiveSingleTableOperations",
			"dev.singletable.repository.reactive.ReactiveSingleTableRepository",
			"dev.singletable.repository.reactive.ReactiveReadOnlySingleTableRepository",
			"dev.singletable.events.ReactiveSingleTableChangeStream",
			"software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient" };

	/** Spring Data's reactive repositories: the reactive API's when their domain type is a singletable entity. */
	private static final String[] STORE_NEUTRAL_REPOSITORIES = {
			"org.springframework.data.repository.reactive.ReactiveCrudRepository",
			"org.springframework.data.repository.reactive.ReactiveSortingRepository",
			"org.springframework.data.repository.kotlin.CoroutineCrudRepository",
			"org.springframework.data.repository.kotlin.CoroutineSortingRepository" };

	private static final String ENTITY = "dev.singletable.core.mapping.SingleTableEntity";

	private final @Nullable ClassLoader classLoader;

	/** Creates the analyzer, which looks libraries up in the thread's context class loader (the application's). */
	ReactiveApiUnavailableFailureAnalyzer() {
		this(null);
	}

	ReactiveApiUnavailableFailureAnalyzer(@Nullable ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause) {
		Class<?> wanted = wanted(cause);
		if (wanted == null || !isReactiveApi(wanted)) {
			return null;
		}
		String missing = !ClassUtils.isPresent(REACTOR, this.classLoader) ? "io.projectreactor:reactor-core"
				: !ClassUtils.isPresent(NETTY_CLIENT, this.classLoader) ? "software.amazon.awssdk:netty-nio-client"
						: null;
		if (missing == null) {
			return null;
		}
		String description = "No bean of type " + wanted.getName() + " exists: singletable's reactive API (the "
				+ "ReactiveSingleTableTemplate, reactive and coroutine repositories, reactive transactions) needs "
				+ missing + ", which is not on the class path"
				+ (missing.endsWith("netty-nio-client") ? " (the HTTP client of the DynamoDbAsyncClient it sends with)"
						: "")
				+ ", so it was not configured.";
		String action = "Add " + REACTIVE_STARTER + " to the application's dependencies (it brings Reactor and the "
				+ "SDK's Netty client), or add " + missing + " itself"
				+ (missing.endsWith("netty-nio-client") ? ", or declare a DynamoDbAsyncClient bean" : "") + ".";
		return new FailureAnalysis(description, action, cause);
	}

	private static @Nullable Class<?> wanted(NoSuchBeanDefinitionException cause) {
		ResolvableType type = cause.getResolvableType();
		return (type != null) ? type.resolve() : null;
	}

	private boolean isReactiveApi(Class<?> wanted) {
		for (String name : REACTIVE_TYPES) {
			Class<?> type = resolve(name);
			if (type != null && type.isAssignableFrom(wanted)) {
				return true;
			}
		}
		Class<?> entity = resolve(ENTITY);
		for (String name : STORE_NEUTRAL_REPOSITORIES) {
			Class<?> repository = resolve(name);
			if (repository != null && entity != null && repository.isAssignableFrom(wanted)) {
				Class<?> domain = ResolvableType.forClass(wanted).as(repository).resolveGeneric(0);
				@SuppressWarnings("unchecked")
				boolean singleTable = domain != null && domain
					.isAnnotationPresent((Class<? extends java.lang.annotation.Annotation>) entity);
				if (singleTable) {
					return true;
				}
			}
		}
		return false;
	}

	private @Nullable Class<?> resolve(String name) {
		return ClassUtils.isPresent(name, this.classLoader) ? ClassUtils.resolveClassName(name, this.classLoader)
				: null;
	}

}
