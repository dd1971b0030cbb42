package com.example.reference.shop;

import dev.singletable.repository.VersionedRepository;

public interface CustomerRepository extends VersionedRepository<Customer> {

}
