package dev.singletable.autoconfigure.diagnostics;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanCreationException;

/**
 * Which AWS client a start-up failure comes from: the deepest bean in the chain of bean creation failures, told
 * apart as singletable's auto-configured DynamoDB and S3 clients (blocking or async) or a bean of the application.
 * The one rule the failure analyzers of a client that cannot be built use to name the property or bean that fixes
 * it.
 *
 * @param kind what the failed bean is
 * @param beanName the failed bean's name, or {@literal null} when the failure names no bean
 * @param resource where the bean is defined, or {@literal null} when unknown
 */
record FailedClient(Kind kind, @Nullable String beanName, @Nullable String resource) {

	/** Where singletable's auto-configurations are, as a resource description names them, dots for slashes. */
	private static final String PACKAGE = "dev.singletable.autoconfigure.";

	/** What the failed bean is. */
	enum Kind {

		/** The auto-configured {@code DynamoDbClient}, or a failure that names no bean. */
		DYNAMODB,

		/** The auto-configured {@code DynamoDbAsyncClient} of the reactive API. */
		DYNAMODB_ASYNC,

		/** The auto-configured {@code S3Client} of large fields. */
		S3,

		/** The auto-configured {@code S3AsyncClient} of large fields. */
		S3_ASYNC,

		/** A bean the application (or another library) defines. */
		OTHER

	}

	/**
	 * Finds the client a failure comes from.
	 * @param failure the start-up failure
	 * @return the failed client
	 */
	static FailedClient of(Throwable failure) {
		BeanCreationException deepest = null;
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof BeanCreationException creation && creation.getBeanName() != null) {
				deepest = creation;
			}
			if (candidate.getCause() == candidate) {
				break;
			}
		}
		if (deepest == null) {
			return new FailedClient(Kind.DYNAMODB, null, null);
		}
		String name = deepest.getBeanName();
		String resource = deepest.getResourceDescription();
		return new FailedClient(kind(name, resource), name, resource);
	}

	private static Kind kind(String name, @Nullable String resource) {
		if (isDefinedIn(resource, "SingleTableAutoConfiguration") && "dynamoDbClient".equals(name)) {
			return Kind.DYNAMODB;
		}
		if (isDefinedIn(resource, "SingleTableReactiveAutoConfiguration") && "dynamoDbAsyncClient".equals(name)) {
			return Kind.DYNAMODB_ASYNC;
		}
		if (isDefinedIn(resource, "SingleTableBlobsAutoConfiguration")) {
			if ("singleTableS3Client".equals(name)) {
				return Kind.S3;
			}
			if ("singleTableS3AsyncClient".equals(name)) {
				return Kind.S3_ASYNC;
			}
		}
		return Kind.OTHER;
	}

	/**
	 * Whether a resource description ({@code class path resource [dev/…/X.class]}, or the class name of an
	 * auto-configuration registered by name) names one of singletable's auto-configuration classes or a class nested
	 * in it.
	 */
	private static boolean isDefinedIn(@Nullable String resource, String simpleName) {
		if (resource == null) {
			return false;
		}
		String definedIn = resource.replace('/', '.');
		String className = PACKAGE + simpleName;
		int at = definedIn.indexOf(className);
		if (at < 0) {
			return false;
		}
		int end = at + className.length();
		return end == definedIn.length() || ".$]".indexOf(definedIn.charAt(end)) >= 0;
	}

	/**
	 * Returns whether the failed client is one of the auto-configured S3 clients.
	 * @return whether it is an S3 client of large fields
	 */
	boolean isS3() {
		return this.kind == Kind.S3 || this.kind == Kind.S3_ASYNC;
	}

}
