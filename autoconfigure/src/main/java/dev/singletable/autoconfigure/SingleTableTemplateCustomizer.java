package dev.singletable.autoconfigure;

import dev.singletable.core.SingleTableTemplate;

/**
 * Callback that customizes the auto-configured {@link SingleTableTemplate} before it is used, for example to set
 * its clock. The observability auto-configuration gives it its observation registry and metrics this way.
 * <pre class="code">
 * &#64;Bean
 * SingleTableTemplateCustomizer strongReads() {
 *     return (template) -&gt; template.setConsistentReads(true);
 * }
 * </pre>
 * Customizers run in {@link org.springframework.core.annotation.Order order}, after the template's properties are
 * applied. A template the application defines itself is not customized.
 */
@FunctionalInterface
public interface SingleTableTemplateCustomizer {

	/**
	 * Customizes the template.
	 * @param template the template, with its properties applied
	 */
	void customize(SingleTableTemplate template);

}
