package dev.singletable.autoconfigure;

import dev.singletable.core.reactive.ReactiveSingleTableTemplate;

/**
 * Callback that customizes the auto-configured {@link ReactiveSingleTableTemplate} before it is used, as
 * {@link SingleTableTemplateCustomizer} does for the blocking template. The observability auto-configuration gives
 * it its observation registry and metrics this way.
 * <pre class="code">
 * &#64;Bean
 * ReactiveSingleTableTemplateCustomizer strongReads() {
 *     return (template) -&gt; template.setConsistentReads(true);
 * }
 * </pre>
 * Customizers run in {@link org.springframework.core.annotation.Order order}, after the template's properties are
 * applied. A template the application defines itself is not customized.
 */
@FunctionalInterface
public interface ReactiveSingleTableTemplateCustomizer {

	/**
	 * Customizes the template.
	 * @param template the template, with its properties applied
	 */
	void customize(ReactiveSingleTableTemplate template);

}
