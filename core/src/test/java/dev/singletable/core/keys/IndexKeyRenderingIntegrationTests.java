package dev.singletable.core.keys;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.keys.Paint.Color;
import dev.singletable.repository.config.EnableSingleTableRepositories;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Index keys hold values as they are stored and as a Python service writes them into its keys, and derived
 * queries render their arguments the same way.
 */
class IndexKeyRenderingIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private AnnotationConfigApplicationContext context;

	private SingleTableTemplate template;

	private PaintRepository paints;

	@BeforeEach
	void setUp() {
		this.context = new AnnotationConfigApplicationContext(Config.class);
		this.template = this.context.getBean(SingleTableTemplate.class);
		this.paints = this.context.getBean(PaintRepository.class);
	}

	@AfterEach
	void tearDown() {
		this.context.close();
	}

	@Test
	void keysRenderEnumsAsStoredAndPartitionNumbersAsPythonsStr() {
		Paint paint = this.template.create(new Paint(null, null, Color.DARK_RED, 2, "b1", 42));

		Map<String, AttributeValue> item = dynamo.rawClient()
			.getItem((request) -> request.tableName(dynamo.tableName())
				.key(Map.of("pk", AttributeValue.fromS("Paint#" + paint.id()), "sk",
						AttributeValue.fromS("Paint#" + paint.id()))))
			.item();
		assertThat(item.get("color").s()).isEqualTo("dark-red");
		assertThat(item.get("gsi1pk").s()).isEqualTo("color#dark-red");
		assertThat(item.get("gsi2pk").s()).isEqualTo("prio#2");
		assertThat(item.get("gsi3pk").s()).isEqualTo("batch#b1");
		assertThat(item.get("gsi3sk").s()).isEqualTo("00042");
	}

	@Test
	void derivedQueriesFindWhatJavaAndPythonWrote() {
		Paint java = this.template.create(new Paint(null, null, Color.GREEN, 2, "b1", 42));
		putAsPython("01PYTHON0000000000000000AA", "green", 2, "b1", 7);
		putAsPython("01PYTHON0000000000000000BB", "dark-red", 3, "b1", 123456);

		assertThat(this.paints.findByColor(Color.GREEN)).extracting(Paint::id)
			.containsExactlyInAnyOrder(java.id(), "01PYTHON0000000000000000AA");
		assertThat(this.paints.findByPriority(2)).extracting(Paint::id)
			.containsExactlyInAnyOrder(java.id(), "01PYTHON0000000000000000AA");
		assertThat(this.paints.findByPriority(3)).extracting(Paint::id).containsExactly("01PYTHON0000000000000000BB");
		assertThat(this.paints.findByBatchAndSequenceBetweenOrderBySequenceAsc("b1", 5, 50)).extracting(Paint::sequence)
			.containsExactly(7, 42);
		assertThat(this.paints.findByBatchAndSequence("b1", 123456)).extracting(Paint::id)
			.containsExactly("01PYTHON0000000000000000BB");
	}

	@Test
	void booleansRenderAsPythonsFStringInWritesDerivedQueriesAndTemplateQueries() {
		Toggle on = this.template.create(new Toggle(null, null, "g", "a", true));
		Toggle off = this.template.create(new Toggle(null, null, "g", "b", false));
		putToggleAsPython("01PYTHON0000000000000000CC", "g", "c", true);

		Map<String, AttributeValue> item = dynamo.rawClient()
			.getItem((request) -> request.tableName(dynamo.tableName())
				.key(Map.of("pk", AttributeValue.fromS("Toggle#" + on.id()), "sk",
						AttributeValue.fromS("Toggle#" + on.id()))))
			.item();
		// Python: f"flag#{True}" == "flag#True"
		assertThat(item.get("gsi1pk").s()).isEqualTo("flag#True");
		assertThat(item.get("gsi3sk").s()).isEqualTo("True#a");
		ToggleRepository toggles = this.context.getBean(ToggleRepository.class);
		assertThat(toggles.findByActive(true)).extracting(Toggle::id)
			.containsExactlyInAnyOrder(on.id(), "01PYTHON0000000000000000CC");
		assertThat(toggles.findByActive(false)).extracting(Toggle::id).containsExactly(off.id());
		assertThat(toggles.findByGroupAndActive("g", true)).extracting(Toggle::id)
			.containsExactlyInAnyOrder(on.id(), "01PYTHON0000000000000000CC");
		assertThat(this.template.query(Toggle.class).index("gsi1").partition("flag#" + "True").all())
			.extracting(Toggle::id)
			.containsExactlyInAnyOrder(on.id(), "01PYTHON0000000000000000CC");
		assertThat(this.template.query(Toggle.class).index("gsi3").partition("group#g").sortBeginsWith("False#").all())
			.extracting(Toggle::id)
			.containsExactly(off.id());
	}

	private static void putToggleAsPython(String id, String group, String name, boolean active) {
		String flag = active ? "True" : "False";
		Map<String, AttributeValue> item = new LinkedHashMap<>();
		item.put("pk", AttributeValue.fromS("Toggle#" + id));
		item.put("sk", AttributeValue.fromS("Toggle#" + id));
		item.put("resource_id", AttributeValue.fromS(id));
		item.put("created_at", AttributeValue.fromS("2025-01-01T12:00:00+00:00"));
		item.put("updated_at", AttributeValue.fromS("2025-01-01T12:00:00.500000+00:00"));
		item.put("group", AttributeValue.fromS(group));
		item.put("name", AttributeValue.fromS(name));
		item.put("active", AttributeValue.fromBool(active));
		item.put("gsitype", AttributeValue.fromS("Toggle"));
		item.put("gsitypesk", AttributeValue.fromS("2025-01-01T12:00:00.500000+00:00"));
		item.put("gsi1pk", AttributeValue.fromS("flag#" + flag));
		item.put("gsi3pk", AttributeValue.fromS("group#" + group));
		item.put("gsi3sk", AttributeValue.fromS(flag + "#" + name));
		dynamo.rawClient().putItem((request) -> request.tableName(dynamo.tableName()).item(item));
	}

	/** Writes the item a Python service with f"color#{color}", f"prio#{priority}", f"{sequence:05d}" keys writes. */
	private static void putAsPython(String id, String color, int priority, String batch, int sequence) {
		Map<String, AttributeValue> item = new LinkedHashMap<>();
		item.put("pk", AttributeValue.fromS("Paint#" + id));
		item.put("sk", AttributeValue.fromS("Paint#" + id));
		item.put("resource_id", AttributeValue.fromS(id));
		item.put("created_at", AttributeValue.fromS("2025-01-01T12:00:00+00:00"));
		item.put("updated_at", AttributeValue.fromS("2025-01-01T12:00:00.500000+00:00"));
		item.put("color", AttributeValue.fromS(color));
		item.put("priority", AttributeValue.fromN(Integer.toString(priority)));
		item.put("batch", AttributeValue.fromS(batch));
		item.put("sequence", AttributeValue.fromN(Integer.toString(sequence)));
		item.put("gsitype", AttributeValue.fromS("Paint"));
		item.put("gsitypesk", AttributeValue.fromS("2025-01-01T12:00:00.500000+00:00"));
		item.put("gsi1pk", AttributeValue.fromS("color#" + color));
		item.put("gsi2pk", AttributeValue.fromS("prio#" + priority));
		item.put("gsi3pk", AttributeValue.fromS("batch#" + batch));
		item.put("gsi3sk", AttributeValue.fromS(String.format("%05d", sequence)));
		dynamo.rawClient().putItem((request) -> request.tableName(dynamo.tableName()).item(item));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableSingleTableRepositories(basePackageClasses = PaintRepository.class)
	static class Config {

		@Bean
		SingleTableTemplate singleTableTemplate() {
			return new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		}

	}

}
