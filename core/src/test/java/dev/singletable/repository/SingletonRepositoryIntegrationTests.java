package dev.singletable.repository;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.repository.config.EnableSingleTableRepositories;
import dev.singletable.repository.singletons.Branding;
import dev.singletable.repository.singletons.BrandingRepository;
import dev.singletable.repository.singletons.Palette;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Derived queries of a singleton type on an index sorted by the partition key bound that key as the item has it,
 * {@code SINGLETON#<prefix>}, not {@code <prefix>#<id>}.
 */
class SingletonRepositoryIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private AnnotationConfigApplicationContext context;

	private BrandingRepository branding;

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		this.context = new AnnotationConfigApplicationContext(Config.class);
		this.branding = this.context.getBean(BrandingRepository.class);
		this.template = this.context.getBean(SingleTableTemplate.class);
	}

	@AfterEach
	void tearDown() {
		this.context.close();
	}

	@Test
	void idConditionsOfASingletonBoundItsSingletonKey() {
		Branding saved = this.branding.save(new Branding(null, null, "dark", "logo.svg"));
		// another type in the same index partitions, with the singleton's id and ids around its key
		this.template.create(new Palette("Branding", "dark"));
		this.template.create(new Palette("A", "dark"));
		this.template.create(new Palette("Z", "dark"));
		assertThat(saved.id()).isEqualTo("Branding");

		assertThat(this.branding.findByTheme("dark")).containsExactly(saved);
		dynamo.requests().reset();
		assertThat(this.branding.findByThemeAndId("dark", "Branding")).contains(saved);
		QueryRequest sent = dynamo.requests().sent(QueryRequest.class).get(0);
		assertThat(sent.indexName()).isEqualTo("gsi1");
		assertThat(sent.expressionAttributeValues().values()).extracting((value) -> value.s())
			.contains("SINGLETON#Branding")
			.doesNotContain("Branding#Branding");

		assertThat(this.branding.findByThemeAndId("dark", "Other")).isEmpty();
		assertThat(this.branding.findByThemeAndIdStartingWith("dark", "Bran")).containsExactly(saved);
		assertThat(this.branding.findByThemeAndIdStartingWith("dark", "X")).isEmpty();
		assertThat(this.branding.findByThemeAndIdGreaterThanEqual("dark", "B")).containsExactly(saved);
		assertThat(this.branding.findByThemeAndIdGreaterThanEqual("dark", "C")).isEmpty();
		assertThat(this.branding.findByThemeAndIdLessThan("dark", "C")).containsExactly(saved);
		assertThat(this.branding.findByThemeAndIdLessThan("dark", "B")).isEmpty();
		assertThat(this.branding.findByThemeAndIdBetween("dark", "A", "C")).containsExactly(saved);
		assertThat(this.branding.findByThemeOrderByIdDesc("dark")).containsExactly(saved);
		assertThat(this.branding.findByTheme("light")).isEmpty();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableSingleTableRepositories(basePackageClasses = BrandingRepository.class)
	static class Config {

		@Bean
		SingleTableTemplate singleTableTemplate() {
			return new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		}

	}

}
