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
 * Customizers run in {@link org.springframework.core.annotation.Order order}.
 */
@FunctionalInterface
public interface SingleTableJsonMapperBuilderCustomizer {

	/**
	 * Customizes the storage mapper builder.
	 * @param builder the builder, preconfigured with the storage defaults
	 */
	void customize(JsonMapper.Builder builder);

}
