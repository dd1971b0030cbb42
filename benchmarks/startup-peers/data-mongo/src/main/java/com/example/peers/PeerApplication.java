package com.example.peers;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * Spring Data MongoDB's starter with the application's own client, built as {@code mongo-client}'s. A
 * {@link MongoClient} connects in the background: no server is needed to be ready.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class PeerApplication {

	@Bean
	MongoClient mongoClient(org.springframework.core.env.Environment environment) {
		return MongoClients.create(environment.getRequiredProperty("peers.mongodb-uri"));
	}

	public static void main(String[] args) {
		SpringApplication.run(PeerApplication.class, args);
	}

}
