package com.example.reactive;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/tasks")
public class TaskController {

	private final TaskRepository tasks;

	private final TaskPairs pairs;

	public TaskController(TaskRepository tasks, TaskPairs pairs) {
		this.tasks = tasks;
		this.pairs = pairs;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	public Mono<Task> create(@RequestBody Task task) {
		return this.tasks.save(new Task(null, null, task.board(), task.title()));
	}

	@GetMapping("/{id}")
	public Mono<Task> get(@PathVariable String id) {
		return this.tasks.findById(id).switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
	}

	@GetMapping
	public Flux<Task> onBoard(@RequestParam String board) {
		return this.tasks.findByBoard(board);
	}

	/** Two tasks with the ids the client chose, in one transaction; an id already taken is a 409 problem. */
	@PostMapping("/pairs")
	@ResponseStatus(HttpStatus.CREATED)
	public Mono<List<Task>> createPair(@RequestBody List<Task> pair) {
		return this.pairs.insertBoth(pair.get(0), pair.get(1));
	}

}
