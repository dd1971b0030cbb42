package com.example.python;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import dev.singletable.autoconfigure.SingleTableJsonMapperBuilderCustomizer;
import tools.jackson.databind.PropertyNamingStrategies;

@SpringBootApplication
public class IncidentsApplication {

	@Bean   // store assigneeName as assignee_name, as the Python model names it
	SingleTableJsonMapperBuilderCustomizer snakeCase() {
		return (builder) -> builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
	}

	public static void main(String[] args) {
		SpringApplication.run(IncidentsApplication.class, args);
	}

}
