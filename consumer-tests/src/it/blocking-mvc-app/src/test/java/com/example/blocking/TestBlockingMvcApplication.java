package com.example.blocking;

import org.springframework.boot.SpringApplication;

public class TestBlockingMvcApplication {

	public static void main(String[] args) {
		SpringApplication.from(BlockingMvcApplication::main).run(args);
	}

}
