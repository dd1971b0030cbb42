package dev.singletable.core;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.singletable.core.internal.item.ExpressionBuilder;
import dev.singletable.core.query.Filter;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;

class ExpressionBuilderUnitTests {

	private static final Pattern SAFE = Pattern.compile("[#:a-zA-Z0-9_ ().,<>=]*");

	@Test
	void rendersEveryOperatorWithPlaceholdersOnly() {
		ExpressionBuilder builder = new ExpressionBuilder();
		Filter filter = Filter.property("status").eq("OPEN")
			.and(Filter.property("a.b").between(1, 2))
			.or(Filter.not(Filter.attribute("x y").beginsWith("p")))
			.and(Filter.attribute("n").in(1, 2, 3))
			.and(Filter.attribute("s").contains("c"))
			.and(Filter.attribute("e").exists())
			.and(Filter.attribute("m").notExists())
			.and(Filter.attribute("z").ne(null));

		String expression = builder.render(filter, (f) -> List.of(f.getPath().split("\\.")), (v) -> AttributeValue.fromS(String.valueOf(v)));

		assertThat(expression).isEqualTo("(((((((#n0 = :v0 AND #n1.#n2 BETWEEN :v1 AND :v2) OR (NOT begins_with(#n3, :v3))) "
				+ "AND #n4 IN (:v4, :v5, :v6)) AND contains(#n5, :v7)) AND attribute_exists(#n6)) "
				+ "AND attribute_not_exists(#n7)) AND #n8 <> :v8)");
		assertThat(builder.names()).containsEntry("#n3", "x y").containsEntry("#n1", "a");
		assertThat(builder.values()).hasSize(9);
	}

	@Test
	void userInputNeverBecomesExpressionSyntax() {
		Random random = new Random(20261123L);
		String alphabet = "abc#:.() '\"=<>ANDORNOT,\\$%{}[]é中\u0000\n";
		for (int round = 0; round < 2000; round++) {
			String name = "n" + randomText(random, alphabet);
			String value = randomText(random, alphabet);
			Filter filter = switch (random.nextInt(4)) {
				case 0 -> Filter.attribute(name).eq(value);
				case 1 -> Filter.attribute(name).beginsWith(value).or(Filter.attribute(name).lt(value));
				case 2 -> Filter.not(Filter.attribute(name).in(value, name));
				default -> Filter.attribute(name).between(value, value).and(Filter.attribute(name).notExists());
			};
			ExpressionBuilder builder = new ExpressionBuilder();

			String expression = builder.render(filter, (f) -> List.of(f.getPath()), (v) -> AttributeValue.fromS((String) v));

			assertThat(expression).matches(SAFE);
			assertThat(builder.names().values()).containsExactly(name);
			Map<String, AttributeValue> values = builder.values();
			assertThat(values.values()).allMatch((v) -> v.s().equals(value) || v.s().equals(name));
		}
	}

	private static String randomText(Random random, String alphabet) {
		StringBuilder text = new StringBuilder();
		int length = 1 + random.nextInt(12);
		for (int i = 0; i < length; i++) {
			text.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return text.toString();
	}

}
