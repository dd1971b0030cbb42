package com.example.reactive;

import org.springframework.boot.SpringApplication;

public class TestReactiveWebfluxApplication {

	public static void main(String[] args) {
		SpringApplication.from(ReactiveWebfluxApplication::main).run(args);
	}

}
