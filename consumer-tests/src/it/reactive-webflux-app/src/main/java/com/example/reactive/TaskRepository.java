package com.example.reactive;

import dev.singletable.repository.reactive.ReactiveSingleTableRepository;
import reactor.core.publisher.Flux;

public interface TaskRepository extends ReactiveSingleTableRepository<Task> {

	Flux<Task> findByBoard(String board);

}
