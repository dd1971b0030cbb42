package com.example.outbox;

import org.springframework.boot.SpringApplication;

public class TestOutboxApplication {

	public static void main(String[] args) {
		SpringApplication.from(OutboxApplication::main).run(args);
	}

}
