package dev.singletable.autoconfigure.customfragment;

import java.util.List;

import dev.singletable.autoconfigure.data.repo.Widget;

/**
 * A repository fragment whose method name no query could be derived from: its implementation answers it.
 */
public interface WidgetLookups {

	List<Widget> findByColorLikeWithinBudget(String pattern);

}
