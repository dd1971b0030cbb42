/**
 * What a template is made of ({@code TemplateComponents}): its table's shared plans, its own plans on them, its
 * drivers, and the rules of where a template operation goes; the port what is built on a template sends through
 * ({@code TemplateExecutors}).
 * <p>
 * Internal: public only for {@code SingleTableTemplate}; not API, may change in any release.
 */
@NullMarked
package dev.singletable.core.internal.template;

import org.jspecify.annotations.NullMarked;
