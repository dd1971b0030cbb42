package com.example.peers;

import java.util.List;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface CustomerRepository extends MongoRepository<Customer, String> {

	List<Customer> findByTier(Customer.Tier tier);

	List<Customer> findByEmail(String email);

	List<Customer> findByTierOrderByUpdatedAtDesc(Customer.Tier tier);

	List<Customer> findByTierAndNameStartingWith(Customer.Tier tier, String prefix);

}
