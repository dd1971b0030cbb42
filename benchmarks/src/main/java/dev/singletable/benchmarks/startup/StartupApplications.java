package dev.singletable.benchmarks.startup;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

import dev.singletable.benchmarks.model.VersionedArticle;
import dev.singletable.benchmarks.model.VersionedArticleRepository;
import dev.singletable.benchmarks.sdk.ScriptedHttpClient;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.repository.config.EnableSingleTableRepositories;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The applications whose start-up is measured. None has a web server; the ones with a {@link DynamoDbClient}
 * get a stubbed one that answers every request with an empty JSON object and never opens a connection.
 */
final class StartupApplications {

	private StartupApplications() {
	}

	static DynamoDbClient stubbedClient() {
		ScriptedHttpClient http = new ScriptedHttpClient(UrlConnectionHttpClient.create());
		http.replay(List.of(new ScriptedHttpClient.Recorded(200,
				Map.of("Content-Type", List.of("application/x-amz-json-1.0")), "{}".getBytes(StandardCharsets.UTF_8))));
		return DynamoDbClient.builder()
			.httpClient(http)
			.region(Region.US_EAST_1)
			.endpointOverride(URI.create("http://127.0.0.1:9"))
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("stub", "stub")))
			.build();
	}

	/**
	 * Spring Boot with no web and nothing of singletable.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration(excludeName = { "dev.singletable.autoconfigure.SingleTableAutoConfiguration",
			"dev.singletable.autoconfigure.data.SingleTableRepositoriesAutoConfiguration",
			"dev.singletable.autoconfigure.health.SingleTableHealthContributorAutoConfiguration" })
	static class Bare {

	}

	/**
	 * The bare application plus the application's own {@link DynamoDbClient}, the SDK's share of the start-up.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration(excludeName = { "dev.singletable.autoconfigure.SingleTableAutoConfiguration",
			"dev.singletable.autoconfigure.data.SingleTableRepositoriesAutoConfiguration",
			"dev.singletable.autoconfigure.health.SingleTableHealthContributorAutoConfiguration" })
	static class WithClient {

		@Bean
		DynamoDbClient dynamoDbClient() {
			return stubbedClient();
		}

	}

	/**
	 * An application using the starter as documented: entities and a repository in its packages, its own
	 * {@link DynamoDbClient}; the auto-configuration does the rest. A blocking application: Reactor and the Netty
	 * client are on the harness's class path only for the reactive section, so the reactive auto-configuration
	 * (an async client on Netty and the reactive template), which an application without them never gets, is left
	 * out to keep measuring what it starts.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration(excludeName = "dev.singletable.autoconfigure.SingleTableReactiveAutoConfiguration")
	@AutoConfigurationPackage(basePackageClasses = VersionedArticle.class)
	static class Starter {

		@Bean
		DynamoDbClient dynamoDbClient() {
			return stubbedClient();
		}

	}

	/**
	 * What the starter sets up, declared by hand: used only when the auto-configuration is missing or fails.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration(excludeName = { "dev.singletable.autoconfigure.SingleTableAutoConfiguration",
			"dev.singletable.autoconfigure.data.SingleTableRepositoriesAutoConfiguration",
			"dev.singletable.autoconfigure.health.SingleTableHealthContributorAutoConfiguration" })
	@EnableSingleTableRepositories(basePackageClasses = VersionedArticleRepository.class)
	static class Manual {

		@Bean
		DynamoDbClient dynamoDbClient() {
			return stubbedClient();
		}

		@Bean
		SingleTableTemplate singleTableTemplate(DynamoDbClient dynamoDbClient) {
			return new SingleTableTemplate(dynamoDbClient, "benchmarks");
		}

	}

}
