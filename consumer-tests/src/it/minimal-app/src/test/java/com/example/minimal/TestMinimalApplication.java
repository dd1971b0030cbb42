package com.example.minimal;

import org.springframework.boot.SpringApplication;

public class TestMinimalApplication {

	public static void main(String[] args) {
		SpringApplication.from(MinimalApplication::main).run(args);
	}

}
