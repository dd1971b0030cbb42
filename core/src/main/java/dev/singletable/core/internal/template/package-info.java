/**
 * What a blocking template is made of ({@code TemplateComponents}): the {@code TemplateAssembly} both execution
 * models share (its table's shared plans, its own plans on them, its reads) and the blocking runtime (its drivers,
 * caller and query executor); the port what is built on a template sends through ({@code TemplateExecutors}).
 * <p>
 * Internal: public only for {@code SingleTableTemplate}; not API, may change in any release.
 */
@NullMarked
package dev.singletable.core.internal.template;

import org.jspecify.annotations.NullMarked;
