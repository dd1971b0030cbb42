package com.example.minimal;

import org.springframework.boot.CommandLineRunner;
import org.springframework.stereotype.Component;

/**
 * Writes a greeting when the application starts, reads it back and prints it.
 */
@Component
public class GreetingRunner implements CommandLineRunner {

	private final GreetingRepository greetings;

	private volatile Greeting readBack;

	public GreetingRunner(GreetingRepository greetings) {
		this.greetings = greetings;
	}

	@Override
	public void run(String... args) {
		Greeting saved = this.greetings.save(new Greeting(null, null, null, "Hello, single table"));
		this.readBack = this.greetings.findById(saved.id()).orElseThrow();
		System.out.println("Read back: " + this.readBack);
	}

	/** What the last run read back, {@code null} before it ran. */
	public Greeting readBack() {
		return this.readBack;
	}

}
