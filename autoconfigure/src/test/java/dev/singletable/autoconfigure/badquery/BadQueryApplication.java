package dev.singletable.autoconfigure.badquery;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;

import dev.singletable.autoconfigure.data.repo.Widget;
import dev.singletable.repository.config.EnableSingleTableRepositories;

/**
 * An application whose startup fails before the embedded DynamoDB Local starts: its repository has a method that
 * cannot be derived. Run in a forked JVM by {@code FailedStartupIntegrationTests}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EntityScan(basePackageClasses = Widget.class)
@EnableSingleTableRepositories(basePackageClasses = LikeWidgetRepository.class)
public class BadQueryApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(BadQueryApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.run(args);
	}

}
