package com.example.minimal;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter alone: the runner wrote and read a greeting on the embedded DynamoDB Local the test classpath brings.
 */
@SpringBootTest
@ExtendWith(OutputCaptureExtension.class)
class MinimalApplicationTests {

	@Autowired
	GreetingRunner runner;

	@Autowired
	GreetingRepository greetings;

	@Test
	void theRunnerWroteReadAndPrintedAGreeting(CapturedOutput output) {
		Greeting greeting = this.runner.readBack();
		assertThat(greeting).isNotNull();
		assertThat(greeting.id()).isNotBlank();
		assertThat(greeting.version()).isEqualTo(1L);
		assertThat(greeting.createdAt()).isNotNull();
		assertThat(greeting.text()).isEqualTo("Hello, single table");
		assertThat(this.greetings.findById(greeting.id())).contains(greeting);
		assertThat(output).contains("Read back: " + greeting);
	}

	@Test
	void noWebNoS3NoReactor() {
		ClassLoader classLoader = getClass().getClassLoader();
		for (String type : List.of("org.springframework.web.bind.annotation.RequestMapping",
				"org.springframework.web.client.RestClient", "software.amazon.awssdk.services.s3.S3Client",
				"reactor.core.publisher.Mono")) {
			assertThat(ClassUtils.isPresent(type, classLoader)).as(type).isFalse();
		}
	}

}
