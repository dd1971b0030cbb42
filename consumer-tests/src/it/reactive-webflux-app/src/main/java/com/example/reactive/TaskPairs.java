package com.example.reactive;

import java.util.List;

import org.springframework.stereotype.Service;

import dev.singletable.core.reactive.ReactiveSingleTableTransactional;
import reactor.core.publisher.Mono;

@Service
public class TaskPairs {

	private final TaskRepository tasks;

	public TaskPairs(TaskRepository tasks) {
		this.tasks = tasks;
	}

	/** Inserts both tasks in one transaction: both are stored, or neither (an id already taken cancels both). */
	@ReactiveSingleTableTransactional
	public Mono<List<Task>> insertBoth(Task first, Task second) {
		return this.tasks.insert(first)                                              // collected, not sent
			.flatMap((one) -> this.tasks.insert(second).map((two) -> List.of(one, two)));   // sent together
	}

}
