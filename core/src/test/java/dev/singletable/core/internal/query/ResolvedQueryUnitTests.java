package dev.singletable.core.internal.query;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;

import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.query.Filter;
import dev.singletable.repository.sample.Ticket;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A query specification resolved against the mapping, without a server: the index's key attributes and the key
 * condition (the type index's constant partition by default), the filter on stored names, the projection of what a
 * read needs, and the refusals of what DynamoDB cannot do, each named. Expressions are checked with their
 * placeholders expanded.
 */
class ResolvedQueryUnitTests {

	private final MappingSingleTableConverter converter = new MappingSingleTableConverter(
			new SingleTableMappingContext());

	private final QuerySpec tickets = QuerySpec.of(this.converter.getRequiredEntity(Ticket.class));

	private final QuerySpec gadgets = QuerySpec.of(this.converter.getRequiredEntity(Gadget.class));

	@Test
	void aTypeIsListedOnTheTypeIndexUnderItsPrefix() {
		ResolvedQuery query = resolve(this.tickets, ResolvedQuery.Reading.ITEMS);

		assertThat(query.index()).isEqualTo("gsitype");
		assertThat(expand(query.keyCondition(), query)).isEqualTo("gsitype = 'Ticket'");
		QueryRequest request = query.request("table", query.filterExpression(), true).build();
		assertThat(request.indexName()).isEqualTo("gsitype");
		assertThat(request.consistentRead()).isNull();
		// a compressed type is read whole
		assertThat(query.projectionExpression()).isNull();
	}

	@Test
	void aDeclaredIndexIsQueriedOnItsKeyAttributesWithTheSortCondition() {
		ResolvedQuery query = resolve(this.tickets.withIndex("gsi3")
			.withPartition("assignee#ann")
			.withSort(QuerySpec.SortOperator.BETWEEN, "2026-01-01", "2026-01-31"), ResolvedQuery.Reading.ITEMS);

		assertThat(query.partitionAttribute()).isEqualTo("gsi3pk");
		assertThat(query.sortAttribute()).isEqualTo("gsi3sk");
		assertThat(expand(query.keyCondition(), query))
			.isEqualTo("gsi3pk = 'assignee#ann' AND gsi3sk BETWEEN '2026-01-01' AND '2026-01-31'");
		ResolvedQuery prefix = resolve(
				this.tickets.withIndex("gsi3").withPartition("assignee#ann").withSortBeginsWith("2026-02"),
				ResolvedQuery.Reading.ITEMS);
		assertThat(expand(prefix.keyCondition(), prefix))
			.isEqualTo("gsi3pk = 'assignee#ann' AND begins_with(gsi3sk, '2026-02')");
	}

	@Test
	void whatAnIndexCannotDoIsRefusedNamingIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> resolve(this.tickets.withIndex("gsi3").withPartition("assignee#ann").withConsistentRead(),
					ResolvedQuery.Reading.ITEMS))
			.withMessage("Index 'gsi3' is a global secondary index, which only supports eventually consistent reads; "
					+ "drop consistentRead() or query the table");
		// an index that sorts on the table's pk takes a condition on it
		ResolvedQuery onPk = resolve(this.tickets.withIndex("gsi1").withPartition("status#OPEN")
			.withSort(QuerySpec.SortOperator.BEGINS_WITH, "Ticket#"), ResolvedQuery.Reading.ITEMS);
		assertThat(expand(onPk.keyCondition(), onPk)).isEqualTo("gsi1pk = 'status#OPEN' AND begins_with(pk, 'Ticket#')");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> resolve(this.tickets.withIndex("gsi3"), ResolvedQuery.Reading.ITEMS))
			.withMessage("Query on index 'gsi3' needs a partition value; call partition(..)");
	}

	@Test
	void aFilterIsRenderedOnStoredNamesAndRefusedInsideCompressedData() {
		ResolvedQuery query = resolve(
				this.gadgets.withIndex("gsi3").withPartition("maker#acme").andFilter(Filter.property("price").gt(10)),
				ResolvedQuery.Reading.ITEMS);

		assertThat(expand(query.filterExpression(), query)).isEqualTo("price > 10");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> resolve(this.tickets.andFilter(Filter.property("title").eq("x")),
					ResolvedQuery.Reading.ITEMS))
			.withMessageStartingWith("Ticket is stored compressed, so 'title' is inside the compressed data");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> resolve(this.gadgets.andFilter(Filter.property("colour").eq("red")),
					ResolvedQuery.Reading.ITEMS))
			.withMessage("Gadget has no property 'colour' to filter on");
	}

	@Test
	void aFilterForOneTypeOfSeveralLeavesTheOthersItems() {
		QuerySpec both = QuerySpec.of(List.of(this.converter.getRequiredEntity(Gadget.class),
				this.converter.getRequiredEntity(Widget.class)), true)
			.withIndex("gsi3")
			.withPartition("maker#acme")
			.andFilter(Filter.forType(Gadget.class, Filter.property("price").lt(5)));

		ResolvedQuery query = resolve(both, ResolvedQuery.Reading.ITEMS);

		assertThat(expand(query.filterExpression(), query)).isEqualTo("(gsitype <> 'Gadget' OR price < 5)");
	}

	@Test
	void selectedPropertiesAreProjectedWithWhatAReadNeedsAndKeysAloneForSkipping() {
		ResolvedQuery selected = resolve(this.gadgets.withIndex("gsi3").withPartition("maker#acme").withProperties("name"),
				ResolvedQuery.Reading.ITEMS);
		assertThat(expand(selected.projectionExpression(), selected).split(", ")).startsWith("pk", "sk", "gsi3pk",
				"gsi3sk", "name").contains("version", "created_at", "updated_at").doesNotContain("price");

		ResolvedQuery keys = resolve(this.gadgets.withIndex("gsi3").withPartition("maker#acme"),
				ResolvedQuery.Reading.KEYS);
		assertThat(expand(keys.projectionExpression(), keys)).isEqualTo("pk, sk, gsi3pk, gsi3sk");

		ResolvedQuery count = resolve(this.gadgets.withIndex("gsi3").withPartition("maker#acme"),
				ResolvedQuery.Reading.COUNT);
		assertThat(count.projectionExpression()).isNull();
	}

	private ResolvedQuery resolve(QuerySpec spec, ResolvedQuery.Reading reading) {
		return ResolvedQuery.of(spec, this.converter, (pk) -> true, reading);
	}

	/** An expression with its name and value placeholders replaced by the names and values. */
	private static String expand(@Nullable String expression, ResolvedQuery query) {
		assertThat(expression).isNotNull();
		Map<String, String> names = query.expression().names();
		Map<String, AttributeValue> values = query.expression().values();
		Matcher matcher = Pattern.compile("#\\w+|:\\w+").matcher(expression);
		StringBuilder expanded = new StringBuilder();
		while (matcher.find()) {
			String placeholder = matcher.group();
			String replacement = placeholder.startsWith("#") ? names.get(placeholder)
					: "'" + ((values.get(placeholder).s() != null) ? values.get(placeholder).s()
							: values.get(placeholder).n()) + "'";
			matcher.appendReplacement(expanded, Matcher.quoteReplacement(replacement));
		}
		matcher.appendTail(expanded);
		return expanded.toString().replace("'10'", "10").replace("'5'", "5");
	}

	/** A plain, uncompressed type with an index of its own. */
	@SingleTableEntity
	@IndexKey(index = "gsi3", partition = "maker#{maker}", sort = "{name}")
	record Gadget(@Id String id, String name, String maker, int price) {
	}

	/** Another type on the same index. */
	@SingleTableEntity
	@IndexKey(index = "gsi3", partition = "maker#{maker}", sort = "{name}")
	record Widget(@Id String id, String name, String maker) {
	}

}
