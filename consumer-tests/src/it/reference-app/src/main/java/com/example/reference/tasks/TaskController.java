package com.example.reference.tasks;

import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Window;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.singletable.repository.Cursors;

@RestController
@RequestMapping("/tasks")
public class TaskController {

	private final TaskRepository tasks;

	public TaskController(TaskRepository tasks) {
		this.tasks = tasks;
	}

	@GetMapping
	public TaskPage list(@RequestParam String assignee, @RequestParam(required = false) String cursor,
			@RequestParam(defaultValue = "20") int size) {
		Window<Task> window = this.tasks.findByAssigneeOrderByDueAsc(assignee, Cursors.position(cursor),
				Limit.of(size));
		return new TaskPage(window.getContent(), Cursors.next(window));   // nextCursor: null on the last page
	}

	public record TaskPage(List<Task> items, String nextCursor) {
	}

}
