package com.example.events;

import org.springframework.boot.SpringApplication;

public class TestEventsApplication {

	public static void main(String[] args) {
		SpringApplication.from(EventsApplication::main).run(args);
	}

}
