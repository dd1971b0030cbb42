package dev.singletable.archfixture.core.internal.item;

import dev.singletable.archfixture.core.internal.template.TemplateExecutors;

/** Broken: the item layer reaching the template's port, a layer below it. */
public class UpwardItem {

	Object driver(Object template) {
		return TemplateExecutors.of(template);
	}

}
