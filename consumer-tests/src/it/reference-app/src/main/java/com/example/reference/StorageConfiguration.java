package com.example.reference;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.singletable.autoconfigure.SingleTableDynamoDbClientBuilderCustomizer;

@Configuration(proxyBeanMethods = false)
public class StorageConfiguration {

	@Bean
	SingleTableDynamoDbClientBuilderCustomizer callTimeouts() {
		return (builder) -> builder.overrideConfiguration((client) -> client.apiCallTimeout(Duration.ofSeconds(10))
			.apiCallAttemptTimeout(Duration.ofSeconds(2)));
	}

}
