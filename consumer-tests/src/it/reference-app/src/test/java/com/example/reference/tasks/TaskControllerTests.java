package com.example.reference.tasks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client following the cursors of repositories.md's controller to the last page.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class TaskControllerTests {

	@LocalServerPort
	int port;

	@Autowired
	TaskRepository tasks;

	@Test
	void aClientPagesWithTheCursorOfEachResponse() {
		for (int day = 1; day <= 5; day++) {
			this.tasks.save(new Task(null, null, "moon", "cy", LocalDate.of(2026, 7, day), "step " + day, false));
		}
		RestClient http = RestClient.create("http://localhost:" + this.port);

		List<String> titles = new ArrayList<>();
		int pages = 0;
		String cursor = null;
		do {
			String after = cursor;
			TaskController.TaskPage page = http.get()
				.uri((uri) -> uri.path("/tasks")
					.queryParam("assignee", "cy")
					.queryParam("size", 2)
					.queryParamIfPresent("cursor", Optional.ofNullable(after))
					.build())
				.retrieve()
				.body(TaskController.TaskPage.class);
			page.items().forEach((task) -> titles.add(task.title()));
			cursor = page.nextCursor();
			pages++;
		}
		while (cursor != null);

		assertThat(titles).containsExactly("step 1", "step 2", "step 3", "step 4", "step 5");
		assertThat(pages).isEqualTo(3);
	}

}
