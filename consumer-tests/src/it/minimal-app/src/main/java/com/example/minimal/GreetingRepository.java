package com.example.minimal;

import dev.singletable.repository.VersionedRepository;

public interface GreetingRepository extends VersionedRepository<Greeting> {

}
