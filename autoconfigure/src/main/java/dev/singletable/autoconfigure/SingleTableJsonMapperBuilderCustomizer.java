package dev.singletable.autoconfigure;

import tools.jackson.databind.json.JsonMapper;

/**
 * Callback that customizes the builder of the JSON mapper that writes and reads stored entities, for example to
 * name stored attributes in snake_case. It starts from {@link dev.singletable.core.convert.StorageJsonMapper#builder()
 * the storage defaults} and is separate from the application's web {@code JsonMapper}: tuning one never changes the
 * other.
 * <pre class="code">
 * &#64;Bean
 * SingleTableJsonMapperBuilderCustomizer snakeCase() {
 *     return (builder) -&gt; builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
 * }
 * </pre>
 * Customizers run in {@link org.springframework.core.annotation.Order order}. When Jackson's Kotlin module
 * ({@code tools.jackson.module:jackson-module-kotlin}) is on the classpath the builder has it already, with its
 * default features; a customizer that adds its own {@code KotlinModule} replaces it (a feature that changes what a
 * Kotlin class writes makes its items differ from those of the equivalent Java record, which other services and
 * Python read).
 */
@FunctionalInterface
public interface SingleTableJsonMapperBuilderCustomizer {

	/**
	 * Customizes the storage mapper builder.
	 * @param builder the builder, preconfigured with the storage defaults
	 */
	void customize(JsonMapper.Builder builder);

}
