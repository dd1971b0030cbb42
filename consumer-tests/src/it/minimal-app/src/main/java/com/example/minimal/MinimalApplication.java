package com.example.minimal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class MinimalApplication {

	public static void main(String[] args) {
		SpringApplication.run(MinimalApplication.class, args);
	}

}
