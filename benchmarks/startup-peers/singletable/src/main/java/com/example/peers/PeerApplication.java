package com.example.peers;

import java.net.URI;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The singletable starter with the application's own client, built as {@code ddb-client}'s, against the DynamoDB
 * Local of {@code peers.endpoint}.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class PeerApplication {

	@Bean
	DynamoDbClient dynamoDbClient(org.springframework.core.env.Environment environment) {
		return DynamoDbClient.builder()
			.httpClient(UrlConnectionHttpClient.create())
			.region(Region.US_EAST_1)
			.endpointOverride(URI.create(environment.getRequiredProperty("peers.endpoint")))
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("peers", "peers")))
			.build();
	}

	public static void main(String[] args) {
		SpringApplication.run(PeerApplication.class, args);
	}

}
