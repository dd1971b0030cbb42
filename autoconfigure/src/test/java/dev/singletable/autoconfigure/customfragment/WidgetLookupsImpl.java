package dev.singletable.autoconfigure.customfragment;

import java.util.List;

import dev.singletable.autoconfigure.data.repo.Widget;

/**
 * The implementation of {@link WidgetLookups}.
 */
public class WidgetLookupsImpl implements WidgetLookups {

	@Override
	public List<Widget> findByColorLikeWithinBudget(String pattern) {
		return List.of();
	}

}
