package dev.singletable.core.internal.operation;

import java.lang.reflect.Proxy;

import org.junit.jupiter.api.Test;

import dev.singletable.core.SingleTableOperations;
import dev.singletable.core.TemplateWrapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TemplatePartsUnitTests {

	@Test
	void aTemplateIsAskedForWhatItIsMadeOf() {
		SingleTableOperations template = operations("a template", (type) -> type.cast("the parts"));

		assertThat(TemplateParts.of(template, String.class)).isEqualTo("the parts");
	}

	@Test
	void whatATemplateRefusesToUnwrapIsRefusedAsItSays() {
		SingleTableOperations template = operations("a template", (type) -> {
			throw new IllegalArgumentException("holds no " + type.getName());
		});

		assertThatIllegalArgumentException().isThrownBy(() -> TemplateParts.tablePlans(template))
			.withMessage("holds no " + TablePlans.class.getName());
	}

	@Test
	void operationsThatAreNoTemplateAreRefusedNamingThemAndWhatWasAsked() {
		SingleTableOperations operations = operations("hand-made operations", null);

		assertThatIllegalArgumentException().isThrownBy(() -> TemplateParts.tablePlans(operations))
			.withMessageContaining("hand-made operations")
			.withMessageContaining("is no SingleTableTemplate")
			.withMessageContaining(TablePlans.class.getName());
	}

	@Test
	void noTemplateIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> TemplateParts.of(null, String.class))
			.withMessage("Template must not be null");
	}

	/** Operations named as given, a {@link TemplateWrapper} unwrapping as given unless that is {@literal null}. */
	private static SingleTableOperations operations(String name, Unwrap unwrap) {
		Class<?>[] types = (unwrap != null) ? new Class<?>[] { SingleTableOperations.class, TemplateWrapper.class }
				: new Class<?>[] { SingleTableOperations.class };
		return (SingleTableOperations) Proxy.newProxyInstance(TemplatePartsUnitTests.class.getClassLoader(), types,
				(proxy, method, args) -> switch (method.getName()) {
					case "toString" -> name;
					case "unwrap" -> unwrap.to((Class<?>) args[0]);
					default -> null;
				});
	}

	@FunctionalInterface
	private interface Unwrap {

		Object to(Class<?> type);

	}

}
