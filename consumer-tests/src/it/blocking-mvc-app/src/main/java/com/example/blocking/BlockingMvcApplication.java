package com.example.blocking;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class BlockingMvcApplication {

	public static void main(String[] args) {
		SpringApplication.run(BlockingMvcApplication.class, args);
	}

}
