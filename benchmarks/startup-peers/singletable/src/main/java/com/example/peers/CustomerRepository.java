package com.example.peers;

import java.util.List;

import dev.singletable.repository.AllowFiltering;
import dev.singletable.repository.VersionedRepository;

public interface CustomerRepository extends VersionedRepository<Customer> {

	List<Customer> findByTier(Customer.Tier tier);

	List<Customer> findByEmail(String email);

	List<Customer> findByTierOrderByUpdatedAtDesc(Customer.Tier tier);

	@AllowFiltering
	List<Customer> findByTierAndNameStartingWith(Customer.Tier tier, String prefix);

}
