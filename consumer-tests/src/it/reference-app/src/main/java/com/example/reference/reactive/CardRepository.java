package com.example.reference.reactive;

import java.util.Collection;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;

import dev.singletable.repository.reactive.ReactiveVersionedRepository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

public interface CardRepository extends ReactiveVersionedRepository<Card> {

	Flux<Card> findByBoard(String board);                                              // gsi1, read by demand

	Flux<Card> findByBoardIn(Collection<String> boards);                               // gsi1, merged

	Mono<Window<Card>> findWindowByBoard(String board, ScrollPosition position, Limit limit);

	Mono<Long> countByBoard(String board);

}
