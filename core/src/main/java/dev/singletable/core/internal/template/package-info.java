/**
 * What a template is made of ({@code TemplateComponents}): the components of the layers, built once for a database
 * factory and a converter, and the rules of where a template operation goes.
 * <p>
 * Internal: public only for {@code SingleTableTemplate}; not API, may change in any release.
 */
@NullMarked
package dev.singletable.core.internal.template;

import org.jspecify.annotations.NullMarked;
